using System.Security.Cryptography;
using System.Text;
using Frintr.Web.Admin;
using Microsoft.AspNetCore.Components;

namespace Frintr.Web.Security;

/// <summary>Headers that tell the browser to trust nothing but Frintr itself: a Content-Security-Policy, no MIME
/// sniffing, no framing, no referrer leaving the site (a mosaic's address is its key), no powerful features.
/// Set before the response is produced, and again when an error or status page is re-executed.</summary>
public sealed class SecurityHeaders(RequestDelegate next, EndpointDataSource endpoints)
{
    /// <summary>Stylesheets that libraries we serve insert as inline <c>&lt;style&gt;</c> elements, allowed by hash — nothing
    /// else inline is. OpenSeadragon (wwwroot/lib) adds this one rule once per page; should a new version change it,
    /// only that focus outline on touch screens is lost, and the browser tests' violation check says so.</summary>
    internal static readonly string[] LibraryInlineStyles =
    [
        "@media (hover: none) {    .openseadragon-canvas:focus {        outline: none !important;    }}",
    ];

    private static readonly string StyleHashes = string.Concat(LibraryInlineStyles.Select(style => $" 'sha256-{Sha256(style)}'"));

    private string? _pagePolicy;

    /// <summary>The policy of Frintr's own pages. Scripts: our files, plus the one inline script Blazor renders — the
    /// import map of <c>&lt;ImportMap /&gt;</c> — allowed by its hash (it is the same on every page). Styles: our files and
    /// <see cref="LibraryInlineStyles"/>; inline <c>style</c> attributes are allowed (components and viewers set sizes and
    /// positions with them), other inline <c>&lt;style&gt;</c> elements are not. Images: ours, plus <c>blob:</c>/<c>data:</c> (tiles a viewer loads by
    /// script, tiny placeholder pictures). Connections: ours (Blazor's and the mosaic hub's WebSockets included).</summary>
    public static string PagePolicy(IEnumerable<string> inlineScriptHashes) =>
        "default-src 'self'; " +
        $"script-src 'self'{string.Concat(inlineScriptHashes.Select(hash => $" 'sha256-{hash}'"))}; " +
        $"style-src 'self'{StyleHashes}; style-src-attr 'unsafe-inline'; " +
        "img-src 'self' data: blob:; " +
        "connect-src 'self'; " +
        "font-src 'self'; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "frame-ancestors 'none'";

    /// <summary>The Hangfire dashboard (admins only, behind the admin policy) is not ours to change: it sets inline
    /// styles from its scripts and its charts, so styles may be inline there; its scripts are all files of its own.</summary>
    public const string DashboardPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
        "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext http)
    {
        var headers = http.Response.Headers;
        var policy = http.Request.Path.StartsWithSegments(AdminAccess.DashboardPath) ? DashboardPolicy : _pagePolicy ??= PagePolicy(ImportMapHashes());
        headers.ContentSecurityPolicy = http.Request.IsHttps ? policy + "; upgrade-insecure-requests" : policy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
        return next(http);
    }

    /// <summary>SHA-256 of each import map the pages render, the exact text <c>&lt;ImportMap /&gt;</c> writes.</summary>
    private List<string> ImportMapHashes() =>
        [.. endpoints.Endpoints
            .Select(endpoint => endpoint.Metadata.GetMetadata<ImportMapDefinition>()?.ToString())
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Select(Sha256)];

    private static string Sha256(string text) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
