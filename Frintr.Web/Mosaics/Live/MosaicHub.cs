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
    public static string GroupOf(string mosaicId) => "mosaic:" + mosaicId;

    /// <summary>Sends this connection the mosaic's events from now on, and returns where it stands already,
    /// so a mosaic that finished before the watch began is not missed.</summary>
    public async Task<MosaicStatus?> Watch(string mosaicId)
    {
        if (!MosaicId.IsValid(mosaicId))
            throw new HubException("No mosaic has this id.");
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(mosaicId));
        return await reader.ReadAsync(mosaicId, Context.ConnectionAborted);
    }

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
