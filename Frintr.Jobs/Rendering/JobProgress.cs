using System.Collections.Concurrent;
using System.Diagnostics;
using Frintr.Imaging;
using Frintr.Imaging.Rendering;
using Frintr.Jobs.Contracts;
using Frintr.Jobs.Status;
using Frintr.Jobs.WebTier;
using Frintr.Jobs.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Frintr.Jobs.Rendering;

/// <summary>Sends a job's progress to the status board and the hub, at most a few times a second per mosaic, with
/// what the page shows beside the bar: the worker, when it started, friends fetched and their faces, the preview.</summary>
public sealed class JobProgress(
    MosaicStatusBoard board,
    LiveProgressClient reporter,
    WebTierClient webTier,
    IOptions<WorkerOptions> options,
    ILogger<JobProgress> logger)
{
    /// <summary>At most this many reports, faces and preview frames per second and mosaic.</summary>
    public const int PerSecond = 4;

    private const int FacesShown = 12;
    private static readonly long MinIntervalTicks = Stopwatch.Frequency / PerSecond;
    private readonly ConcurrentDictionary<string, LiveJob> _jobs = new();

    public async Task ReportAsync(string mosaicId, string stage, double fraction, CancellationToken cancellationToken)
    {
        var job = Job(mosaicId);
        job.LastSent = Stopwatch.GetTimestamp();
        job.Stage = stage;
        job.Fraction = fraction;
        var report = job.Report(mosaicId, options.Value.Name);
        try
        {
            board.MarkProgress(report);
        }
        catch (Exception ex)
        {
            // Progress is advisory: a storage hiccup must not fail the render itself.
            logger.LogDebug(ex, "Progress of {MosaicId} not stored", mosaicId);
        }

        await reporter.ReportAsync(report, cancellationToken);
    }

    /// <summary>The mosaic is done with: its entry goes, so a long-lived worker does not collect them.</summary>
    public void Forget(string mosaicId) => _jobs.TryRemove(mosaicId, out _);

    public Task ReportThrottledAsync(string mosaicId, string stage, double fraction, CancellationToken cancellationToken)
    {
        var job = Job(mosaicId);
        return Stopwatch.GetTimestamp() - job.LastSent < MinIntervalTicks
            ? Task.CompletedTask
            : ReportAsync(mosaicId, stage, fraction, cancellationToken);
    }

    /// <summary>Another friend's picture is in (or given up on): <paramref name="done"/> of <paramref name="total"/>.
    /// <paramref name="picture"/> opens the picture just fetched, which may become one of the faces the page shows arriving
    /// (a few a second at most). Fetching is the job's first 15%.</summary>
    public Task ReportFetchedAsync(string mosaicId, int done, int total, Func<Stream>? picture, CancellationToken cancellationToken)
    {
        var job = Job(mosaicId);
        job.Fetched = new FetchCount(done, total);
        if (picture is not null)
            _ = ShowFaceAsync(mosaicId, job, picture, cancellationToken);
        return ReportThrottledAsync(mosaicId, "fetch", 0.15 * done / Math.Max(1, total), cancellationToken);
    }

    /// <summary>From now on every report of this mosaic carries <paramref name="friends"/>' latest counts (read only when a
    /// report is sent, at most <see cref="PerSecond"/> a second).</summary>
    public void TrackFriends(string mosaicId, Func<FriendCounts> friends) => Job(mosaicId).Friends = friends;

    /// <summary>Maps the engine's 0–1 onto the job's 0.15–0.95 (fetching comes before, uploading after).</summary>
    public IProgress<RenderProgress> ForEngine(string mosaicId, CancellationToken cancellationToken) =>
        new EngineProgress(this, mosaicId, cancellationToken);

    /// <summary>What the engine needs to hand out preview frames while it paints; each is uploaded, newest first,
    /// at most <see cref="PerSecond"/> a second.</summary>
    public PreviewOptions PreviewFor(string mosaicId, CancellationToken cancellationToken)
    {
        var job = Job(mosaicId);
        return new PreviewOptions
        {
            Every = TimeSpan.FromSeconds(1.0 / PerSecond),
            MaxBytes = MosaicPipeline.MaxPreviewBytes,
            Frame = frame =>
            {
                Volatile.Write(ref job.PendingFrame, frame);
                _ = SendPreviewAsync(mosaicId, job, cancellationToken);
            },
        };
    }

    /// <summary>Waits until the newest preview frame is on the web tier (the finished one is the gallery's thumbnail).</summary>
    public async Task FlushPreviewAsync(string mosaicId, CancellationToken cancellationToken)
    {
        if (!_jobs.TryGetValue(mosaicId, out var job))
            return;
        await job.Uploading.WaitAsync(cancellationToken);
        try
        {
            await UploadPendingAsync(mosaicId, job, cancellationToken);
        }
        finally
        {
            job.Uploading.Release();
        }
    }

    private LiveJob Job(string mosaicId) => _jobs.GetOrAdd(mosaicId, _ => new LiveJob());

    private async Task SendPreviewAsync(string mosaicId, LiveJob job, CancellationToken cancellationToken)
    {
        // One upload at a time per mosaic; a frame that arrives meanwhile waits, and only the newest is sent.
        if (!await job.Uploading.WaitAsync(0, cancellationToken))
            return;
        try
        {
            var wait = MinIntervalTicks - (Stopwatch.GetTimestamp() - job.LastPreview);
            if (wait > 0)
                await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency), cancellationToken);
            await UploadPendingAsync(mosaicId, job, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
        {
            logger.LogDebug(ex, "Preview of {MosaicId} not sent", mosaicId);
        }
        finally
        {
            job.Uploading.Release();
        }
    }

    private async Task UploadPendingAsync(string mosaicId, LiveJob job, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref job.PendingFrame, null) is not { } frame)
            return;
        job.LastPreview = Stopwatch.GetTimestamp();
        await webTier.UploadPreviewAsync(mosaicId, frame.Jpeg, cancellationToken);
        Interlocked.Increment(ref job.PreviewVersion);
        await ReportAsync(mosaicId, job.Stage, job.Fraction, cancellationToken);
    }

    private async Task ShowFaceAsync(string mosaicId, LiveJob job, Func<Stream> picture, CancellationToken cancellationToken)
    {
        if (Stopwatch.GetTimestamp() - job.LastFace < MinIntervalTicks || !await job.Facing.WaitAsync(0, cancellationToken))
            return;
        try
        {
            job.LastFace = Stopwatch.GetTimestamp();
            if (FaceThumbnail.TryMake(picture) is not { } face)
                return;
            var number = Interlocked.Increment(ref job.FaceCount);
            await webTier.UploadFaceAsync(mosaicId, number, face, cancellationToken);
            job.AddFace(number, FacesShown);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
        {
            logger.LogDebug(ex, "A face of {MosaicId} not sent", mosaicId);
        }
        finally
        {
            job.Facing.Release();
        }
    }

    /// <summary>What this worker knows of one mosaic it is making.</summary>
    private sealed class LiveJob
    {
        private readonly Lock _faces = new();
        private int[] _shown = [];

        public long LastSent = long.MinValue / 2;
        public long LastFace = long.MinValue / 2;
        public long LastPreview = long.MinValue / 2;
        public int FaceCount;
        public int PreviewVersion;
        public PreviewFrame? PendingFrame;

        public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

        public SemaphoreSlim Uploading { get; } = new(1, 1);

        public SemaphoreSlim Facing { get; } = new(1, 1);

        public string Stage { get; set; } = "fetch";

        public double Fraction { get; set; }

        public FetchCount? Fetched { get; set; }

        public Func<FriendCounts>? Friends { get; set; }

        public void AddFace(int number, int keep)
        {
            lock (_faces)
                _shown = [.. _shown.Append(number).TakeLast(keep)];
        }

        public ProgressReport Report(string mosaicId, string worker)
        {
            lock (_faces)
            {
                return new ProgressReport(mosaicId, Stage, Fraction)
                {
                    Worker = worker,
                    StartedAt = StartedAt,
                    Fetched = Fetched,
                    Friends = Friends?.Invoke(),
                    Faces = _shown,
                    PreviewVersion = Volatile.Read(ref PreviewVersion),
                };
            }
        }
    }

    private sealed class EngineProgress(JobProgress owner, string mosaicId, CancellationToken cancellationToken)
        : IProgress<RenderProgress>
    {
        // The engine calls from its own threads and must not wait for the network.
        public void Report(RenderProgress value) =>
            _ = owner.ReportThrottledAsync(mosaicId, value.Stage.ToString().ToLowerInvariant(),
                0.15 + (0.8 * Math.Clamp(value.Fraction, 0, 1)), cancellationToken);
    }
}
