using Frintr.Jobs.Contracts;
using Frintr.Jobs.Status;
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
        return app;
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
        if (await results.ReadNoteAsync(id, cancellationToken) is { Status: MosaicState.Succeeded })
            return MosaicApi.Problem(409, "This mosaic is finished already; its picture is not replaced.");
        if (!ResultStore.IsPictureType(http.Request.ContentType))
            return MosaicApi.Problem(415, "Upload the mosaic as image/jpeg, image/png or image/webp.");
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = MaxPictureBytes;

        await results.SavePictureAsync(id, http.Request.Body, http.Request.ContentType!, cancellationToken);
        return Results.NoContent();
    }

    private static async Task<IResult> PutNoteAsync(
        string id, CompletionNote note, ResultStore results, InputStore inputs, MosaicStatusBoard board,
        IHubContext<MosaicHub> hub, ILogger<CompletionNote> logger, CancellationToken cancellationToken)
    {
        if (note.MosaicId != id)
            return MosaicApi.Problem(400, "The note is for another mosaic.");
        if (note.Status is not (MosaicState.Succeeded or MosaicState.Failed))
            return MosaicApi.Problem(400, "A completion note says succeeded or failed.");
        if (note.Status == MosaicState.Succeeded && results.Picture(id) is null)
            return MosaicApi.Problem(409, "Upload the picture before the note that says it is done.");
        if (await results.ReadNoteAsync(id, cancellationToken) is { Status: MosaicState.Succeeded })
            return MosaicApi.Problem(409, "This mosaic is finished already.");

        await results.SaveNoteAsync(note, cancellationToken);
        inputs.Delete(id);

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
