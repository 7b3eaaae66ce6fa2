using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Frintr.Jobs.Contracts;
using Frintr.Tests.Infrastructure;
using Hangfire.Redis.StackExchange;
using Microsoft.AspNetCore.SignalR.Client;
using SkiaSharp;
using Xunit.Abstractions;

namespace Frintr.Tests.Pipeline;

[Collection(FrintrProcesses.Name)]
public sealed class ElasticPipelineTests(FrintrCluster cluster, ITestOutputHelper output)
{
    private const int Mosaics = 6;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Two_workers_render_every_mosaic_exactly_once_and_another_web_instance_pushes_Completed()
    {
        using var http = cluster.WebA.Client();
        var target = TestPictures.Gradient(300, 200, SKColors.Navy, SKColors.Gold);
        var tiles = TestPictures.Palette(24).Select((c, i) => (TestPictures.Solid(c), $"friend{i}.png")).ToList();
        var options = new Dictionary<string, string> { ["columns"] = "15", ["tileSize"] = "12", ["repeatDistance"] = "1" };

        // Watch through the *other* web instance: what workers report to A must reach B's clients via Redis.
        var completed = new ConcurrentDictionary<string, MosaicStatus>();
        var progressed = new ConcurrentDictionary<string, int>();
        var allDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var watcher = new HubConnectionBuilder()
            .WithUrl(new Uri(cluster.WebB.BaseUrl, MosaicHubContract.Path.TrimStart('/')))
            .Build();
        watcher.On<MosaicStatus>(MosaicHubContract.Progress, status => progressed.AddOrUpdate(status.Id, 1, (_, n) => n + 1));
        watcher.On<MosaicStatus>(MosaicHubContract.Completed, status =>
        {
            completed[status.Id] = status;
            if (completed.Count == Mosaics)
                allDone.TrySetResult();
        });
        await watcher.StartAsync();

        // Jobs are queued and watched before any worker exists, so no Completed can slip past the watch.
        var ids = new List<string>();
        for (var i = 0; i < Mosaics; i++)
        {
            var id = await MosaicApiClient.SubmitOkAsync(http, (target, "me.png"), tiles, options);
            var now = await watcher.InvokeAsync<MosaicStatus>(MosaicHubContract.Watch, id);
            Assert.Equal(MosaicState.Queued, now.Status);
            ids.Add(id);
        }

        var workers = await Task.WhenAll(cluster.StartWorkerAsync("worker-1"), cluster.StartWorkerAsync("worker-2"));
        try
        {
            var finished = await Task.WhenAny(allDone.Task, Task.Delay(Patience));
            Assert.True(finished == allDone.Task,
                $"Completed arrived for {completed.Count}/{Mosaics}.\n{workers[0].Output}\n{workers[1].Output}");
        }
        finally
        {
            foreach (var worker in workers)
                worker.Dispose();
        }

        var renderedBy = new List<string>();
        foreach (var id in ids)
        {
            Assert.Equal($"/mosaics/{id}.jpg", completed[id].ResultUrl);

            var note = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(cluster.DataPath, "results", id, "done.json"))).RootElement;
            Assert.Equal("succeeded", note.GetProperty("status").GetString());
            renderedBy.Add(note.GetProperty("worker").GetString()!);

            var status = await MosaicApiClient.StatusAsync(http, id);
            Assert.Equal(MosaicState.Succeeded, status!.Status);

            using var picture = SKBitmap.Decode(await http.GetByteArrayAsync(new Uri(status.ResultUrl!, UriKind.Relative)));
            Assert.NotNull(picture);
            Assert.Equal(15 * 12, picture.Width);
            Assert.Equal(10 * 12, picture.Height); // 300×200 target → 10 rows of 15 columns
        }

        // Workers report progress to instance A's hub (worker key); watchers on B hear it through Redis.
        Assert.Equal(ids.Order(), progressed.Keys.Order());
        Assert.All(renderedBy, worker => Assert.Contains(worker, new[] { "worker-1", "worker-2" }));
        output.WriteLine("Rendered by: " + string.Join(", ", renderedBy.GroupBy(w => w).Select(g => $"{g.Key} × {g.Count()}")));
        await AssertEachJobProcessedOnceAsync(ids);
    }

    [Fact]
    public async Task Unknown_and_malformed_ids_are_not_found()
    {
        using var http = cluster.WebA.Client();
        using var unknown = await http.GetAsync(new Uri($"api/mosaics/{MosaicId.New()}", UriKind.Relative));
        using var malformed = await http.GetAsync(new Uri("api/mosaics/..%2F..%2Fetc", UriKind.Relative));
        using var picture = await http.GetAsync(new Uri($"mosaics/{MosaicId.New()}.jpg", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("No mosaic has this id", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, picture.StatusCode);
    }

    /// <summary>Hangfire's own history: a job handed to two workers would show two Processing states.</summary>
    private async Task AssertEachJobProcessedOnceAsync(IReadOnlyCollection<string> mosaicIds)
    {
        using var redis = await cluster.Redis.ConnectAsync();
        var storage = new RedisStorage(redis, new RedisStorageOptions { Prefix = MosaicPipeline.RedisPrefix });
        var monitoring = storage.GetMonitoringApi();
        // The note (and so Completed) comes before Hangfire records the job as succeeded: read the processing
        // list first, then the succeeded one, so a job moving between them is seen in one or the other.
        var processing = monitoring.ProcessingJobs(0, 1000).Select(j => (j.Key, j.Value.Job));
        var succeeded = monitoring.SucceededJobs(0, 1000).Select(j => (j.Key, j.Value.Job));
        var processingCounts = processing.Concat(succeeded)
            .Select(job => (Request: job.Job.Args[0] as MosaicRequest, JobId: job.Key))
            .Where(job => job.Request is not null && mosaicIds.Contains(job.Request.MosaicId))
            .DistinctBy(job => job.JobId)
            .ToDictionary(job => job.Request!.MosaicId, job => monitoring.JobDetails(job.JobId).History.Count(h => h.StateName == "Processing"));

        Assert.Equal(mosaicIds.Order(), processingCounts.Keys.Order());
        Assert.All(processingCounts.Values, count => Assert.Equal(1, count));
    }
}
