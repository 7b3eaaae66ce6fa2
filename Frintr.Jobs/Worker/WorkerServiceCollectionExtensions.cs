using System.Net.Http.Headers;
using Frintr.Jobs.Contracts;
using Frintr.Jobs.Friends;
using Frintr.Jobs.Rendering;
using Frintr.Jobs.Status;
using Frintr.Jobs.WebTier;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Frintr.Jobs.Worker;

public static class WorkerServiceCollectionExtensions
{
    /// <summary>What the render job needs: options, the web tier's client, the fetcher, progress reporting.</summary>
    public static IServiceCollection AddMosaicRendering(this IServiceCollection services)
    {
        services.AddOptions<WorkerOptions>()
            .BindConfiguration(WorkerOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<IWebTierLocator, ConfiguredWebTier>();
        services.AddSingleton<MosaicStatusBoard>();
        services.AddSingleton<LiveProgressClient>();
        services.AddSingleton<JobProgress>();
        services.AddFriends();
        services.AddTransient<FriendsGatherer>();
        services.AddTransient<MosaicDelivery>();
        services.AddTransient<RenderMosaicJob>();

        services.AddHttpClient<WebTierClient>((sp, http) =>
        {
            http.DefaultRequestHeaders.Authorization =
                new AuthenticationHeaderValue("Bearer", sp.GetRequiredService<IOptions<WorkerOptions>>().Value.WorkerKey);
            http.Timeout = TimeSpan.FromMinutes(2);
        });
        return services;
    }

    /// <summary>A Hangfire server that takes jobs from the <c>mosaics</c> queue.</summary>
    public static IServiceCollection AddMosaicWorkerServer(this IServiceCollection services)
    {
        services.AddHangfireServer((sp, server) =>
        {
            var worker = sp.GetRequiredService<IOptions<WorkerOptions>>().Value;
            server.Queues = [MosaicPipeline.QueueName];
            server.WorkerCount = worker.Count;
            server.ServerName = worker.Name;
            // A crashed process is noticed within a minute; its server entry leaves the dashboard after that.
            server.HeartbeatInterval = TimeSpan.FromSeconds(10);
            server.ServerTimeout = TimeSpan.FromMinutes(1);
            server.ServerCheckInterval = TimeSpan.FromSeconds(30);
            server.ShutdownTimeout = TimeSpan.FromSeconds(30);
        });
        return services;
    }

    private sealed class ConfiguredWebTier(IOptions<WorkerOptions> options) : IWebTierLocator
    {
        public Uri BaseUrl => options.Value.WebBaseUrl
            ?? throw new InvalidOperationException("Frintr:Worker:WebBaseUrl is not set: workers upload mosaics there.");
    }
}
