using Frintr.Jobs.WebTier;
using Frintr.Jobs.Worker;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Frintr.Tests.Infrastructure;

/// <summary>The worker's real rendering services (importers, fetcher, tile cache, gatherer) in this process, on an
/// in-memory job storage, configured as a test needs: what a worker process would run, without the process.</summary>
internal static class FriendsServices
{
    public static ServiceProvider Build(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? more = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Frintr:Worker:WorkerKey"] = "test-worker-key-0123456789",
                ["Frintr:Worker:AllowPrivateNetworks"] = "true",
                ["Frintr:Friends:Mastodon:Scheme"] = "http",
            })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<JobStorage>(new InMemoryStorage());
        services.AddSingleton<IWebTierLocator>(new NowhereWebTier());
        services.AddMosaicRendering();
        more?.Invoke(services);
        return services.BuildServiceProvider();
    }

    /// <summary>Tests that need no web tier: progress goes nowhere (and is best effort anyway).</summary>
    private sealed class NowhereWebTier : IWebTierLocator
    {
        public Uri BaseUrl { get; } = new("http://127.0.0.1:9/");
    }
}
