using System.Net;
using Microsoft.Extensions.Options;

namespace Frintr.Web.Security;

/// <summary>Reverse proxies in front of the web tier (key <c>Frintr:KnownProxies</c>: addresses such as
/// <c>10.0.0.2</c> or networks such as <c>10.0.0.0/24</c>, as a list or comma-separated). Only requests arriving
/// from one of them may say, through <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>, who the client is and that
/// the client used HTTPS; from anyone else those headers are ignored. Empty: no proxy is trusted.</summary>
public sealed class ProxyOptions
{
    public const string Key = "Frintr:KnownProxies";

    public IReadOnlyList<string> KnownProxies { get; set; } = [];

    /// <summary>The entries as networks (a single address is a /32 or /128); entries that do not parse are left out
    /// (start-up validation has refused them already).</summary>
    public IEnumerable<IPNetwork> Networks() =>
        KnownProxies.Select(entry => TryParse(entry, out var network) ? network : (IPNetwork?)null).OfType<IPNetwork>();

    internal static bool TryParse(string entry, out IPNetwork network)
    {
        if (IPAddress.TryParse(entry, out var address))
        {
            network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }

        return IPNetwork.TryParse(entry, out network);
    }

    /// <summary>Reads <see cref="Key"/> both as a list (<c>KnownProxies:0</c>, JSON arrays) and as one comma-separated value.</summary>
    internal static IReadOnlyList<string> Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Key);
        return [.. new[] { section.Value }.Concat(section.GetChildren().Select(child => child.Value))
            .SelectMany(value => (value ?? string.Empty).Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
    }

    internal sealed class Validation : IValidateOptions<ProxyOptions>
    {
        public ValidateOptionsResult Validate(string? name, ProxyOptions options)
        {
            var wrong = options.KnownProxies.Where(entry => !TryParse(entry, out _)).ToList();
            return wrong.Count == 0
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"{Key}: {string.Join(", ", wrong.Select(w => $"“{w}”"))} is neither an IP address nor a network such as 10.0.0.0/24.");
        }
    }
}
