using Frintr.Imaging;
using Frintr.Jobs.Contracts;
using Frintr.Jobs.Status;
using Frintr.Jobs.WebTier;
using Frintr.Jobs.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Frintr.Jobs.Rendering;

/// <summary>The job's last stage: the picture goes up to the web tier first, then the completion note that
/// says it is done (the web tier refuses a note of success before its picture). Failures get a note too.</summary>
public sealed class MosaicDelivery(
    WebTierClient webTier,
    MosaicStatusBoard board,
    JobProgress progress,
    IOptions<WorkerOptions> options,
    ILogger<MosaicDelivery> logger)
{
    public async Task DeliverAsync(RenderedMosaic rendered, CancellationToken cancellationToken)
    {
        var id = rendered.Request.MosaicId;
        await progress.ReportAsync(id, "upload", 0.97, cancellationToken);
        await using (var picture = File.OpenRead(rendered.PicturePath))
            await webTier.UploadPictureAsync(id, picture, rendered.Result.ContentType, cancellationToken);

        var result = rendered.Result;
        var total = rendered.Clock.ElapsedMilliseconds;
        var waited = DateTimeOffset.UtcNow - rendered.Request.CreatedAt - rendered.Clock.Elapsed;
        await webTier.WriteNoteAsync(new CompletionNote
        {
            MosaicId = id,
            Status = MosaicState.Succeeded,
            Width = result.Width,
            Height = result.Height,
            Bytes = new FileInfo(rendered.PicturePath).Length,
            ContentType = result.ContentType,
            TilesUsed = result.TilesUsed,
            SkippedTiles = [.. rendered.Inputs.Unreachable, .. result.Skipped.Select(s => $"{s.FriendId}: {s.Reason}")],
            Friends = rendered.Inputs.Friends,
            RepeatDistanceUsed = rendered.RepeatDistanceUsed,
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
                Fetch = rendered.Inputs.ElapsedMs,
                Render = rendered.RenderMs,
                Upload = total - rendered.Inputs.ElapsedMs - rendered.RenderMs,
                Total = total,
            },
        }, cancellationToken);
        logger.LogInformation("Mosaic {MosaicId} done in {Elapsed} ms by {Worker}", id, total, options.Value.Name);
    }

    /// <summary>Ends the mosaic as failed, with a message for the person who asked for it.</summary>
    public async Task FailAsync(string mosaicId, string error, long elapsedMs, CancellationToken cancellationToken, FriendCounts? friends = null)
    {
        logger.LogWarning("Mosaic {MosaicId} failed: {Error}", mosaicId, error);
        board.MarkFinished(mosaicId, MosaicState.Failed, error);
        await webTier.WriteNoteAsync(new CompletionNote
        {
            MosaicId = mosaicId,
            Status = MosaicState.Failed,
            Error = error,
            Worker = options.Value.Name,
            Friends = friends,
            Timings = new NoteTimings { Total = elapsedMs },
        }, cancellationToken);
    }
}

/// <summary>A mosaic the engine has made, on the worker's disk, ready to deliver.</summary>
public sealed record RenderedMosaic(
    MosaicRequest Request,
    GatheredInputs Inputs,
    string PicturePath,
    MosaicResult Result,
    int RepeatDistanceUsed,
    long RenderMs,
    System.Diagnostics.Stopwatch Clock);
