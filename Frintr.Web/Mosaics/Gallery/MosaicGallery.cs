using Frintr.Jobs.Contracts;
using Frintr.Jobs.Status;
using Frintr.Web.Mosaics.Status;
using Frintr.Web.Mosaics.Storage;
using Hangfire;

namespace Frintr.Web.Mosaics.Gallery;

/// <summary>A visitor's own mosaics (<c>/my</c>): listed from the owner index, each with where it stands and its
/// thumbnail (the worker's last preview frame), and deleted whole.</summary>
public sealed class MosaicGallery(
    OwnerIndex owners,
    MosaicStatusReader reader,
    ResultStore results,
    InputStore inputs,
    MosaicStatusBoard board,
    IBackgroundJobClient jobs,
    ILogger<MosaicGallery> logger)
{
    /// <summary>The owner's mosaics, newest first; one whose traces are all gone is left out.</summary>
    public async Task<IReadOnlyList<GalleryItem>> ListAsync(string ownerId, CancellationToken cancellationToken)
    {
        var items = new List<GalleryItem>();
        foreach (var owned in owners.List(ownerId))
        {
            if (await reader.ReadAsync(owned.Id, cancellationToken) is { } status)
                items.Add(new GalleryItem(owned.Id, owned.CreatedAt, status));
        }

        return items;
    }

    /// <summary>Deletes one of the owner's mosaics; false when it is not theirs. A mosaic still queued or being made is
    /// cancelled, and a tombstone keeps its worker from bringing it back.</summary>
    public bool Delete(string ownerId, string mosaicId)
    {
        if (!owners.Owns(ownerId, mosaicId))
            return false;
        results.Delete(mosaicId);
        inputs.Delete(mosaicId);
        try
        {
            if (board.Read(mosaicId) is { JobId: { } job, State: MosaicState.Queued or MosaicState.Running })
                jobs.Delete(job);
            board.Remove(mosaicId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Redis away: the files are gone and the tombstone refuses the worker; the board entry expires by itself.
            logger.LogWarning(ex, "Live state of deleted mosaic {MosaicId} not removed", mosaicId);
        }

        owners.Remove(ownerId, mosaicId);
        return true;
    }
}

/// <summary>One mosaic in a gallery.</summary>
public sealed record GalleryItem(string Id, DateTimeOffset CreatedAt, MosaicStatus Status);
