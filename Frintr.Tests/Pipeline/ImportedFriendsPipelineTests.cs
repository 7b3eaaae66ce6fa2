using System.Text.Json;
using Frintr.Jobs.Contracts;
using SkiaSharp;

namespace Frintr.Tests.Pipeline;

/// <summary>A mosaic of someone's Mastodon friends, end to end: the web tier queues the account (not the list) in real
/// Redis; a real worker process imports the friends from the stand-in, fetches their avatars, prepares them into the
/// tile cache (a Redis of its own) and renders; a second mosaic of the same friends downloads no avatar.</summary>
[Collection(FrintrProcesses.Name)]
public sealed class ImportedFriendsPipelineTests(FrintrCluster cluster)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_mosaic_of_imported_friends_is_made_and_the_second_one_comes_from_the_tile_cache()
    {
        var network = await new FakeSocialNetworks(people: 60, pageSize: 25).StartAsync();
        await using var server = network.Server;
        using var tileCache = await RedisServer.StartAsync();
        using var worker = await FrintrHosts.StartWorkerAsync("friends-worker", cluster.Redis.ConnectionString, cluster.WebA.BaseUrl, cluster.WorkerKey,
            allowPrivateNetworks: true, extra: new Dictionary<string, string>
            {
                ["Frintr__Friends__Mastodon__Scheme"] = "http",
                ["ConnectionStrings__TileCache"] = tileCache.ConnectionString,
            });
        using var http = cluster.WebA.Client();
        var form = new Dictionary<string, string>
        {
            ["friendsSource"] = "mastodon",
            ["account"] = $"@{FakeSocialNetworks.Owner}@{server.Authority}",
            ["targetFromAccount"] = "true",
            ["columns"] = "12",
            ["tileSize"] = "10",
            ["repeatDistance"] = "1",
        };

        var first = await MakeAsync(http, form, worker);
        var avatars = server.Requests.Count(r => r.StartsWith("/avatars/friend", StringComparison.Ordinal) && !r.StartsWith("/avatars/friend3.", StringComparison.Ordinal));
        var second = await MakeAsync(http, form, worker);

        Assert.Equal((60, 53, 0, 1, 6), (first.Requested, first.Fetched, first.FromCache, first.Failed, first.WithoutPicture));
        Assert.Equal(53, avatars);
        Assert.Equal((53, 53), (second.Fetched, second.FromCache));
        Assert.Equal(avatars, server.Requests.Count(r => r.StartsWith("/avatars/friend", StringComparison.Ordinal) && !r.StartsWith("/avatars/friend3.", StringComparison.Ordinal)));
        Assert.Equal("their picture is gone (the server answered 404)", Assert.Single(second.Reasons).Reason);
    }

    private async Task<FriendCounts> MakeAsync(HttpClient http, Dictionary<string, string> form, ChildProcess worker)
    {
        using var response = await MosaicApiClient.SubmitAsync(http, target: null, tiles: [], options: form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, body);
        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;

        var status = await MosaicWait.UntilFinishedAsync(http, id, Patience, () => worker.Output);

        Assert.True(status.Status == MosaicState.Succeeded, $"{status.Error}\n{worker.Output}");
        using var picture = SKBitmap.Decode(await http.GetByteArrayAsync(new Uri(status.ResultUrl!, UriKind.Relative)));
        Assert.Equal((120, 120), (picture.Width, picture.Height)); // the account's own square avatar, 12 × 12 cells of 10 px
        var note = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(cluster.DataPath, "results", id, "done.json"))).RootElement;
        Assert.Equal(status.Friends!.Fetched, note.GetProperty("friends").GetProperty("fetched").GetInt32());
        return status.Friends;
    }
}
