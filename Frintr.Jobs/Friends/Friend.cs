using Frintr.Jobs.Contracts;

namespace Frintr.Jobs.Friends;

/// <summary>One friend as a source knows them: who they are (shown in the tile map) and where their picture is.</summary>
public sealed record FriendRef(FriendProfile Profile, PictureRef Picture)
{
    /// <summary>The network may have generated this picture for someone without one (GitHub's identicons): the
    /// gatherer looks at it before using it.</summary>
    public bool MayBeIdenticon { get; init; }
}

/// <summary>The friends a source gave, plus what it learned on the way: how many had no picture of their own, notes
/// for the person (rate limits, a capped list), and the account's own profile and picture (for "use my own profile
/// picture").</summary>
public sealed record FriendList(IReadOnlyList<FriendRef> Friends)
{
    public int WithoutPicture { get; init; }

    public IReadOnlyList<string> Notes { get; init; } = [];

    public FriendProfile? Account { get; init; }

    public string? AccountPicture { get; init; }
}

/// <summary>Text that came from a network or a person, made safe to show and to link.</summary>
public static class FriendText
{
    /// <summary>A name without control characters, trimmed, at most <see cref="Imaging.MosaicLimits.MaxNameLength"/> long.</summary>
    public static string? CleanName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return null;
        var clean = new string([.. name.Where(c => !char.IsControl(c) && c is not ('\u202A' or '\u202B' or '\u202D' or '\u202E' or '\u2066' or '\u2067' or '\u2068'))]).Trim();
        if (clean.Length == 0)
            return null;
        return clean.Length <= Imaging.MosaicLimits.MaxNameLength ? clean : clean[..Imaging.MosaicLimits.MaxNameLength];
    }

    /// <summary>An absolute http or https address, or null: a profile link must never be <c>javascript:</c>.</summary>
    public static string? SafeLink(string? url) =>
        url is { Length: > 0 and <= Imaging.MosaicLimits.MaxUrlLength }
        && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri.AbsoluteUri
            : null;

    /// <summary>What to call a picture that came with no name: the last part of its address.</summary>
    public static string NameFromUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && CleanName(Uri.UnescapeDataString(uri.Segments[^1].Trim('/'))) is { } last
            ? last
            : CleanName(url) ?? "a friend";
}
