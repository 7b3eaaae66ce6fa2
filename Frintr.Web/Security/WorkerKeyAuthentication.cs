using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Frintr.Jobs.Contracts;
using Frintr.Jobs.Worker;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Frintr.Web.Security;

/// <summary>Workers prove who they are with the shared worker key, as <c>Authorization: Bearer</c> (or, for the
/// hub's WebSocket, the <c>access_token</c> query parameter that SignalR clients use).</summary>
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
        || (request.Path.StartsWithSegments(MosaicHubContract.Path) && request.Query.ContainsKey("access_token"));

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Request.Headers.Authorization.ToString() is { } header && header.StartsWith("Bearer ", StringComparison.Ordinal)
            ? header["Bearer ".Length..].Trim()
            : Request.Query["access_token"].ToString();
        if (presented.Length == 0)
            return Task.FromResult(AuthenticateResult.NoResult());

        var expected = Encoding.UTF8.GetBytes(worker.Value.WorkerKey);
        if (expected.Length == 0 || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), expected))
            return Task.FromResult(AuthenticateResult.Fail("Wrong worker key."));

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "worker"), new Claim(ClaimTypes.Role, Role)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
