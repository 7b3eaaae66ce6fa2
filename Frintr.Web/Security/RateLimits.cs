using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Frintr.Web.Security;

/// <summary>Per-client rate limits (ASP.NET Core rate limiting): submissions through the API, and admin sign-in
/// attempts. Each limit is a token bucket: a burst of N, refilled at N a minute, so a client that keeps trying
/// gets one more try every 60/N seconds, and <c>Retry-After</c> says exactly when.</summary>
public static class RateLimits
{
    /// <summary>The policy on <c>POST /api/mosaics</c>.</summary>
    public const string Submissions = "submissions";

    public static IServiceCollection AddFrintrRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SignInThrottle>();
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((limiter, limits) =>
        {
            var perMinute = limits.Value.SubmissionsPerMinute;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(Submissions, http => RateLimitPartition.GetTokenBucketLimiter(ClientKey(http), _ => PerMinute(perMinute)));
            limiter.OnRejected = (rejected, cancellationToken) =>
            {
                var wait = RetryAfter(rejected.Lease);
                rejected.HttpContext.Response.Headers.RetryAfter = Seconds(wait);
                return new ValueTask(Results.Problem(
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Too many mosaics at once.",
                    detail: $"At most {perMinute} mosaics a minute from one address. Please try again in {Seconds(wait)} seconds.")
                    .ExecuteAsync(rejected.HttpContext));
            };
        });
        services.AddRateLimiter(_ => { });
        return services;
    }

    /// <summary>Who "one client" is: an IPv4 address, or an IPv6 /64 (one household or server gets a whole /64,
    /// so single IPv6 addresses would be free to rotate).</summary>
    public static string ClientKey(HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress;
        if (address is null)
            return "unknown";
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return address.ToString();

        var bytes = address.GetAddressBytes();
        bytes.AsSpan(8).Clear();
        return new IPAddress(bytes) + "/64";
    }

    internal static TokenBucketRateLimiterOptions PerMinute(int permits) => new()
    {
        TokenLimit = permits,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = TimeSpan.FromMinutes(1) / permits,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    internal static TimeSpan RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);

    internal static string Seconds(TimeSpan wait) =>
        Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}

/// <summary>Admin sign-in attempts per client (<see cref="RateLimitOptions.SignInAttemptsPerMinute"/>). The sign-in page
/// asks it before it looks at the password, so that it can say in words why it refuses, with <c>429</c> and
/// <c>Retry-After</c>: guessing is slowed to a crawl, and the admin learns how long to wait.</summary>
public sealed class SignInThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public SignInThrottle(IOptions<RateLimitOptions> options)
    {
        var perMinute = options.Value.SignInAttemptsPerMinute;
        _limiter = PartitionedRateLimiter.Create<string, string>(client =>
            RateLimitPartition.GetTokenBucketLimiter(client, _ => RateLimits.PerMinute(perMinute)));
    }

    /// <summary>Takes one attempt from this client's allowance; null when it may go on, else how long to wait.</summary>
    public TimeSpan? Attempt(HttpContext http)
    {
        using var lease = _limiter.AttemptAcquire(RateLimits.ClientKey(http));
        return lease.IsAcquired ? null : RateLimits.RetryAfter(lease);
    }

    public void Dispose() => _limiter.Dispose();
}
