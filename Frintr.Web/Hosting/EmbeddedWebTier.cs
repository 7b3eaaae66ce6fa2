using Frintr.Jobs.WebTier;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Frintr.Web.Hosting;

/// <summary>The embedded worker talks to the web host it lives in, over the same HTTP API remote workers use;
/// the address is only known once Kestrel listens.</summary>
public sealed class EmbeddedWebTier(IServer server) : IWebTierLocator
{
    public Uri BaseUrl
    {
        get
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal))
                ?? addresses.FirstOrDefault()
                ?? throw new InvalidOperationException("The web host is not listening yet.");
            // A wildcard binding is reachable on loopback.
            var uri = new UriBuilder(address.Replace("://+:", "://localhost:", StringComparison.Ordinal)
                .Replace("://*:", "://localhost:", StringComparison.Ordinal)
                .Replace("://[::]:", "://localhost:", StringComparison.Ordinal)
                .Replace("://0.0.0.0:", "://localhost:", StringComparison.Ordinal));
            if (uri.Host == "localhost")
                uri.Host = "127.0.0.1";
            uri.Path = "/";
            return uri.Uri;
        }
    }
}
