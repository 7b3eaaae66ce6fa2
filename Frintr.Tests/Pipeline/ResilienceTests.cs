using System.Net;
using System.Text.Json;
using Frintr.Jobs.Contracts;
using Frintr.Tests.Infrastructure;
using SkiaSharp;

namespace Frintr.Tests.Pipeline;

[Collection(FrintrProcesses.Name)]
public sealed class ResilienceTests(FrintrCluster cluster)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private static readonly (byte[], string) Target = (TestPictures.Gradient(120, 80, SKColors.Purple, SKColors.Yellow), "me.png");
    private static readonly Dictionary<string, string> Small = new() { ["columns"] = "12", ["tileSize"] = "8" };

    [Fact]
    public async Task Worker_carries_on_after_Redis_goes_away_and_comes_back()
    {
        using var worker = await cluster.StartWorkerAsync("survivor");
        using var http = cluster.WebA.Client();
        var tiles = TestPictures.Palette(8).Select((c, i) => (TestPictures.Solid(c), $"f{i}.png")).ToList();
        var before = await MosaicApiClient.SubmitOkAsync(http, Target, tiles, Small);
        Assert.Equal(MosaicState.Succeeded, (await MosaicWait.UntilFinishedAsync(http, before, Patience, () => worker.Output)).Status);

        cluster.Redis.Stop();
        await cluster.Redis.RestartAsync();

        // Until the web tier's connection is back, a submission is refused with a 503 (and nothing is kept).
        var after = await SubmitOnceTheQueueIsBackAsync(http, tiles);
        var status = await MosaicWait.UntilFinishedAsync(http, after, Patience, () => worker.Output);

        Assert.Equal(MosaicState.Succeeded, status.Status);
        Assert.False(worker.HasExited);
    }

    private static async Task<string> SubmitOnceTheQueueIsBackAsync(HttpClient http, List<(byte[], string)> tiles)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var every = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        do
        {
            using var response = await MosaicApiClient.SubmitAsync(http, Target, tiles, options: Small);
            if (response.StatusCode == HttpStatusCode.Accepted)
                return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        }
        while (await every.WaitForNextTickAsync(deadline.Token));
        throw new TimeoutException("The web tier never got its Redis connection back.");
    }

    [Fact]
    public async Task Missing_friend_picture_is_skipped_and_named_in_the_note()
    {
        using var friends = new FakePictureHost(new Dictionary<string, byte[]>
        {
            ["ann.png"] = TestPictures.Solid(SKColors.Coral),
            ["bob.png"] = TestPictures.Solid(SKColors.SteelBlue),
        });
        using var worker = await FrintrHosts.StartWorkerAsync("lenient", cluster.Redis.ConnectionString, cluster.WebA.BaseUrl, cluster.WorkerKey,
            allowPrivateNetworks: true);
        using var http = cluster.WebA.Client();

        using var response = await MosaicApiClient.SubmitAsync(http, Target, [],
            [friends.Url("ann.png"), friends.Url("bob.png"), friends.Url("gone.png")], Small);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        var status = await MosaicWait.UntilFinishedAsync(http, id, Patience, () => worker.Output);

        Assert.Equal(MosaicState.Succeeded, status.Status);
        var note = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(cluster.DataPath, "results", id, "done.json"))).RootElement;
        Assert.Equal(2, note.GetProperty("tilesUsed").GetInt32());
        var skipped = Assert.Single(note.GetProperty("skippedTiles").EnumerateArray());
        Assert.Contains("gone.png", skipped.GetString(), StringComparison.Ordinal);
        Assert.Contains("was not found", skipped.GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_web_tier_is_ready_when_its_queue_and_result_store_answer()
    {
        using var http = cluster.WebA.Client();

        using var live = await http.GetAsync(new Uri("/health/live", UriKind.Relative));
        using var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Submitting_while_Redis_is_down_is_a_503_that_says_so_and_the_pages_keep_working()
    {
        var dataPath = Directory.CreateTempSubdirectory("frintr-no-redis-").FullName;
        try
        {
            var nobodyListens = $"127.0.0.1:{FreePort.Next()},password=whatever,abortConnect=false,connectTimeout=1000,syncTimeout=2000";
            using var web = await FrintrHosts.StartWebAsync("web-no-redis", dataPath, nobodyListens, cluster.WorkerKey);
            using var http = web.Client();

            using var response = await MosaicApiClient.SubmitAsync(http, Target, [(TestPictures.Solid(SKColors.Green), "f.png")]);
            using var home = await http.GetAsync(new Uri("/", UriKind.Relative));
            using var live = await http.GetAsync(new Uri("/health/live", UriKind.Relative));
            using var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Contains("queue is not reachable", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
            // Alive (no restart would help) but not ready: a balancer sends submissions to another instance.
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Empty(Directory.Exists(Path.Combine(dataPath, "inputs")) ? Directory.GetDirectories(Path.Combine(dataPath, "inputs")) : []);
        }
        finally
        {
            Directory.Delete(dataPath, recursive: true);
        }
    }
}
