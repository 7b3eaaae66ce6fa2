using System.ComponentModel.DataAnnotations;

namespace Frintr.Jobs.Friends.Cache;

/// <summary>The shared cache of prepared tiles (section <c>Frintr:Friends:Cache</c>; the Redis it lives in is
/// <c>ConnectionStrings:TileCache</c>).</summary>
public sealed class TileCacheOptions
{
    public const string Section = "Frintr:Friends:Cache";

    /// <summary>Without a <c>ConnectionStrings:TileCache</c>: the size of each worker's own cache in memory.</summary>
    [Range(1, 64 * 1024)]
    public int MemoryMegabytes { get; set; } = 256;

    /// <summary>A prepared tile nobody used for this long is dropped (each use starts the time again).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan KeepTilesFor { get; set; } = TimeSpan.FromDays(30);

    /// <summary>A URL's last content hash is trusted without asking its server for this long; after that it is
    /// checked with the validators it answered last time (<c>If-None-Match</c>, <c>If-Modified-Since</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan TrustUrlsFor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a URL's hash and validators are kept for such checks.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan KeepUrlsFor { get; set; } = TimeSpan.FromDays(7);
}
