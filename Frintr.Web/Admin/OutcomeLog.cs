using System.Globalization;
using Frintr.Jobs.Contracts;
using Hangfire;
using Hangfire.Storage;

namespace Frintr.Web.Admin;

/// <summary>Which mosaics finished when, and how, for the admin page's last hour: one set per outcome and clock hour
/// in the job storage (shared by every web instance), each entry "id|unix seconds", kept for three hours.</summary>
public sealed class OutcomeLog(JobStorage storage, TimeProvider clock, ILogger<OutcomeLog> logger)
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromHours(3);

    public void Record(string mosaicId, MosaicState outcome, DateTimeOffset at)
    {
        try
        {
            using var connection = storage.GetConnection();
            using var transaction = connection.CreateWriteTransaction();
            var key = Key(outcome, at);
            transaction.AddToSet(key, string.Create(CultureInfo.InvariantCulture, $"{mosaicId}|{at.ToUnixTimeSeconds()}"));
            if (transaction is JobStorageTransaction expiring)
                expiring.ExpireSet(key, KeepFor);
            transaction.Commit();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The note is on disk; the admin's counters are a convenience.
            logger.LogWarning(ex, "Outcome of {MosaicId} not counted", mosaicId);
        }
    }

    /// <summary>Mosaics that ended this way in the last hour, newest first.</summary>
    public IReadOnlyList<(string MosaicId, DateTimeOffset At)> LastHour(MosaicState outcome)
    {
        var now = clock.GetUtcNow();
        using var connection = storage.GetConnection();
        return [.. new[] { now, now.AddHours(-1) }
            .SelectMany(hour => connection.GetAllItemsFromSet(Key(outcome, hour)))
            .Select(Parse)
            .Where(e => e.At > now.AddHours(-1))
            .OrderByDescending(e => e.At)];
    }

    private static (string MosaicId, DateTimeOffset At) Parse(string entry)
    {
        var bar = entry.LastIndexOf('|');
        return (entry[..bar], DateTimeOffset.FromUnixTimeSeconds(long.Parse(entry[(bar + 1)..], CultureInfo.InvariantCulture)));
    }

    private static string Key(MosaicState outcome, DateTimeOffset hour) =>
        string.Create(CultureInfo.InvariantCulture, $"outcomes:{outcome.ToString().ToLowerInvariant()}:{hour.UtcDateTime:yyyyMMddHH}");
}
