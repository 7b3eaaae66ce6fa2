using System.Globalization;
using System.Text.RegularExpressions;
using Frintr.Imaging;
using Frintr.Jobs.Contracts;

namespace Frintr.Jobs.Friends.Import;

/// <summary>What an account looks like on each network, checked by the web tier before a job is queued and by the
/// importer before it asks anything: a malformed account never becomes a request.</summary>
public static partial class FriendAccount
{
    /// <summary>The account in its plain form (<c>@user@host[:port]</c>, a lower-case handle or DID, a login), or
    /// null with the reason in <paramref name="problem"/>.</summary>
    public static string? Normalize(FriendsSource source, string? account, out string? problem)
    {
        problem = null;
        var text = account?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            problem = $"Give the {source.DisplayName()} account whose friends to use.";
            return null;
        }

        if (text.Length > MosaicLimits.MaxAccountLength)
        {
            problem = $"An account is at most {MosaicLimits.MaxAccountLength} characters.";
            return null;
        }

        var normal = source switch
        {
            FriendsSource.Mastodon => Mastodon(text),
            FriendsSource.Bluesky => Bluesky(text),
            FriendsSource.GitHub => GitHubLogin().IsMatch(text.TrimStart('@')) ? text.TrimStart('@') : null,
            _ => null,
        };
        if (normal is null)
        {
            problem = source switch
            {
                FriendsSource.Mastodon => $"“{text}” is not a Mastodon account; write it as @name@instance (for example @alice@mastodon.social).",
                FriendsSource.Bluesky => $"“{text}” is not a Bluesky handle (for example alice.bsky.social).",
                FriendsSource.GitHub => $"“{text}” is not a GitHub login (letters, digits and single hyphens, at most 39).",
                _ => $"{source.DisplayName()} friends come without an account.",
            };
        }

        return normal;
    }

    /// <summary>A Mastodon handle's parts; the instance is <c>host[:port]</c>.</summary>
    public static (string User, string Instance) SplitMastodon(string normalized)
    {
        var at = normalized.IndexOf('@', 1);
        return (normalized[1..at], normalized[(at + 1)..]);
    }

    private static string? Mastodon(string text)
    {
        var match = MastodonHandle().Match(text);
        if (!match.Success)
            return null;
        var host = match.Groups["host"].Value.ToLowerInvariant();
        if (Uri.CheckHostName(host.Trim('[', ']')) == UriHostNameType.Unknown)
            return null;
        var port = match.Groups["port"].Value;
        if (port.Length > 0 && (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535))
            return null;
        return $"@{match.Groups["user"].Value}@{host}{(port.Length > 0 ? ":" + port : string.Empty)}";
    }

    private static string? Bluesky(string text)
    {
        var handle = text.TrimStart('@');
        if (handle.StartsWith("did:", StringComparison.Ordinal))
            return BlueskyDid().IsMatch(handle) ? handle : null;
        return handle.Length <= 253 && BlueskyHandle().IsMatch(handle) ? handle.ToLowerInvariant() : null;
    }

    [GeneratedRegex(@"^@?(?<user>[A-Za-z0-9_][A-Za-z0-9_.\-]{0,63})@(?<host>\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9\-.]{0,251}[A-Za-z0-9])?)(?::(?<port>[0-9]{1,5}))?$")]
    private static partial Regex MastodonHandle();

    // atproto handles: dot-separated labels, the last (the TLD) starting with a letter.
    [GeneratedRegex(@"^([A-Za-z0-9]([A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]([A-Za-z0-9\-]{0,61}[A-Za-z0-9])?$")]
    private static partial Regex BlueskyHandle();

    [GeneratedRegex(@"^did:[a-z]+:[A-Za-z0-9._:%\-]{1,256}$")]
    private static partial Regex BlueskyDid();

    [GeneratedRegex(@"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$")]
    private static partial Regex GitHubLogin();
}
