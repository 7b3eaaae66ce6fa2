using Frintr.Jobs.Contracts;
using Frintr.Jobs.Status;
using Frintr.Web.Mosaics.Storage;

namespace Frintr.Web.Mosaics.Status;

/// <summary>One mosaic's status: the completion note when there is one, else the live board.</summary>
public sealed class MosaicStatusReader(ResultStore results, InputStore inputs, MosaicStatusBoard board, ILogger<MosaicStatusReader> logger)
{
    public static string PictureUrl(string mosaicId) => $"/mosaics/{mosaicId}.jpg";

    public static string StatusUrl(string mosaicId) => $"/api/mosaics/{mosaicId}";

    /// <summary>Null when no mosaic has this id.</summary>
    public async Task<MosaicStatus?> ReadAsync(string mosaicId, CancellationToken cancellationToken)
    {
        if (!MosaicId.IsValid(mosaicId))
            return null;

        if (await results.ReadNoteAsync(mosaicId, cancellationToken) is { } note)
            return FromNote(note);

        LiveState? live;
        try
        {
            live = board.Read(mosaicId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Redis away: the mosaic is still ours if its uploads are here; say so rather than "not found".
            logger.LogWarning(ex, "Live status of {MosaicId} unavailable", mosaicId);
            return inputs.Exists(mosaicId)
                ? new MosaicStatus(mosaicId, MosaicState.Queued, 0, "waiting for the queue", null, null)
                : null;
        }

        return live is null
            ? null
            : new MosaicStatus(mosaicId, live.State, live.Progress, live.Stage, null, live.Error) { Friends = live.Friends };
    }

    public static MosaicStatus FromNote(CompletionNote note) => new(
        note.MosaicId,
        note.Status,
        note.Status == MosaicState.Succeeded ? 1 : 0,
        "done",
        note.Status == MosaicState.Succeeded ? PictureUrl(note.MosaicId) : null,
        note.Error)
    {
        Friends = note.Friends,
    };
}
