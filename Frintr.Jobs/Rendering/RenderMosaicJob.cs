using System.Diagnostics;
using System.Globalization;
using Frintr.Imaging;
using Frintr.Jobs.Contracts;
using Frintr.Jobs.Status;
using Frintr.Jobs.WebTier;
using Frintr.Jobs.Worker;
using Hangfire;
using Hangfire.Server;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Frintr.Jobs.Rendering;

/// <summary>The Hangfire job: fetch the pictures, render, upload the picture, then write the completion note.</summary>
public sealed class RenderMosaicJob(
    PictureFetcher fetcher,
    WebTierClient webTier,
    MosaicStatusBoard board,
    JobProgress progress,
    IOptions<WorkerOptions> options,
    ILogger<RenderMosaicJob> logger)
{
    /// <summary>Transient failures (web tier or network briefly away) are retried this many times.</summary>
    public const int Retries = 2;

    [Queue(MosaicPipeline.QueueName)]
    [JobDisplayName("Render mosaic")]
    [AutomaticRetry(Attempts = Retries, DelaysInSeconds = [5, 20], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task RunAsync(MosaicRequest request, PerformContext? context, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var id = request.MosaicId;
        var problems = MosaicRequestRules.Check(request);
        if (problems.Count > 0)
        {
            await FailAsync(id, string.Join(" ", problems.Values.SelectMany(v => v)), started, cancellationToken);
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.RenderTimeout);
        var scratch = Directory.CreateTempSubdirectory("frintr-" + id + "-");
        try
        {
            await RenderAndDeliverAsync(request, scratch.FullName, started, timeout.Token);
        }
        catch (Exception ex) when (ex is MosaicInputException or PictureFetchException)
        {
            await FailAsync(id, ex.Message, started, cancellationToken);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            await FailAsync(id, $"Making this mosaic took longer than {options.Value.RenderTimeout.TotalMinutes:0} minutes; try fewer columns or fewer pictures.", started, cancellationToken);
        }
        catch (Exception ex) when (IsLastAttempt(context) && !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Mosaic {MosaicId} failed on its last attempt", id);
            await FailAsync(id, "Something went wrong on our side while making this mosaic. Please try again.", started, cancellationToken);
            throw;
        }
        finally
        {
            scratch.Delete(recursive: true);
            progress.Forget(id);
        }
    }

    private async Task RenderAndDeliverAsync(MosaicRequest request, string scratch, Stopwatch started, CancellationToken cancellationToken)
    {
        var id = request.MosaicId;
        // A job can come back after a worker died between upload and acknowledgement: never render twice.
        if (await webTier.ReadNoteAsync(id, cancellationToken) is { Status: MosaicState.Succeeded })
        {
            logger.LogInformation("Mosaic {MosaicId} is already done; nothing to do", id);
            return;
        }

        var waited = DateTimeOffset.UtcNow - request.CreatedAt;
        await progress.ReportAsync(id, "fetch", 0, cancellationToken);

        var target = Path.Combine(scratch, "target");
        await fetcher.FetchAsync(id, request.Target, target, cancellationToken);
        var (tiles, unreachable) = await FetchFriendsAsync(request, scratch, cancellationToken);
        var fetchMs = started.ElapsedMilliseconds;

        var settings = new MosaicSettings
        {
            Columns = request.Options.Columns,
            TileSize = request.Options.TileSize,
            RepeatDistance = FeasibleRepeatDistance(request.Options.RepeatDistance, tiles.Count),
            Blend = request.Options.Blend,
            EveryoneAppears = request.Options.EveryoneAppears,
            Seed = StableSeed(id),
        };
        var output = Path.Combine(scratch, "mosaic.jpg");
        MosaicResult result;
        await using (var file = File.Create(output))
        {
            result = new MosaicEngine().Render(() => File.OpenRead(target), tiles, settings, file,
                progress.ForEngine(id, cancellationToken), cancellationToken);
        }

        var renderMs = started.ElapsedMilliseconds - fetchMs;
        await progress.ReportAsync(id, "upload", 0.97, cancellationToken);
        await using (var picture = File.OpenRead(output))
            await webTier.UploadPictureAsync(id, picture, result.ContentType, cancellationToken);

        var total = started.ElapsedMilliseconds;
        await webTier.WriteNoteAsync(new CompletionNote
        {
            MosaicId = id,
            Status = MosaicState.Succeeded,
            Width = result.Width,
            Height = result.Height,
            Bytes = new FileInfo(output).Length,
            ContentType = result.ContentType,
            TilesUsed = result.TilesUsed,
            SkippedTiles = [.. unreachable, .. result.Skipped.Select(s => $"{s.FriendId}: {s.Reason}")],
            RepeatDistanceUsed = settings.RepeatDistance,
            Worker = options.Value.Name,
            Quality = new Dictionary<string, double>
            {
                ["meanDeltaE2000Cells"] = result.Quality.MeanDeltaE2000Cells,
                ["meanDeltaE2000Blocks4"] = result.Quality.MeanDeltaE2000Blocks4,
                ["ssim"] = result.Quality.Ssim,
                ["distinctTiles"] = result.Quality.DistinctTiles,
                ["mostUsesOfOneTile"] = result.Quality.MostUsesOfOneTile,
            },
            Timings = new NoteTimings
            {
                WaitedInQueue = (long)Math.Max(0, waited.TotalMilliseconds),
                Fetch = fetchMs,
                Render = renderMs,
                Upload = total - fetchMs - renderMs,
                Total = total,
            },
        }, cancellationToken);
        logger.LogInformation("Mosaic {MosaicId} done in {Elapsed} ms by {Worker}", id, total, options.Value.Name);
    }

    /// <summary>Downloads friends' pictures in parallel; one that cannot be fetched is skipped, not fatal.</summary>
    private async Task<(List<TileInput> Tiles, List<string> Unreachable)> FetchFriendsAsync(
        MosaicRequest request, string scratch, CancellationToken cancellationToken)
    {
        var fetched = new TileInput?[request.Friends.Count];
        var unreachable = new string?[request.Friends.Count];
        var done = 0;
        await Parallel.ForAsync(0, request.Friends.Count,
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.ParallelDownloads, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var friend = request.Friends[i];
                var path = Path.Combine(scratch, "friend-" + i.ToString(CultureInfo.InvariantCulture));
                try
                {
                    await fetcher.FetchAsync(request.MosaicId, friend, path, ct);
                    fetched[i] = new TileInput(friend.DisplayName, () => File.OpenRead(path));
                }
                catch (PictureFetchException ex)
                {
                    unreachable[i] = ex.Message;
                }

                var count = Interlocked.Increment(ref done);
                await progress.ReportThrottledAsync(request.MosaicId, "fetch", 0.15 * count / request.Friends.Count, ct);
            });

        var tiles = fetched.OfType<TileInput>().ToList();
        if (tiles.Count == 0)
            throw new PictureFetchException("None of the friends' pictures could be downloaded: " + unreachable.FirstOrDefault(u => u is not null));
        return (tiles, unreachable.OfType<string>().ToList());
    }

    private async Task FailAsync(string mosaicId, string error, Stopwatch started, CancellationToken cancellationToken)
    {
        logger.LogWarning("Mosaic {MosaicId} failed: {Error}", mosaicId, error);
        board.MarkFinished(mosaicId, MosaicState.Failed, error);
        await webTier.WriteNoteAsync(new CompletionNote
        {
            MosaicId = mosaicId,
            Status = MosaicState.Failed,
            Error = error,
            Worker = options.Value.Name,
            Timings = new NoteTimings { Total = started.ElapsedMilliseconds },
        }, cancellationToken);
    }

    /// <summary>A person with few friends still gets a mosaic: the repeat distance shrinks until the library can
    /// honour it. With n pictures, filling cell by cell always finds a free picture when (2d+1)² ≤ n.</summary>
    internal static int FeasibleRepeatDistance(int requested, int pictures)
    {
        var distance = requested;
        while (distance > 0 && ((2 * distance) + 1) * ((2 * distance) + 1) > pictures)
            distance--;
        return distance;
    }

    private static bool IsLastAttempt(PerformContext? context) =>
        context is null || context.GetJobParameter<int>("RetryCount") >= Retries;

    // The mosaic id is random already: its hash makes a seed that is the same on every retry and every worker.
    private static int StableSeed(string mosaicId) =>
        mosaicId.Aggregate(17, (hash, c) => unchecked((hash * 31) + c));
}
