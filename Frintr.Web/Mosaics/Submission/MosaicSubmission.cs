using Frintr.Jobs.Contracts;

namespace Frintr.Web.Mosaics.Submission;

/// <summary>What a person hands in, from the page or the HTTP API alike. <see cref="FriendUrls"/> are the lines of a
/// friends' list as written (<see cref="FriendListParser"/> reads them); <see cref="Friends"/> may hold one zip of
/// pictures.</summary>
public sealed record MosaicSubmission(
    SubmittedPicture? Target,
    IReadOnlyList<SubmittedPicture> Friends,
    IReadOnlyList<string> FriendUrls,
    MosaicOptions Options,
    string OwnerId)
{
    /// <summary>Where the friends come from; null: uploads when pictures are given, else the list of addresses.</summary>
    public FriendsSource? FriendsSource { get; init; }

    /// <summary>For mastodon, bluesky and github: whose friends.</summary>
    public string? Account { get; init; }

    public FriendsRelation Relation { get; init; }

    /// <summary>The account's own profile picture is the target (then no target picture is sent).</summary>
    public bool TargetFromAccount { get; init; }
}

/// <summary>An uploaded picture (or zip of pictures); <see cref="Open"/> gets the size limit so a browser upload can
/// enforce it too, and may be called more than once. <see cref="Length"/> is the size the sender declared, checked
/// against the whole submission's limit.</summary>
public sealed record SubmittedPicture(string FileName, long Length, Func<long, Stream> Open);

/// <summary>Either the new mosaic's id, or what is wrong, keyed by field, in words for the person.</summary>
public sealed record SubmissionOutcome(string? MosaicId, IReadOnlyDictionary<string, string[]> Errors, bool QueueUnavailable = false)
{
    public bool Accepted => MosaicId is not null;

    public static SubmissionOutcome Invalid(IReadOnlyDictionary<string, string[]> errors) => new(null, errors);

    public static SubmissionOutcome Unavailable() => new(null, new Dictionary<string, string[]>
    {
        [""] = ["The mosaic queue is not reachable right now, so nothing was submitted. Please try again in a minute."],
    }, QueueUnavailable: true);
}
