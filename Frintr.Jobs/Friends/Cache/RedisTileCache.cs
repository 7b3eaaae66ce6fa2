using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Frintr.Imaging.Preparation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Frintr.Jobs.Friends.Cache;

/// <summary>The tile cache shared by all workers, in its own Redis (<c>ConnectionStrings:TileCache</c>), never the
/// queue's: Hangfire needs <c>noeviction</c>, a cache needs to evict. Entries expire (<see cref="TileCacheOptions"/>;
/// a read starts a tile's time again) and that Redis should cap its memory with an <c>allkeys-lru</c> policy
/// (<c>deploy/redis/tile-cache.conf</c>). When Redis is away the cache answers "not there" and says so in the log
/// once a minute.</summary>
public sealed class RedisTileCache(IConnectionMultiplexer redis, IOptions<TileCacheOptions> options, ILogger<RedisTileCache> logger) : ITileCache
{
    public const string Prefix = "frintr-tiles:";
    private static readonly long QuietTicks = Stopwatch.Frequency * 60;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private long _lastComplaint = -QuietTicks;

    private IDatabase Database => redis.GetDatabase();

    public async Task<PreparedPicture?[]> GetTilesAsync(string format, int tileSize, IReadOnlyList<string> contentHashes, CancellationToken cancellationToken)
    {
        var values = await GetManyAsync([.. contentHashes.Select(h => TileKey(format, h))], options.Value.KeepTilesFor);
        return [.. values.Select(v => v is { IsNull: false } ? PreparedPicture.FromBytes(((ReadOnlyMemory<byte>)v!.Value).Span, tileSize) : null)];
    }

    public Task PutTileAsync(string format, string contentHash, PreparedPicture picture, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(picture);
        return SetAsync(TileKey(format, contentHash), picture.ToBytes(), options.Value.KeepTilesFor);
    }

    public async Task<UrlRecord?[]> GetUrlsAsync(IReadOnlyList<string> urls, CancellationToken cancellationToken)
    {
        var values = await GetManyAsync([.. urls.Select(UrlKey)], expiry: null);
        return [.. values.Select(ReadUrl)];
    }

    public Task PutUrlAsync(string url, UrlRecord record, CancellationToken cancellationToken) =>
        SetAsync(UrlKey(url), JsonSerializer.SerializeToUtf8Bytes(record, Json), options.Value.KeepUrlsFor);

    // One round trip for the lot: the commands are pipelined. A tile read with an expiry is GETEX, so a tile in use
    // keeps its place.
    private async Task<RedisValue?[]> GetManyAsync(RedisKey[] keys, TimeSpan? expiry)
    {
        if (keys.Length == 0)
            return [];
        try
        {
            if (expiry is null)
                return [.. (await Database.StringGetAsync(keys)).Select(v => (RedisValue?)v)];
            var batch = Database.CreateBatch();
            var reads = keys.Select(k => batch.StringGetSetExpiryAsync(k, expiry)).ToArray();
            batch.Execute();
            return [.. (await Task.WhenAll(reads)).Select(v => (RedisValue?)v)];
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Complain(ex);
            return new RedisValue?[keys.Length];
        }
    }

    private async Task SetAsync(RedisKey key, byte[] value, TimeSpan expiry)
    {
        try
        {
            await Database.StringSetAsync(key, value, expiry, flags: CommandFlags.FireAndForget);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Complain(ex);
        }
    }

    private static UrlRecord? ReadUrl(RedisValue? value)
    {
        if (value is not { IsNull: false } bytes)
            return null;
        try
        {
            return JsonSerializer.Deserialize<UrlRecord>((byte[])bytes!, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private void Complain(Exception ex)
    {
        var now = Stopwatch.GetTimestamp();
        var last = Interlocked.Read(ref _lastComplaint);
        if (now - last >= QuietTicks && Interlocked.CompareExchange(ref _lastComplaint, now, last) == last)
            logger.LogWarning(ex, "The tile cache is not answering; friends' pictures are downloaded and prepared again until it is back");
    }

    private static RedisKey TileKey(string format, string hash) => Prefix + "tile:" + format + ":" + hash;

    // URLs can be long: the key is their hash.
    private static RedisKey UrlKey(string url) =>
        Prefix + "url:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url)));
}
