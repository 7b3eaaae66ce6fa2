using Frintr.Imaging;
using Frintr.Imaging.DeepZoom;
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
        await progress.ReportAsync(id, "upload", 0.96, cancellationToken);
        await using (var picture = File.OpenRead(rendered.PicturePath))
            await webTier.UploadPictureAsync(id, picture, rendered.Result.ContentType, cancellationToken);

        var pyramidClock = System.Diagnostics.Stopwatch.StartNew();
        var pyramid = await SendPyramidAsync(rendered, cancellationToken);
        var pyramidMs = pyramidClock.ElapsedMilliseconds;
        await webTier.UploadMapAsync(id, MapOf(rendered), cancellationToken);
        await progress.FlushPreviewAsync(id, cancellationToken);

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
                Upload = total - rendered.Inputs.ElapsedMs - rendered.RenderMs - pyramidMs,
                Pyramid = pyramidMs,
                Total = total,
                Steps = [.. result.Timings.Select(t => new StepTime(t.Step, (long)Math.Round(t.Seconds * 1000)))],
            },
            Columns = result.Map.Columns,
            Rows = result.Map.Rows,
            TileSize = rendered.Request.Options.TileSize,
            PyramidFormat = pyramid,
            FriendsRequested = rendered.Inputs.Friends.Requested,
        }, cancellationToken);
        logger.LogInformation("Mosaic {MosaicId} done in {Elapsed} ms by {Worker}", id, total, options.Value.Name);
    }

    /// <summary>Cuts the Deep Zoom pyramid and sends it; its tile format, or null when it could not be made (the
    /// result page then shows the plain picture: a mosaic is not failed for want of a zoomable view).</summary>
    private async Task<string?> SendPyramidAsync(RenderedMosaic rendered, CancellationToken cancellationToken)
    {
        var id = rendered.Request.MosaicId;
        var folder = Path.Combine(Path.GetDirectoryName(rendered.PicturePath)!, "pyramid");
        DeepZoomLayout layout;
        try
        {
            layout = await Task.Run(() => DeepZoomPyramid.Write(rendered.PicturePath, folder, "mosaic", rendered.Request.Options.Format, cancellationToken), cancellationToken);
        }
        catch (NetVips.VipsException ex)
        {
            logger.LogError(ex, "No Deep Zoom pyramid for mosaic {MosaicId}", id);
            return null;
        }

        await progress.ReportAsync(id, "upload", 0.98, cancellationToken);
        await webTier.UploadPyramidAsync(id, folder, cancellationToken);
        return layout.Format;
    }

    /// <summary>Who is in each cell, with each friend's name and profile link.</summary>
    internal static MosaicMap MapOf(RenderedMosaic rendered)
    {
        var map = rendered.Result.Map;
        var friends = map.Friends
            .Select(f => rendered.Inputs.Profiles.GetValueOrDefault(f) ?? new FriendProfile(f))
            .ToList();
        return new MosaicMap(map.Columns, map.Rows, rendered.Request.Options.TileSize, map.Cells, friends);
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
