using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Frintr.Jobs.Contracts;
using Frintr.Jobs.Worker;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Frintr.Web.Security;

/// <summary>Workers prove who they are with the shared worker key, as <c>Authorization: Bearer</c>. Only on the hub
/// (<see cref="MosaicHubContract.Path"/>) is the <c>access_token</c> query parameter accepted too, because a browser's
/// WebSocket cannot send headers; anywhere else a key in the address would end up in proxies' logs, so it opens nothing.</summary>
public sealed class WorkerKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<WorkerOptions> worker)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = MosaicPipeline.WorkerScheme;
    public const string Policy = "Worker";
    public const string Role = "worker";

    /// <summary>Whether the request carries a worker credential at all (used to pick this scheme).</summary>
    public static bool Presents(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal)
        || (AcceptsQueryKey(request) && request.Query.ContainsKey("access_token"));

    private static bool AcceptsQueryKey(HttpRequest request) => request.Path.StartsWithSegments(MosaicHubContract.Path);

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Request.Headers.Authorization.ToString() is { } header && header.StartsWith("Bearer ", StringComparison.Ordinal)
            ? header["Bearer ".Length..].Trim()
            : AcceptsQueryKey(Request) ? Request.Query["access_token"].ToString() : string.Empty;
        if (presented.Length == 0)
            return Task.FromResult(AuthenticateResult.NoResult());

        var expected = Encoding.UTF8.GetBytes(worker.Value.WorkerKey);
        if (expected.Length == 0 || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), expected))
            return Task.FromResult(AuthenticateResult.Fail("Wrong worker key."));

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "worker"), new Claim(ClaimTypes.Role, Role)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
