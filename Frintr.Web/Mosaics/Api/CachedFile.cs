namespace Frintr.Web.Mosaics.Api;

/// <summary>A file answer with a cache policy: tiles and faces never change once written (a year, immutable); a
/// preview is replaced while the mosaic is made (revalidate every time).</summary>
internal sealed class CachedFile(string path, string contentType, bool immutable) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.Headers.CacheControl = immutable ? "public, max-age=31536000, immutable" : "no-cache";
        return Results.File(path, contentType, enableRangeProcessing: false).ExecuteAsync(httpContext);
    }
}
