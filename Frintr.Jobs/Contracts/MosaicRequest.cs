using Frintr.Imaging;

namespace Frintr.Jobs.Contracts;

/// <summary>Everything a worker needs to make one mosaic: the small JSON package that travels through the queue.
/// Pictures travel as references, never as bytes. Friends from a social network travel as the account to import
/// them from (the worker imports them as the job's first stage); uploads and URL lists as their pictures.</summary>
/// <remarks>Version 2 added <see cref="FriendsSource"/>, <see cref="Account"/>, <see cref="Relation"/>,
/// <see cref="TargetFromAccount"/> and <see cref="PictureRef.ContentHash"/>; a version-1 package reads as an
/// upload/URL list with its target, which is what it was.</remarks>
public sealed record MosaicRequest
{
    public const int CurrentVersion = 2;

    /// <summary>The oldest version workers still understand (jobs queued before an upgrade).</summary>
    public const int OldestVersion = 1;

    public int Version { get; init; } = CurrentVersion;

    public required string MosaicId { get; init; }

    public required string OwnerId { get; init; }

    /// <summary>The picture to rebuild; null when <see cref="TargetFromAccount"/> is set.</summary>
    public PictureRef? Target { get; init; }

    /// <summary>The friends' pictures for the list sources (upload, urls); empty for the others.</summary>
    public required IReadOnlyList<PictureRef> Friends { get; init; }

    public FriendsSource FriendsSource { get; init; }

    /// <summary>For mastodon, bluesky and github: the account whose friends are imported.</summary>
    public string? Account { get; init; }

    public FriendsRelation Relation { get; init; }

    /// <summary>The account's own profile picture is the target.</summary>
    public bool TargetFromAccount { get; init; }

    public MosaicOptions Options { get; init; } = new();

    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
}

/// <summary>A picture the worker fetches: an upload kept by the web tier, or a URL on the internet.
/// <see cref="Name"/> is what the person called it (the upload's file name), for messages.</summary>
public sealed record PictureRef(PictureSource Source, string Location, string? Name = null)
{
    public string DisplayName => Name ?? Location;

    /// <summary>SHA-256 of the picture's bytes (lower-case hex) when the sender knows it (the web tier hashes
    /// uploads as it stores them): the worker's tile cache is looked up with it before anything is downloaded.</summary>
    public string? ContentHash { get; init; }

    public static PictureRef Upload(string storedName, string fileName, string? contentHash = null) =>
        new(PictureSource.Upload, storedName, fileName) { ContentHash = contentHash };

    public static PictureRef Url(string url, string? name = null) => new(PictureSource.Url, url, name);
}

public enum PictureSource
{
    Upload,
    Url,

    /// <summary>A picture of the built-in library, by its file name there.</summary>
    Builtin,
}

/// <summary>The person's choices for the mosaic.</summary>
public sealed record MosaicOptions
{
    public int Columns { get; init; } = 50;

    public int TileSize { get; init; } = 20;

    public int RepeatDistance { get; init; } = 5;

    public int Blend { get; init; }

    /// <summary>Every friend gets a place, each used as evenly as the cells allow, rather than only the closest.</summary>
    public bool EveryoneAppears { get; init; }

    /// <summary>The picture's file format: JPEG (default), PNG or WebP.</summary>
    public MosaicFormat Format { get; init; } = MosaicFormat.Jpeg;

    /// <summary>The part of the target to rebuild (fractions of the upright picture); null keeps all of it.</summary>
    public CropBox? Crop { get; init; }
}
