using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Frintr.Web.Security;

/// <summary>What HTTPS means here: forwarded headers believed only from <see cref="ProxyOptions.KnownProxies"/>; every
/// cookie (admin, owner, antiforgery) <c>Secure</c> when the request came over HTTPS, directly or through a known
/// proxy, and never readable by scripts; HSTS on HTTPS responses.</summary>
public static class TransportSecurity
{
    public static IServiceCollection AddTransportSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ProxyOptions>().Configure(proxies => proxies.KnownProxies = ProxyOptions.Read(configuration)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProxyOptions>, ProxyOptions.Validation>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((forwarded, proxies) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // ASP.NET Core trusts loopback by default: a proxy on the same host would then vouch for anyone. Only the configured ones.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var network in proxies.Value.Networks())
                forwarded.KnownIPNetworks.Add(network);
            // A chain of known proxies is walked back to the first address that is not one of them: that is the client.
            forwarded.ForwardLimit = null;
        });
        services.Configure<CookiePolicyOptions>(cookies =>
        {
            cookies.Secure = CookieSecurePolicy.SameAsRequest;
            cookies.HttpOnly = HttpOnlyPolicy.Always;
            cookies.MinimumSameSitePolicy = SameSiteMode.Lax;
        });
        services.AddHsts(hsts => hsts.MaxAge = TimeSpan.FromDays(365));
        return services;
    }

    /// <summary>First in the pipeline: everything after it sees the real client address and scheme.</summary>
    public static IApplicationBuilder UseTransportSecurity(this IApplicationBuilder app)
    {
        // With no known proxy at all, ASP.NET Core's middleware would believe every sender: then it is left out.
        if (app.ApplicationServices.GetRequiredService<IOptions<ProxyOptions>>().Value.KnownProxies.Count > 0)
            app.UseForwardedHeaders();
        app.UseHsts();
        app.UseCookiePolicy();
        return app;
    }
}
