using System.Globalization;
using Frintr.Jobs.Friends.Cache;
using Frintr.Jobs.Friends.Fetch;
using Frintr.Jobs.Friends.Import;
using Frintr.Jobs.Friends.Library;
using Frintr.Jobs.Rendering;
using Frintr.Jobs.Storage;
using Frintr.Jobs.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace Frintr.Jobs.Friends;

/// <summary>The name of the importers' HTTP client (social networks' APIs).</summary>
public static class FriendImporters
{
    public const string Client = "friends-import";
}

public static class FriendsServiceCollectionExtensions
{
    private const string UserAgent = "Frintr/1.0 (+photomosaics of your friends)";

    /// <summary>Friend sources, the resilient fetcher, the tile cache (Redis at <c>ConnectionStrings:TileCache</c>,
    /// else in memory) and the built-in library.</summary>
    public static IServiceCollection AddFriends(this IServiceCollection services)
    {
        services.AddOptions<FriendsOptions>()
            .BindConfiguration(FriendsOptions.Section)
            .Configure<IConfiguration>((friends, configuration) =>
            {
                if (int.TryParse(configuration["Frintr:MaxFriends"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var max))
                    friends.MaxFriends = max;
            })
            .ValidateDataAnnotations()
            .Validate(f => f.Mastodon.Scheme is "http" or "https", "Frintr:Friends:Mastodon:Scheme must be http or https.")
            .Validate(f => IsWebAddress(f.Bluesky.AppViewUrl), "Frintr:Friends:Bluesky:AppViewUrl must be an absolute http(s) address.")
            .Validate(f => IsWebAddress(f.GitHub.ApiUrl), "Frintr:Friends:GitHub:ApiUrl must be an absolute http(s) address.")
            .ValidateOnStart();
        services.AddOptions<TileCacheOptions>().BindConfiguration(TileCacheOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<TileCacheOptions>, TileCacheSeparation>();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<HostLimiter>();
        services.AddSingleton<BuiltinLibrary>();
        services.AddSingleton<IFriendImporter, MastodonImporter>();
        services.AddSingleton<IFriendImporter, BlueskyImporter>();
        services.AddSingleton<IFriendImporter, GitHubImporter>();
        services.AddSingleton<FriendSources>();
        services.AddSingleton(CreateTileCache);
        services.AddTransient<PictureFetcher>();

        AddInternetClient(services, PictureFetcher.InternetClient, forPictures: true);
        AddInternetClient(services, FriendImporters.Client, forPictures: false);
        return services;
    }

    // Both clients connect through the private-network guard (redirects included) and retry transient failures
    // only, with exponential backoff and jitter, a timeout per attempt and in all, and a circuit breaker per host.
    // The importers' client leaves rate limits (429, 403) to the importer, which waits within the job's budget.
    private static void AddInternetClient(IServiceCollection services, string name, bool forPictures) =>
        services.AddHttpClient(name, http =>
            {
                http.Timeout = Timeout.InfiniteTimeSpan;
                http.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
            })
            .ConfigurePrimaryHttpMessageHandler(sp =>
                PrivateNetworkGuard.CreateHandler(sp.GetRequiredService<IOptions<WorkerOptions>>().Value.AllowPrivateNetworks))
            .AddStandardResilienceHandler()
            .Configure((resilience, sp) => Configure(resilience, sp.GetRequiredService<IOptions<FriendsOptions>>().Value, forPictures))
            .SelectPipelineByAuthority();

    private static void Configure(HttpStandardResilienceOptions resilience, FriendsOptions friends, bool forPictures)
    {
        var attempt = friends.AttemptTimeout;
        resilience.AttemptTimeout.Timeout = attempt;
        resilience.TotalRequestTimeout.Timeout = Max(forPictures ? friends.PictureTimeout : 3 * attempt, attempt + TimeSpan.FromSeconds(1));
        resilience.Retry.MaxRetryAttempts = 2;
        resilience.Retry.BackoffType = DelayBackoffType.Exponential;
        resilience.Retry.UseJitter = true;
        resilience.Retry.Delay = TimeSpan.FromMilliseconds(200);
        resilience.Retry.MaxDelay = TimeSpan.FromSeconds(5);
        resilience.Retry.ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome, retryRateLimits: forPictures));
        resilience.CircuitBreaker.ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome, retryRateLimits: false));
        resilience.CircuitBreaker.FailureRatio = 0.5;
        resilience.CircuitBreaker.MinimumThroughput = 20;
        resilience.CircuitBreaker.SamplingDuration = Max(TimeSpan.FromSeconds(30), 2 * attempt);
        resilience.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(15);
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome, bool retryRateLimits)
    {
        if (PrivateAddressException.IsIn(outcome.Exception))
            return false;
        if (outcome.Result is { StatusCode: System.Net.HttpStatusCode.TooManyRequests } && !retryRateLimits)
            return false;
        return HttpClientResiliencePredicates.IsTransient(outcome);
    }

    private static ITileCache CreateTileCache(IServiceProvider services)
    {
        var connection = services.GetRequiredService<IConfiguration>().GetConnectionString("TileCache");
        var options = services.GetRequiredService<IOptions<TileCacheOptions>>();
        _ = options.Value; // validated (the cache's own Redis, not the queue's) before anything connects
        if (string.IsNullOrWhiteSpace(connection))
            return new MemoryTileCache(options);
        return new RedisTileCache(JobStorageExtensions.ConnectRedis(connection), options, services.GetRequiredService<ILogger<RedisTileCache>>());
    }

    private static bool IsWebAddress(Uri? uri) => uri is { IsAbsoluteUri: true, Scheme: "http" or "https" };

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
