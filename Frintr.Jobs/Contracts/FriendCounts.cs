namespace Frintr.Jobs.Contracts;

/// <summary>How a mosaic's friends fared, as the status API (<c>friends</c>) and the page show it:
/// <c>Requested = Fetched + Failed + WithoutPicture</c>; <see cref="FromCache"/> of the fetched ones needed no
/// download. Reasons group the failed ones, most common first.</summary>
public sealed record FriendCounts
{
    /// <summary>Friends the source gave (after duplicates collapsed, at most <c>Frintr:MaxFriends</c>).</summary>
    public int Requested { get; init; }

    /// <summary>Friends whose picture is in the mosaic's library (downloaded, or from the tile cache).</summary>
    public int Fetched { get; init; }

    /// <summary>Of <see cref="Fetched"/>, those that came from the tile cache without a download.</summary>
    public int FromCache { get; init; }

    /// <summary>Friends whose picture could not be fetched or read.</summary>
    public int Failed { get; init; }

    /// <summary>Friends left out because they have no picture of their own (a network's default avatar).</summary>
    public int WithoutPicture { get; init; }

    public IReadOnlyList<FriendFailure> Reasons { get; init; } = [];

    /// <summary>What else the person should know ("GitHub's rate limit stopped the import after 1,200 friends").</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>One reason friends were missing, how many, and a few of their names.</summary>
public sealed record FriendFailure(string Reason, int Count, IReadOnlyList<string> Examples);
