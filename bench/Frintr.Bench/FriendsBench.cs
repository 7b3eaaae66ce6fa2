using System.Diagnostics;
using System.Globalization;
using Frintr.Imaging;
using Frintr.Jobs.Contracts;
using Frintr.Jobs.Friends.Import;
using Frintr.Jobs.Rendering;
using Frintr.Jobs.WebTier;
using Frintr.Jobs.Worker;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

/// <summary><c>friends PICTURES_URL COUNT TARGET_URL ROUNDS [TILECACHE]</c>: the worker's gathering stage on COUNT
/// pictures served at PICTURES_URL{0000…}.jpg, cold (empty tile cache) and warm, then the whole job warm (gather and
/// render 50 × 50 cells of 20 px), with the worker's own services in this process; and the Mastodon importer against
/// a stand-in answering every page after 50 ms. TILECACHE: a Redis connection string for the shared cache (else memory).</summary>
internal static class FriendsBench
{
    public static async Task<int> RunAsync(string pictures, int count, string target, int rounds, string? tileCache)
    {
        var friends = Enumerable.Range(0, count).Select(i => PictureRef.Url(string.Format(CultureInfo.InvariantCulture, pictures, i))).ToList();
        var cold = new List<double>();
        var warm = new List<double>();
        var job = new List<double>();
        var scratch = Directory.CreateTempSubdirectory("frintr-bench-friends-").FullName;
        try
        {
            for (int round = 0; round < rounds; round++)
            {
                // A fresh worker each round: an empty memory cache, or (with Redis) a flushed one.
                await using var services = Services(tileCache, settings: null);
                if (tileCache is not null)
                    await FlushAsync(tileCache);
                var gatherer = services.GetRequiredService<FriendsGatherer>();
                var clock = Stopwatch.StartNew();
                var first = await gatherer.GatherAsync(Request(friends, target), scratch, CancellationToken.None);
                cold.Add(clock.Elapsed.TotalSeconds);
                Check(first, count, fromCache: 0);

                clock.Restart();
                var second = await gatherer.GatherAsync(Request(friends, target), scratch, CancellationToken.None);
                warm.Add(clock.Elapsed.TotalSeconds);
                Check(second, count, fromCache: count);

                clock.Restart();
                var third = await gatherer.GatherAsync(Request(friends, target), scratch, CancellationToken.None);
                using var output = new MemoryStream();
                new MosaicEngine().Render(() => File.OpenRead(third.TargetPath), third.Tiles,
                    new MosaicSettings { Columns = 50, TileSize = 20, RepeatDistance = 5 }, output);
                job.Add(clock.Elapsed.TotalSeconds);
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }

        var cache = tileCache is null ? "memory" : "redis";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"gather {count} pictures, cache {cache}: cold {Median(cold):0.000} s ({count / Median(cold):0} pictures/s), warm {Median(warm):0.000} s; whole job warm (gather + render 2,500 cells) {Median(job):0.000} s"));
        Console.WriteLine($"  rounds: cold {Rounds(cold)} | warm {Rounds(warm)} | job {Rounds(job)}");
        return 0;
    }

    /// <summary>The Mastodon importer against a stand-in with <paramref name="friends"/> followings, <paramref name="perPage"/>
    /// a page, each page answered after <paramref name="latencyMs"/>.</summary>
    public static async Task<int> ImportAsync(int friends, int perPage, int latencyMs, int rounds)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var app = builder.Build();
        string? self = null;
        app.MapGet("/api/v1/accounts/lookup", () => Results.Json(new { id = "1", username = "alice", display_name = "Alice", url = "https://example.social/@alice", avatar_static = "https://example.social/a.png" }));
        app.MapGet("/api/v1/accounts/1/following", async (HttpContext http, int? max_id) =>
        {
            await Task.Delay(latencyMs);
            var start = max_id ?? 0;
            var page = Enumerable.Range(start, Math.Max(0, Math.Min(perPage, friends - start)));
            if (start + perPage < friends)
                http.Response.Headers.Link = $"<{self}api/v1/accounts/1/following?limit={perPage}&max_id={start + perPage}>; rel=\"next\"";
            return Results.Json(page.Select(i => new
            {
                id = i.ToString(CultureInfo.InvariantCulture),
                username = $"friend{i}",
                display_name = $"Friend {i}",
                url = $"https://example.social/@friend{i}",
                avatar_static = $"https://files.example.social/avatars/{i}.jpg",
            }));
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = address.TrimEnd('/') + "/";
        var instance = new Uri(self).Authority;

        await using var services = Services(tileCache: null, new() { ["Frintr:Friends:Mastodon:Scheme"] = "http" });
        var importer = services.GetServices<IFriendImporter>().Single(i => i.Source == FriendsSource.Mastodon);
        var times = new List<double>();
        for (int round = 0; round < rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            var list = await importer.ImportAsync(new ImportRequest($"@alice@{instance}", FriendsRelation.Following, 5000, 25,
                DateTimeOffset.UtcNow.AddMinutes(1), false), CancellationToken.None);
            times.Add(clock.Elapsed.TotalSeconds);
            if (list.Friends.Count != friends)
                throw new InvalidOperationException($"imported {list.Friends.Count} of {friends}");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"import {friends} followings, {(friends + perPage - 1) / perPage} pages of {perPage}, {latencyMs} ms a page: {Median(times):0.000} s (rounds {Rounds(times)})"));
        return 0;
    }

    private static MosaicRequest Request(List<PictureRef> friends, string target) => new()
    {
        MosaicId = MosaicId.New(),
        OwnerId = "bench",
        Target = PictureRef.Url(target),
        FriendsSource = FriendsSource.Urls,
        Friends = friends,
        Options = new MosaicOptions { Columns = 50, TileSize = 20, RepeatDistance = 5 },
    };

    private static void Check(GatheredInputs inputs, int count, int fromCache)
    {
        if (inputs.Friends.Fetched != count || inputs.Friends.FromCache != fromCache)
            throw new InvalidOperationException($"fetched {inputs.Friends.Fetched} ({inputs.Friends.FromCache} from the cache) of {count}: {string.Join("; ", inputs.Unreachable.Take(3))}");
    }

    private static ServiceProvider Services(string? tileCache, Dictionary<string, string?>? settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Frintr:Worker:WorkerKey"] = "bench-worker-key-0123456789",
            ["Frintr:Worker:AllowPrivateNetworks"] = "true",
            ["Frintr:MaxFriends"] = "5000",
            ["ConnectionStrings:TileCache"] = tileCache,
        }).AddInMemoryCollection(settings ?? []).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Error));
        services.AddSingleton<JobStorage>(new InMemoryStorage());
        services.AddSingleton<IWebTierLocator>(new Nowhere());
        services.AddMosaicRendering();
        return services.BuildServiceProvider();
    }

    private static async Task FlushAsync(string connection)
    {
        var options = StackExchange.Redis.ConfigurationOptions.Parse(connection);
        options.AllowAdmin = true;
        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(options);
        await redis.GetServer(redis.GetEndPoints()[0]).FlushAllDatabasesAsync();
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string Rounds(List<double> values) => string.Join(" ", values.Select(v => v.ToString("0.000", CultureInfo.InvariantCulture)));

    private sealed class Nowhere : IWebTierLocator
    {
        public Uri BaseUrl { get; } = new("http://127.0.0.1:9/");
    }
}
