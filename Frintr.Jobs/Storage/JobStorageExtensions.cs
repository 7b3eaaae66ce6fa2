using Frintr.Jobs.Contracts;
using Frintr.Jobs.Status;
using Hangfire;
using Hangfire.Redis.StackExchange;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Frintr.Jobs.Storage;

public static class JobStorageExtensions
{
    /// <summary>How long a fetched job stays invisible to other workers. It must outlast the longest render
    /// (jobs cancel themselves at <c>RenderTimeout</c>, 10 minutes by default), or a running job would be handed
    /// to a second worker; a job whose worker died comes back after it.</summary>
    public static readonly TimeSpan InvisibilityTimeout = TimeSpan.FromMinutes(15);

    /// <summary>Idle workers wake on a Redis notification when a job arrives, and look at the queue anyway this
    /// often: a notification published while a worker was reconnecting (a Redis restart) would otherwise leave
    /// the job waiting for the 3-minute default.</summary>
    public static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Hangfire on Redis when <paramref name="redisConnectionString"/> is set, else in memory (one process).</summary>
    public static IServiceCollection AddFrintrJobStorage(this IServiceCollection services, string? redisConnectionString) =>
        services.AddHangfire(configuration =>
        {
            configuration
                .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings()
                .UseFilter(new FinalStateFilter());
            if (string.IsNullOrWhiteSpace(redisConnectionString))
                configuration.UseInMemoryStorage();
            else
                configuration.UseRedisStorage(ConnectRedis(redisConnectionString), new RedisStorageOptions
                {
                    Prefix = MosaicPipeline.RedisPrefix,
                    InvisibilityTimeout = InvisibilityTimeout,
                    FetchTimeout = FetchTimeout,
                });
        });

    /// <summary>Connects without failing when Redis is away at start-up: the multiplexer keeps retrying, so a
    /// worker or web instance started before Redis (or across a Redis restart) carries on once it is back.</summary>
    public static ConnectionMultiplexer ConnectRedis(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        return ConnectionMultiplexer.Connect(options);
    }
}
