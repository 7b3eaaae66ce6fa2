using System.Diagnostics;
using Frintr.Jobs.Contracts;
using Hangfire;

namespace Frintr.Web.Mosaics.Status;

/// <summary>Where each waiting mosaic stands in the queue (1 = next), first come first served. Read from the job
/// storage at most once a second per web instance however many pages ask, and only the first
/// <see cref="Looked"/> waiting jobs: beyond that the page says "more than".</summary>
public sealed class QueuePlaces(JobStorage storage, TimeProvider clock)
{
    public const int Looked = 1000;
    private static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private Dictionary<string, int> _places = [];
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;

    /// <summary>The job's place, <see cref="Looked"/> + 1 when it is further back, or null when it is not waiting.</summary>
    public int? PlaceOf(string? jobId)
    {
        if (jobId is null)
            return null;
        var places = Current();
        return places.TryGetValue(jobId, out var place) ? place : places.Count >= Looked ? Looked + 1 : null;
    }

    private Dictionary<string, int> Current()
    {
        lock (_gate)
        {
            if (clock.GetUtcNow() - _readAt < FreshFor)
                return _places;
        }

        var waiting = storage.GetMonitoringApi().EnqueuedJobs(MosaicPipeline.QueueName, 0, Looked);
        var places = waiting
            .OrderBy(j => j.Value?.EnqueuedAt ?? (j.Value?.Job?.Args is [MosaicRequest r, ..] ? r.CreatedAt.UtcDateTime : DateTime.MaxValue))
            .Select((j, i) => (j.Key, Place: i + 1))
            .ToDictionary(p => p.Key, p => p.Place);
        lock (_gate)
        {
            _places = places;
            _readAt = clock.GetUtcNow();
        }

        Debug.Assert(places.Count <= Looked);
        return places;
    }
}
