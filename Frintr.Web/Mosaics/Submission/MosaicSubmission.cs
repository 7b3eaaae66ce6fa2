using Frintr.Jobs.Contracts;

namespace Frintr.Web.Mosaics.Submission;

/// <summary>What a person hands in, from the page or the HTTP API alike.</summary>
public sealed record MosaicSubmission(
    SubmittedPicture? Target,
    IReadOnlyList<SubmittedPicture> Friends,
    IReadOnlyList<string> FriendUrls,
    MosaicOptions Options,
    string OwnerId);

/// <summary>An uploaded picture; <see cref="Open"/> gets the size limit so a browser upload can enforce it too.
/// <see cref="Length"/> is the size the sender declared, checked against the whole submission's limit.</summary>
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
