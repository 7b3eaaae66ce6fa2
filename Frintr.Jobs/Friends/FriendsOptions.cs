using System.ComponentModel.DataAnnotations;
using Frintr.Imaging;

namespace Frintr.Jobs.Friends;

/// <summary>Where friends come from and how they are fetched (section <c>Frintr:Friends</c>; <see cref="MaxFriends"/>
/// is <c>Frintr:MaxFriends</c>, shared with the web tier).</summary>
public sealed class FriendsOptions
{
    public const string Section = "Frintr:Friends";

    /// <summary>Most friends in one mosaic, whatever the source.</summary>
    [Range(1, MosaicLimits.MaxFriends)]
    public int MaxFriends { get; set; } = 2000;

    /// <summary>The mosaic is made when at least this many friends' pictures arrived; otherwise it fails saying why.</summary>
    [Range(1, MosaicLimits.MaxFriends)]
    public int MinimumFetched { get; set; } = 1;

    public MastodonOptions Mastodon { get; set; } = new();

    public BlueskyOptions Bluesky { get; set; } = new();

    public GitHubOptions GitHub { get; set; } = new();

    /// <summary>Importing one account's friends, rate-limit waits included; then the mosaic goes on with what arrived.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ImportTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>One friend's picture, every attempt and the whole body included.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan PictureTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>One attempt, up to the response's headers; a slower attempt is retried (transient failures only).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>Downloads at once to one host, across all the mosaics of this worker process.</summary>
    [Range(1, 256)]
    public int PerHostDownloads { get; set; } = 8;

    /// <summary>Bytes one mosaic may download from the internet, all friends together; the rest are skipped and said so.</summary>
    [Range(1024, 64L * 1024 * 1024 * 1024)]
    public long JobDownloadBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>The built-in library's folder; empty: <c>Library</c> beside the program.</summary>
    public string? LibraryPath { get; set; }
}

public sealed class MastodonOptions
{
    /// <summary>How instances are reached; the instance itself (<c>host[:port]</c>) comes from the handle.</summary>
    [RegularExpression("^https?$", ErrorMessage = "Frintr:Friends:Mastodon:Scheme is http or https.")]
    public string Scheme { get; set; } = "https";
}

public sealed class BlueskyOptions
{
    /// <summary>The public AppView that answers <c>app.bsky.graph.getFollows</c> without signing in.</summary>
    [Required]
    public Uri AppViewUrl { get; set; } = new("https://public.api.bsky.app");
}

public sealed class GitHubOptions
{
    [Required]
    public Uri ApiUrl { get; set; } = new("https://api.github.com");

    /// <summary>Optional token: 5,000 requests an hour instead of 60.</summary>
    public string? Token { get; set; }
}
