using Frintr.Jobs.Contracts;
using Frintr.Web.Mosaics.Status;
using Frintr.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Frintr.Web.Mosaics.Live;

/// <summary>Live progress: browsers watch a mosaic, workers report on it. With Redis, any web instance delivers
/// what a worker reported to another.</summary>
public sealed class MosaicHub(MosaicStatusReader reader, TimeProvider clock) : Hub
{
    /// <summary>Mosaics one connection may watch: a page watches one; more would only be someone filling the
    /// backplane with groups.</summary>
    public const int MaxWatchesPerConnection = 16;

    public static string GroupOf(string mosaicId) => "mosaic:" + mosaicId;

    /// <summary>Sends this connection the mosaic's events from now on, and returns where it stands already,
    /// so a mosaic that finished before the watch began is not missed. Only mosaics that exist can be watched,
    /// and at most <see cref="MaxWatchesPerConnection"/> of them.</summary>
    public async Task<MosaicStatus> Watch(string mosaicId)
    {
        if (!MosaicId.IsValid(mosaicId))
            throw new HubException("No mosaic has this id.");
        var watched = Watched();
        if (!watched.Contains(mosaicId) && watched.Count >= MaxWatchesPerConnection)
            throw new HubException($"One connection watches at most {MaxWatchesPerConnection} mosaics.");
        var before = await reader.ReadAsync(mosaicId, Context.ConnectionAborted)
            ?? throw new HubException("No mosaic has this id.");

        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(mosaicId));
        watched.Add(mosaicId);
        // Read again once in the group: an event sent between the two reads is in this answer.
        return await reader.ReadAsync(mosaicId, Context.ConnectionAborted) ?? before;
    }

    // Invocations of one connection run one at a time (SignalR's default), so a plain set is enough.
    private HashSet<string> Watched() =>
        Context.Items.TryGetValue(nameof(Watched), out var set) && set is HashSet<string> ids
            ? ids
            : (HashSet<string>)(Context.Items[nameof(Watched)] = new HashSet<string>(StringComparer.Ordinal));

    [Authorize(Policy = WorkerKeyAuthentication.Policy)]
    public Task Report(ProgressReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (!MosaicId.IsValid(report.MosaicId))
            throw new HubException("No mosaic has this id.");
        var status = LiveStatus.FromReport(report, clock.GetUtcNow());
        return Clients.Group(GroupOf(report.MosaicId)).SendAsync(MosaicHubContract.Progress, status);
    }
}
