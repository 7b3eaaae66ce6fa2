using Frintr.Jobs.Contracts;
using Frintr.Jobs.Status;
using Frintr.Web.Mosaics.Storage;
using Hangfire;

namespace Frintr.Web.Admin;

/// <summary>What the admin page shows: the workers online and what each is making, the queue, the last hour's
/// throughput and failures, the latest failures with their messages; and the retry of a failed mosaic.</summary>
public sealed class AdminOverview(
    JobStorage storage,
    MosaicStatusBoard board,
    OutcomeLog outcomes,
    ResultStore results,
    InputStore inputs,
    IBackgroundJobClient jobs,
    TimeProvider clock)
{
    public const int FailuresShown = 10;

    public async Task<AdminSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var monitoring = storage.GetMonitoringApi();
        var processing = monitoring.ProcessingJobs(0, 500);
        var workers = monitoring.Servers()
            .Where(s => s.Queues?.Contains(MosaicPipeline.QueueName) ?? false)
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .Select(server => new WorkerView(
                server.Name,
                server.WorkersCount,
                server.Heartbeat is { } beat ? new DateTimeOffset(beat, TimeSpan.Zero) : null,
                [.. processing
                    .Where(p => p.Value?.ServerId == server.Name && p.Value.Job?.Args is [MosaicRequest, ..])
                    .Select(p => Making((MosaicRequest)p.Value.Job.Args[0], p.Value.StartedAt))]))
            .ToList();

        var failed = outcomes.LastHour(MosaicState.Failed);
        var failures = new List<FailureView>();
        foreach (var (id, at) in failed.Take(FailuresShown))
        {
            var note = await results.ReadNoteAsync(id, cancellationToken);
            failures.Add(new FailureView(id, at, note?.Error ?? "(retried, or deleted by its owner)",
                note?.Status == MosaicState.Failed && inputs.Exists(id)));
        }

        return new AdminSnapshot(
            workers,
            monitoring.EnqueuedCount(MosaicPipeline.QueueName),
            outcomes.LastHour(MosaicState.Succeeded).Count,
            failed.Count,
            failures,
            clock.GetUtcNow());
    }

    /// <summary>Makes a failed mosaic again: the note goes, the job goes back on the queue. Only possible while its
    /// inputs still exist (uploads are deleted when a mosaic ends; a mosaic of imported friends needs none).
    /// Returns what happened, in words for the admin.</summary>
    public async Task<string> RetryAsync(string mosaicId, CancellationToken cancellationToken)
    {
        if (!MosaicId.IsValid(mosaicId) || await results.ReadNoteAsync(mosaicId, cancellationToken) is not { Status: MosaicState.Failed })
            return "Only a failed mosaic can be retried.";
        if (!inputs.Exists(mosaicId) || board.Read(mosaicId) is not { JobId: { } job } live)
            return "This mosaic's uploaded pictures were deleted when it ended (people's pictures are not kept); ask its owner to submit it again.";

        results.DeleteNote(mosaicId);
        board.MarkQueued(mosaicId, live.OwnerId ?? "unknown", live.Width, live.Height);
        return jobs.Requeue(job)
            ? $"Mosaic {mosaicId} is back in the queue."
            : $"Hangfire would not requeue job {job}.";
    }

    private MosaicView Making(MosaicRequest request, DateTime? startedAt)
    {
        var live = board.Read(request.MosaicId);
        return new MosaicView(request.MosaicId, live?.Stage ?? "starting", live?.Progress ?? 0,
            startedAt is { } at ? new DateTimeOffset(at, TimeSpan.Zero) : null);
    }
}

public sealed record AdminSnapshot(
    IReadOnlyList<WorkerView> Workers,
    long QueueLength,
    int SucceededLastHour,
    int FailedLastHour,
    IReadOnlyList<FailureView> RecentFailures,
    DateTimeOffset ReadAt);

/// <summary>A worker process (a Hangfire server on the mosaics queue) and the mosaics it is making now.</summary>
public sealed record WorkerView(string Name, int Slots, DateTimeOffset? Heartbeat, IReadOnlyList<MosaicView> Making);

public sealed record MosaicView(string MosaicId, string Stage, double Progress, DateTimeOffset? StartedAt);

public sealed record FailureView(string MosaicId, DateTimeOffset At, string Message, bool CanRetry);
