using System.Globalization;
using Frintr.Jobs.Contracts;
using Frintr.Web.Hosting;
using Frintr.Web.Mosaics.Gallery;
using Frintr.Web.Mosaics.Status;
using Frintr.Web.Mosaics.Storage;
using Frintr.Web.Mosaics.Submission;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Frintr.Web.Mosaics.Api;

/// <summary>The public HTTP API: the same operations as the page, for scripts.</summary>
public static class MosaicApi
{
    public static IEndpointRouteBuilder MapMosaicApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/mosaics").WithTags("Mosaics");
        api.MapPost("/", SubmitAsync).DisableAntiforgery().RequireRateLimiting(Security.RateLimits.Submissions);
        api.MapGet("/{id}", GetStatusAsync);
        api.MapGet("/{id}/map", GetMap);
        api.MapDelete("/{id}", Delete);
        app.MapGet("/mosaics/{id}.{extension:regex(^(jpg|png|webp)$)}", GetPicture);
        app.MapGet("/mosaics/{id}.dzi", (string id, ResultStore results) =>
            Serve(id, results, () => results.PyramidDescriptor(id), "application/xml"));
        app.MapGet("/mosaics/{id}_files/{level:int}/{tile}", (string id, int level, string tile, ResultStore results) =>
            Serve(id, results, () => results.PyramidTile(id, level, tile), tile.EndsWith(".png", StringComparison.Ordinal) ? "image/png" : "image/jpeg"));
        app.MapGet("/mosaics/{id}/preview.jpg", (string id, ResultStore results) =>
            Serve(id, results, () => File.Exists(results.PreviewPath(id)) ? results.PreviewPath(id) : null, "image/jpeg", immutable: false));
        app.MapGet("/mosaics/{id}/faces/{number:int:min(1)}.jpg", (string id, int number, ResultStore results) =>
            Serve(id, results, () => File.Exists(results.FacePath(id, number)) ? results.FacePath(id, number) : null, "image/jpeg"));
        return app;
    }

    /// <summary>A file of a mosaic; those that never change once written (tiles, faces) may be cached for good.</summary>
    private static IResult Serve(string id, ResultStore results, Func<string?> find, string contentType, bool immutable = true)
    {
        if (!MosaicId.IsValid(id) || results.IsDeleted(id) || find() is not { } path)
            return Problem(404, "This mosaic has no such file (yet).");
        return new CachedFile(path, contentType, immutable);
    }

    private static IResult GetMap(string id, ResultStore results) =>
        MosaicId.IsValid(id) && !results.IsDeleted(id) && File.Exists(results.MapPath(id))
            ? Results.File(results.MapPath(id), "application/json")
            : Problem(404, "This mosaic has no tile map (yet).");

    /// <summary>The owner (the browser's owner cookie) deletes a mosaic: picture, pyramid, map, note and uploads go;
    /// a mosaic still being made is cancelled.</summary>
    private static IResult Delete(string id, HttpContext http, MosaicGallery gallery) =>
        gallery.Delete(Frintr.Web.Security.OwnerCookie.For(http), id) ? Results.NoContent() : Problem(404, "You have no mosaic with this id.");

    private static async Task<IResult> SubmitAsync(HttpContext http, MosaicSubmitter submitter, IOptions<FrintrWebOptions> options, CancellationToken cancellationToken)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = options.Value.MaxSubmissionBytes;
        if (!http.Request.HasFormContentType)
            return Problem(400, "Send the pictures as multipart/form-data: a `target` file, `tiles` files and/or `tileUrls`.");

        var (read, refusal) = await ReadFormAsync(http, options.Value.MaxFriends, cancellationToken);
        await using var form = read;
        if (form is null || form.Errors.Count > 0)
        {
            // The rest of the body is not read: the connection closes after this answer.
            http.Response.Headers.Connection = "close";
            return refusal ?? Results.ValidationProblem(form!.Errors, title: "This submission cannot be read as sent.");
        }

        var errors = new Dictionary<string, string[]>();
        var submission = new MosaicSubmission(
            form.Target is { } target ? Picture(target) : null,
            [.. form.Tiles.Select(Picture)],
            form.ListLines,
            new MosaicOptions
            {
                Columns = Integer(form, "columns", 50, errors),
                TileSize = Integer(form, "tileSize", 20, errors),
                RepeatDistance = Integer(form, "repeatDistance", 5, errors),
                Blend = Integer(form, "blend", 0, errors),
                EveryoneAppears = Switch(form, "everyoneAppears", errors),
                Format = FormatOf(form, errors),
                Crop = CropOf(form, errors),
            },
            OwnerId: form.Fields.GetValueOrDefault("owner") is { } owner && !string.IsNullOrWhiteSpace(owner) ? owner : "api")
        {
            FriendsSource = Source(form, errors),
            Account = form.Fields.GetValueOrDefault("account"),
            Relation = Relation(form, errors),
            TargetFromAccount = Switch(form, "targetFromAccount", errors),
        };
        if (errors.Count > 0)
            return Results.ValidationProblem(errors, title: "Some of the mosaic's options are not understood.");

        var outcome = await submitter.SubmitAsync(submission, cancellationToken);
        if (outcome.QueueUnavailable)
            return Problem(503, outcome.Errors[""][0]);
        if (!outcome.Accepted)
            return Results.ValidationProblem(outcome.Errors, title: "This mosaic cannot be made as asked.");

        var id = outcome.MosaicId!;
        return Results.Accepted(MosaicStatusReader.StatusUrl(id),
            new { id, status = MosaicState.Queued, statusUrl = MosaicStatusReader.StatusUrl(id) });
    }

    private static async Task<IResult> GetStatusAsync(string id, MosaicStatusReader reader, CancellationToken cancellationToken) =>
        await reader.ReadAsync(id, cancellationToken) is { } status
            ? Results.Ok(status)
            : Problem(404, "No mosaic has this id.");

    // The picture under the extension of its format (".jpg" also answers for any format, as it always did).
    private static IResult GetPicture(string id, string extension, ResultStore results) =>
        MosaicId.IsValid(id) && !results.IsDeleted(id) && results.Picture(id) is { } picture
            && (extension == "jpg" || ResultStore.ExtensionOf(picture.ContentType) == extension)
            ? Results.File(picture.Path, picture.ContentType, enableRangeProcessing: true)
            : Problem(404, "This mosaic has no picture (yet).");

    private static Imaging.MosaicFormat FormatOf(SubmissionForm form, Dictionary<string, string[]> errors)
    {
        var text = (form.Fields.GetValueOrDefault("format") ?? string.Empty).Trim();
        if (text.Length == 0)
            return Imaging.MosaicFormat.Jpeg;
        if (Enum.TryParse<Imaging.MosaicFormat>(text, ignoreCase: true, out var format) && Enum.IsDefined(format) && !int.TryParse(text, out _))
            return format;
        errors["format"] = [$"“{text}” is not a format we make: jpeg, png or webp."];
        return Imaging.MosaicFormat.Jpeg;
    }

    // "left,top,width,height", fractions of the upright target picture.
    private static Imaging.CropBox? CropOf(SubmissionForm form, Dictionary<string, string[]> errors)
    {
        var text = (form.Fields.GetValueOrDefault("crop") ?? string.Empty).Trim();
        if (text.Length == 0)
            return null;
        var parts = text.Split(',');
        var values = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
                values = [];
        }

        if (values.Length == 4)
            return new Imaging.CropBox(values[0], values[1], values[2], values[3]);
        errors["crop"] = [$"“{text}” is not a crop: give left,top,width,height as fractions of the picture (0–1)."];
        return null;
    }

    private static async Task<(SubmissionForm? Form, IResult? Refusal)> ReadFormAsync(HttpContext http, int maxFriends, CancellationToken cancellationToken)
    {
        try
        {
            return (await SubmissionForm.ReadAsync(http.Request, maxFriends, cancellationToken), null);
        }
        catch (BadHttpRequestException ex)
        {
            // Over the submission's size limit (413), or the body was cut short.
            return (null, Problem(ex.StatusCode, $"The upload was refused: {ex.Message}"));
        }
        catch (IOException ex)
        {
            return (null, Problem(400, $"The upload broke off: {ex.Message}"));
        }
    }

    private static SubmittedPicture Picture(SpooledFile file) => new(file.FileName, file.Length, _ => File.OpenRead(file.Path));

    private static FriendsSource? Source(SubmissionForm form, Dictionary<string, string[]> errors)
    {
        var text = form.Fields.GetValueOrDefault("friendsSource");
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (FriendsSources.TryParse(text, out FriendsSource source))
            return source;
        errors["friendsSource"] = [$"“{text}” is not a source of friends; use upload, urls, mastodon, bluesky, github or builtin."];
        return null;
    }

    private static FriendsRelation Relation(SubmissionForm form, Dictionary<string, string[]> errors)
    {
        var text = form.Fields.GetValueOrDefault("relation");
        if (string.IsNullOrWhiteSpace(text))
            return FriendsRelation.Following;
        if (FriendsSources.TryParse(text, out FriendsRelation relation))
            return relation;
        errors["relation"] = [$"“{text}” is neither following nor followers."];
        return FriendsRelation.Following;
    }

    private static int Integer(SubmissionForm form, string field, int fallback, Dictionary<string, string[]> errors)
    {
        var text = form.Fields.GetValueOrDefault(field) ?? string.Empty;
        if (text.Length == 0)
            return fallback;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            return value;
        errors[field] = [$"“{text}” is not a whole number."];
        return fallback;
    }

    // An HTML checkbox sends "on"; scripts send true/false.
    private static bool Switch(SubmissionForm form, string field, Dictionary<string, string[]> errors)
    {
        var text = (form.Fields.GetValueOrDefault(field) ?? string.Empty).Trim();
        if (text.Length == 0 || text is "0" || text.Equals("false", StringComparison.OrdinalIgnoreCase))
            return false;
        if (text is "1" or "on" || text.Equals("true", StringComparison.OrdinalIgnoreCase))
            return true;
        errors[field] = [$"“{text}” is neither true nor false."];
        return false;
    }

    internal static IResult Problem(int status, string detail) =>
        Results.Problem(detail: detail, statusCode: status);
}
