using Frintr.Jobs.Contracts;
using Frintr.Jobs.Status;
using Frintr.Web.Admin;
using Frintr.Web.Mosaics.Live;
using Frintr.Web.Mosaics.Status;
using Frintr.Web.Mosaics.Storage;
using Frintr.Web.Security;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;

namespace Frintr.Web.Mosaics.Api;

/// <summary>What workers call (worker key required): uploaded inputs down, the picture and the completion note up.</summary>
public static class WorkerApi
{
    private const long MaxPictureBytes = 512L * 1024 * 1024;

    public static IEndpointRouteBuilder MapWorkerApi(this IEndpointRouteBuilder app)
    {
        var worker = app.MapGroup("/api/worker/mosaics/{id}")
            .RequireAuthorization(WorkerKeyAuthentication.Policy)
            .AddEndpointFilter(async (context, next) =>
                MosaicId.IsValid(context.HttpContext.GetRouteValue("id") as string)
                    ? await next(context)
                    : MosaicApi.Problem(404, "No mosaic has this id."));
        worker.MapGet("/inputs/{name}", GetInput);
        worker.MapGet("/note", GetNoteAsync);
        worker.MapPut("/picture", PutPictureAsync).DisableAntiforgery();
        worker.MapPut("/note", PutNoteAsync).DisableAntiforgery();
        worker.MapPut("/pyramid", PutPyramidAsync).DisableAntiforgery();
        worker.MapPut("/map", PutMapAsync).DisableAntiforgery();
        worker.MapPut("/preview", (string id, HttpContext http, ResultStore results, CancellationToken ct) =>
            PutLiveAsync(http, results, results.PreviewPath(id), MosaicPipeline.MaxPreviewBytes, ct)).DisableAntiforgery();
        worker.MapPut("/faces/{number:int:min(1)}", (string id, int number, HttpContext http, ResultStore results, CancellationToken ct) =>
            PutLiveAsync(http, results, results.FacePath(id, number), MosaicPipeline.MaxFaceBytes, ct)).DisableAntiforgery();
        return app;
    }

    /// <summary>A mosaic that is finished takes no more parts, and one its owner deleted takes nothing at all.</summary>
    private static async Task<IResult?> RefuseAsync(string id, ResultStore results, CancellationToken cancellationToken)
    {
        if (results.IsDeleted(id))
            return MosaicApi.Problem(410, "This mosaic was deleted by its owner.");
        return await results.ReadNoteAsync(id, cancellationToken) is { Status: MosaicState.Succeeded }
            ? MosaicApi.Problem(409, "This mosaic is finished already; its parts are not replaced.")
            : null;
    }

    private static async Task<IResult> PutPyramidAsync(string id, HttpContext http, ResultStore results, CancellationToken cancellationToken)
    {
        if (await RefuseAsync(id, results, cancellationToken) is { } refused)
            return refused;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = ResultStore.MaxPyramidBytes + (64L << 20);
        try
        {
            return await results.SavePyramidAsync(id, http.Request.Body, cancellationToken) is { } problem
                ? MosaicApi.Problem(400, problem)
                : Results.NoContent();
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or EndOfStreamException)
        {
            return MosaicApi.Problem(400, "The pyramid is not a readable tar: " + ex.Message);
        }
    }

    private static async Task<IResult> PutMapAsync(string id, MosaicMap map, ResultStore results, CancellationToken cancellationToken)
    {
        if (await RefuseAsync(id, results, cancellationToken) is { } refused)
            return refused;
        if (map.Columns < 1 || map.Rows < 1 || map.Cells.Count != (long)map.Columns * map.Rows || map.Cells.Any(c => c < 0 || c >= map.Friends.Count))
            return MosaicApi.Problem(400, "The map's cells do not match its columns, rows and friends.");
        await results.SaveMapAsync(id, map, cancellationToken);
        return Results.NoContent();
    }

    private static async Task<IResult> PutLiveAsync(HttpContext http, ResultStore results, string path, int maxBytes, CancellationToken cancellationToken)
    {
        var id = (string)http.GetRouteValue("id")!;
        if (await RefuseAsync(id, results, cancellationToken) is { } refused)
            return refused;
        if (http.Request.ContentType != "image/jpeg")
            return MosaicApi.Problem(415, "Send previews and faces as image/jpeg.");
        using var buffer = new MemoryStream();
        if (!await PictureSize.CopyAtMostAsync(http.Request.Body, buffer, maxBytes, cancellationToken))
            return MosaicApi.Problem(413, $"Previews and faces are at most {maxBytes:N0} bytes.");
        await results.SaveLiveAsync(path, buffer.ToArray(), cancellationToken);
        return Results.NoContent();
    }

    private static IResult GetInput(string id, string name, InputStore inputs) =>
        inputs.PathOf(id, name) is { } path
            ? Results.File(path, "application/octet-stream")
            : MosaicApi.Problem(404, "No such input for this mosaic.");

    private static async Task<IResult> GetNoteAsync(string id, ResultStore results, CancellationToken cancellationToken) =>
        await results.ReadNoteAsync(id, cancellationToken) is { } note
            ? Results.Ok(note)
            : MosaicApi.Problem(404, "This mosaic has no completion note yet.");

    private static async Task<IResult> PutPictureAsync(string id, HttpContext http, ResultStore results, CancellationToken cancellationToken)
    {
        if (await RefuseAsync(id, results, cancellationToken) is { } refused)
            return refused;
        if (!ResultStore.IsPictureType(http.Request.ContentType))
            return MosaicApi.Problem(415, "Upload the mosaic as image/jpeg, image/png or image/webp.");
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = MaxPictureBytes;

        await results.SavePictureAsync(id, http.Request.Body, http.Request.ContentType!, cancellationToken);
        return Results.NoContent();
    }

    private static async Task<IResult> PutNoteAsync(
        string id, CompletionNote note, ResultStore results, InputStore inputs, MosaicStatusBoard board, OutcomeLog outcomes,
        IHubContext<MosaicHub> hub, ILogger<CompletionNote> logger, CancellationToken cancellationToken)
    {
        if (note.MosaicId != id)
            return MosaicApi.Problem(400, "The note is for another mosaic.");
        if (note.Status is not (MosaicState.Succeeded or MosaicState.Failed))
            return MosaicApi.Problem(400, "A completion note says succeeded or failed.");
        if (note.Status == MosaicState.Succeeded && results.Picture(id) is null)
            return MosaicApi.Problem(409, "Upload the picture before the note that says it is done.");
        if (await RefuseAsync(id, results, cancellationToken) is { } refused)
            return refused;

        await results.SaveNoteAsync(note, cancellationToken);
        results.DeleteFaces(id);
        // People's pictures are kept no longer than their mosaic needs them: not after any final state.
        inputs.Delete(id);
        outcomes.Record(id, note.Status, note.CompletedAt);

        var status = MosaicStatusReader.FromNote(note);
        try
        {
            board.MarkFinished(id, note.Status, note.Error);
            await hub.Clients.Group(MosaicHub.GroupOf(id))
                .SendAsync(note.Status == MosaicState.Succeeded ? MosaicHubContract.Completed : MosaicHubContract.Failed, status, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The note is on disk, which is what counts; watchers fall back to polling it.
            logger.LogWarning(ex, "Mosaic {MosaicId} finished, but watchers could not be told", id);
        }

        return Results.NoContent();
    }
}
