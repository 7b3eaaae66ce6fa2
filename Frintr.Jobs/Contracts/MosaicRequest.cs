using Frintr.Imaging;

namespace Frintr.Jobs.Contracts;

/// <summary>Everything a worker needs to make one mosaic: the small JSON package that travels through the queue.
/// Pictures travel as references, never as bytes.</summary>
public sealed record MosaicRequest
{
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;

    public required string MosaicId { get; init; }

    public required string OwnerId { get; init; }

    public required PictureRef Target { get; init; }

    public required IReadOnlyList<PictureRef> Friends { get; init; }

    public MosaicOptions Options { get; init; } = new();

    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
}

/// <summary>A picture the worker fetches: an upload kept by the web tier, or a URL on the internet.
/// <see cref="Name"/> is what the person called it (the upload's file name), for messages.</summary>
public sealed record PictureRef(PictureSource Source, string Location, string? Name = null)
{
    public string DisplayName => Name ?? Location;

    public static PictureRef Upload(string storedName, string fileName) => new(PictureSource.Upload, storedName, fileName);

    public static PictureRef Url(string url) => new(PictureSource.Url, url);
}

public enum PictureSource
{
    Upload,
    Url,
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
