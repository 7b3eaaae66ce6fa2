using System.Globalization;
using Frintr.Jobs.Contracts;
using Frintr.Jobs.Status;

namespace Frintr.Web.Mosaics.Status;

/// <summary>Turns what a worker reports (pushed, or read back from the board when polled) into the status the page
/// and the API show: one place for the URLs and the estimate of the time left, so both ways say the same.</summary>
public static class LiveStatus
{
    /// <summary>Below this share of the work, or this many seconds, a rate says nothing about the time left.</summary>
    private const double MinFraction = 0.03;
    private const double MinSeconds = 1;

    public static string PreviewUrl(string mosaicId, int version) =>
        string.Create(CultureInfo.InvariantCulture, $"/mosaics/{mosaicId}/preview.jpg?v={version}");

    public static string FaceUrl(string mosaicId, int number) =>
        string.Create(CultureInfo.InvariantCulture, $"/mosaics/{mosaicId}/faces/{number}.jpg");

    public static MosaicStatus FromReport(ProgressReport report, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(report);
        var id = report.MosaicId;
        var fraction = Math.Clamp(report.Fraction, 0, 1);
        return new MosaicStatus(id, MosaicState.Running, fraction, report.Stage, null, null)
        {
            Worker = report.Worker,
            EtaSeconds = Eta(report.StartedAt, fraction, now),
            PreviewUrl = report.PreviewVersion > 0 ? PreviewUrl(id, report.PreviewVersion) : null,
            Fetched = report.Fetched,
            Friends = report.Friends,
            Faces = report.Faces is { Count: > 0 } faces ? [.. faces.Select(n => FaceUrl(id, n))] : null,
        };
    }

    public static MosaicStatus FromBoard(string mosaicId, LiveState live, int? queuePosition, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(live);
        var running = live.State == MosaicState.Running;
        return new MosaicStatus(mosaicId, live.State, live.Progress, live.Stage, null, live.Error)
        {
            QueuePosition = live.State == MosaicState.Queued ? queuePosition : null,
            Worker = running ? live.Worker : null,
            EtaSeconds = running ? Eta(live.StartedAt, live.Progress, now) : null,
            PreviewUrl = live.PreviewVersion > 0 && live.State != MosaicState.Failed ? PreviewUrl(mosaicId, live.PreviewVersion) : null,
            Fetched = running ? live.Fetched : null,
            Friends = live.Friends,
            Faces = running && live.Faces.Count > 0 ? [.. live.Faces.Select(n => FaceUrl(mosaicId, n))] : null,
            Width = live.Width > 0 ? live.Width : null,
            Height = live.Height > 0 ? live.Height : null,
        };
    }

    /// <summary>Seconds left at the pace so far, or null while there is too little to go on.</summary>
    public static int? Eta(DateTimeOffset? startedAt, double fraction, DateTimeOffset now)
    {
        if (startedAt is not { } started || fraction < MinFraction)
            return null;
        var elapsed = (now - started).TotalSeconds;
        if (elapsed < MinSeconds)
            return null;
        return fraction >= 1 ? 0 : (int)Math.Ceiling(elapsed * (1 - fraction) / fraction);
    }
}
