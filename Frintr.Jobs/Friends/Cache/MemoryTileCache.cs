using Frintr.Imaging.Preparation;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Frintr.Jobs.Friends.Cache;

/// <summary>The tile cache of one process (embedded mode, or a worker without a <c>ConnectionStrings:TileCache</c>):
/// size-capped at <see cref="TileCacheOptions.MemoryMegabytes"/>, least recently used entries go first, and an entry
/// unused for <see cref="TileCacheOptions.KeepTilesFor"/> expires.</summary>
public sealed class MemoryTileCache : ITileCache, IDisposable
{
    private const int UrlEntryBytes = 256;
    private readonly MemoryCache _cache;
    private readonly TileCacheOptions _options;

    public MemoryTileCache(IOptions<TileCacheOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = _options.MemoryMegabytes * 1024L * 1024, CompactionPercentage = 0.2 });
    }

    public Task<PreparedPicture?[]> GetTilesAsync(string format, int tileSize, IReadOnlyList<string> contentHashes, CancellationToken cancellationToken) =>
        Task.FromResult(contentHashes.Select(h => _cache.Get<PreparedPicture>(TileKey(format, h))).ToArray());

    public Task PutTileAsync(string format, string contentHash, PreparedPicture picture, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(picture);
        _cache.Set(TileKey(format, contentHash), picture, new MemoryCacheEntryOptions
        {
            Size = picture.SizeInBytes,
            SlidingExpiration = _options.KeepTilesFor,
        });
        return Task.CompletedTask;
    }

    public Task<UrlRecord?[]> GetUrlsAsync(IReadOnlyList<string> urls, CancellationToken cancellationToken) =>
        Task.FromResult(urls.Select(u => _cache.Get<UrlRecord>(UrlKey(u))).ToArray());

    public Task PutUrlAsync(string url, UrlRecord record, CancellationToken cancellationToken)
    {
        _cache.Set(UrlKey(url), record, new MemoryCacheEntryOptions
        {
            Size = UrlEntryBytes + url.Length,
            AbsoluteExpirationRelativeToNow = _options.KeepUrlsFor,
        });
        return Task.CompletedTask;
    }

    public void Dispose() => _cache.Dispose();

    private static string TileKey(string format, string hash) => "tile:" + format + ":" + hash;

    private static string UrlKey(string url) => "url:" + url;
}
