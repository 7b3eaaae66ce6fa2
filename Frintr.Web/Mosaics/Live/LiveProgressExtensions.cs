using Frintr.Jobs.Contracts;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using StackExchange.Redis;

namespace Frintr.Web.Mosaics.Live;

public static class LiveProgressExtensions
{
    /// <summary>SignalR for the mosaic hub. With Redis, only <see cref="MosaicHub"/> goes through the Redis
    /// backplane: <c>AddStackExchangeRedis()</c> would route Blazor's own circuits through it too, and a Redis
    /// outage would then break every page.</summary>
    public static IServiceCollection AddLiveProgress(this IServiceCollection services, string? redisConnectionString)
    {
        services.AddSignalR();
        if (string.IsNullOrWhiteSpace(redisConnectionString))
            return services;

        services.Configure<RedisOptions>(redis =>
        {
            redis.Configuration = ConfigurationOptions.Parse(redisConnectionString);
            redis.Configuration.AbortOnConnectFail = false;
            redis.Configuration.ChannelPrefix = RedisChannel.Literal(MosaicPipeline.RedisPrefix + "hub");
        });
        services.AddSingleton<HubLifetimeManager<MosaicHub>, RedisHubLifetimeManager<MosaicHub>>();
        return services;
    }

    public static IEndpointRouteBuilder MapLiveProgress(this IEndpointRouteBuilder app)
    {
        app.MapHub<MosaicHub>(MosaicHubContract.Path);
        return app;
    }
}
