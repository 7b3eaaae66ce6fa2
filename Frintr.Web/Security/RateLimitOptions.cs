using System.ComponentModel.DataAnnotations;

namespace Frintr.Web.Security;

/// <summary>How often one client may do costly things (section <c>Frintr:RateLimit</c>). A client is one IPv4
/// address or one IPv6 /64, as seen after trusted proxies (<see cref="ProxyOptions"/>).</summary>
public sealed class RateLimitOptions
{
    public const string Section = "Frintr:RateLimit";

    /// <summary><c>POST /api/mosaics</c> per client and minute; a burst of this many, then one every 60/N seconds.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Frintr:RateLimit:SubmissionsPerMinute must be between 1 and 1,000,000.")]
    public int SubmissionsPerMinute { get; set; } = 20;

    /// <summary>Admin sign-in attempts per client and minute, right or wrong.</summary>
    [Range(1, 10_000, ErrorMessage = "Frintr:RateLimit:SignInAttemptsPerMinute must be between 1 and 10,000.")]
    public int SignInAttemptsPerMinute { get; set; } = 5;
}
