using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Frintr.Jobs.Friends.Cache;

/// <summary>Refuses to start with the tile cache in the job queue's Redis: Hangfire needs <c>noeviction</c> (a job's
/// keys must never go), a cache needs to evict, and one Redis cannot have both policies.</summary>
internal sealed class TileCacheSeparation(IConfiguration configuration) : IValidateOptions<TileCacheOptions>
{
    public ValidateOptionsResult Validate(string? name, TileCacheOptions options)
    {
        var cache = configuration.GetConnectionString("TileCache");
        var queue = configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(cache) || string.IsNullOrWhiteSpace(queue))
            return ValidateOptionsResult.Success;
        var shared = EndPoints(cache).Intersect(EndPoints(queue), StringComparer.OrdinalIgnoreCase).FirstOrDefault();
        return shared is null
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"ConnectionStrings:TileCache points at the job queue's Redis ({shared}). The tile cache needs a Redis of its own " +
                "(maxmemory with allkeys-lru; see deploy/redis/tile-cache.conf): Hangfire's Redis must keep noeviction.");
    }

    private static List<string> EndPoints(string connectionString)
    {
        try
        {
            return ConfigurationOptions.Parse(connectionString).EndPoints.Select(e => e.ToString() ?? string.Empty).ToList();
        }
        catch (ArgumentException)
        {
            return [];
        }
    }
}
