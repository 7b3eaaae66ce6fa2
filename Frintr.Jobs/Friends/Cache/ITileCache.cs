using Frintr.Imaging.Preparation;

namespace Frintr.Jobs.Friends.Cache;

/// <summary>Prepared tiles shared by every mosaic (and, in Redis, every worker), keyed by what they are: the
/// engine's format for a tile size (<see cref="TilePreparation.Format"/>) and the SHA-256 of the picture's bytes.
/// Beside them, each URL's last content hash and validators. A cache that cannot answer answers "not there":
/// it never fails a mosaic.</summary>
public interface ITileCache
{
    /// <summary>One entry per hash, null where the cache has none.</summary>
    Task<PreparedPicture?[]> GetTilesAsync(string format, int tileSize, IReadOnlyList<string> contentHashes, CancellationToken cancellationToken);

    Task PutTileAsync(string format, string contentHash, PreparedPicture picture, CancellationToken cancellationToken);

    /// <summary>One entry per URL, null where the URL is not known.</summary>
    Task<UrlRecord?[]> GetUrlsAsync(IReadOnlyList<string> urls, CancellationToken cancellationToken);

    Task PutUrlAsync(string url, UrlRecord record, CancellationToken cancellationToken);
}

/// <summary>What a URL gave last time: its content's hash (null when it was a network's generated avatar, see
/// <see cref="NoOwnPicture"/>), the validators to ask with, and when that was.</summary>
public sealed record UrlRecord(string? ContentHash, string? ETag, DateTimeOffset? LastModified, DateTimeOffset CheckedAt)
{
    /// <summary>The picture is a generated placeholder (a GitHub identicon): the friend has no picture of their own.</summary>
    public bool NoOwnPicture { get; init; }
}
