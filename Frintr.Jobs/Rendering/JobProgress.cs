using System.Collections.Concurrent;
using System.Diagnostics;
using Frintr.Imaging;
using Frintr.Jobs.Contracts;
using Frintr.Jobs.Status;
using Frintr.Jobs.WebTier;
using Microsoft.Extensions.Logging;

namespace Frintr.Jobs.Rendering;

/// <summary>Sends a job's progress to the status board and the hub, at most a few times a second per mosaic.</summary>
public sealed class JobProgress(MosaicStatusBoard board, LiveProgressClient reporter, ILogger<JobProgress> logger)
{
    private static readonly long MinIntervalTicks = Stopwatch.Frequency / 4;
    private readonly ConcurrentDictionary<string, long> _lastSent = new();

    public async Task ReportAsync(string mosaicId, string stage, double fraction, CancellationToken cancellationToken)
    {
        _lastSent[mosaicId] = Stopwatch.GetTimestamp();
        try
        {
            board.MarkProgress(mosaicId, stage, fraction);
        }
        catch (Exception ex)
        {
            // Progress is advisory: a storage hiccup must not fail the render itself.
            logger.LogDebug(ex, "Progress of {MosaicId} not stored", mosaicId);
        }

        await reporter.ReportAsync(new ProgressReport(mosaicId, stage, fraction), cancellationToken);
    }

    /// <summary>The mosaic is done with: its throttle entry goes, so a long-lived worker does not collect them.</summary>
    public void Forget(string mosaicId) => _lastSent.TryRemove(mosaicId, out _);

    public Task ReportThrottledAsync(string mosaicId, string stage, double fraction, CancellationToken cancellationToken)
    {
        var now = Stopwatch.GetTimestamp();
        var last = _lastSent.GetValueOrDefault(mosaicId);
        return now - last < MinIntervalTicks ? Task.CompletedTask : ReportAsync(mosaicId, stage, fraction, cancellationToken);
    }

    /// <summary>Another friend's picture is in (or given up on): <paramref name="done"/> of <paramref name="total"/>;
    /// <paramref name="friend"/> is who it was and <paramref name="pictureUrl"/> their picture's public address, when
    /// they have one (for pages that show faces arriving). Fetching is the job's first 15%.</summary>
    public Task ReportFetchedAsync(string mosaicId, int done, int total, FriendProfile? friend, string? pictureUrl, CancellationToken cancellationToken) =>
        ReportThrottledAsync(mosaicId, "fetch", 0.15 * done / Math.Max(1, total), cancellationToken);

    /// <summary>Maps the engine's 0–1 onto the job's 0.15–0.95 (fetching comes before, uploading after).</summary>
    public IProgress<RenderProgress> ForEngine(string mosaicId, CancellationToken cancellationToken) =>
        new EngineProgress(this, mosaicId, cancellationToken);

    private sealed class EngineProgress(JobProgress owner, string mosaicId, CancellationToken cancellationToken)
        : IProgress<RenderProgress>
    {
        // The engine calls from its own threads and must not wait for the network.
        public void Report(RenderProgress value) =>
            _ = owner.ReportThrottledAsync(mosaicId, value.Stage.ToString().ToLowerInvariant(),
                0.15 + (0.8 * Math.Clamp(value.Fraction, 0, 1)), cancellationToken);
    }
}
