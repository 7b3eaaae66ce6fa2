using Frintr.Jobs.Contracts;
using Frintr.Jobs.Status;
using Frintr.Web.Mosaics.Storage;

namespace Frintr.Web.Mosaics.Status;

/// <summary>One mosaic's status: the completion note when there is one, else the live board.</summary>
public sealed class MosaicStatusReader(
    ResultStore results, InputStore inputs, MosaicStatusBoard board, QueuePlaces queue, TimeProvider clock, ILogger<MosaicStatusReader> logger)
{
    public static string PictureUrl(string mosaicId, string? contentType = null) =>
        $"/mosaics/{mosaicId}.{ResultStore.ExtensionOf(contentType ?? "image/jpeg")}";

    public static string StatusUrl(string mosaicId) => $"/api/mosaics/{mosaicId}";

    /// <summary>Null when no mosaic has this id.</summary>
    public async Task<MosaicStatus?> ReadAsync(string mosaicId, CancellationToken cancellationToken)
    {
        if (!MosaicId.IsValid(mosaicId) || results.IsDeleted(mosaicId))
            return null;

        if (await results.ReadNoteAsync(mosaicId, cancellationToken) is { } note)
            return FromNote(note) with { PreviewUrl = File.Exists(results.PreviewPath(mosaicId)) ? LiveStatus.PreviewUrl(mosaicId, 0) : null };

        LiveState? live;
        int? place;
        try
        {
            live = board.Read(mosaicId);
            place = live?.State == MosaicState.Queued ? queue.PlaceOf(live.JobId) : null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Redis away: the mosaic is still ours if its uploads are here; say so rather than "not found".
            logger.LogWarning(ex, "Live status of {MosaicId} unavailable", mosaicId);
            return inputs.Exists(mosaicId)
                ? new MosaicStatus(mosaicId, MosaicState.Queued, 0, "waiting for the queue", null, null)
                : null;
        }

        return live is null ? null : LiveStatus.FromBoard(mosaicId, live, place, clock.GetUtcNow());
    }

    public static MosaicStatus FromNote(CompletionNote note)
    {
        ArgumentNullException.ThrowIfNull(note);
        var succeeded = note.Status == MosaicState.Succeeded;
        return new MosaicStatus(
            note.MosaicId,
            note.Status,
            succeeded ? 1 : 0,
            "done",
            succeeded ? PictureUrl(note.MosaicId, note.ContentType) : null,
            note.Error)
        {
            Worker = note.Worker,
            Width = succeeded ? note.Width : null,
            Height = succeeded ? note.Height : null,
        };
    }
}
