namespace Frintr.Jobs.Contracts;

/// <summary>The note written as <c>done.json</c> beside the finished picture once it is durable; what polling reads.</summary>
public sealed record CompletionNote
{
    public required string MosaicId { get; init; }

    public required MosaicState Status { get; init; }

    public string? Error { get; init; }

    public int Width { get; init; }

    public int Height { get; init; }

    public long Bytes { get; init; }

    public string? ContentType { get; init; }

    public int TilesUsed { get; init; }

    public IReadOnlyList<string> SkippedTiles { get; init; } = [];

    /// <summary>How the friends fared (requested, fetched, from the cache, failed and why).</summary>
    public FriendCounts? Friends { get; init; }

    /// <summary>Lower than asked when there were too few friends' pictures to keep them that far apart.</summary>
    public int RepeatDistanceUsed { get; init; }

    public string? Worker { get; init; }

    public NoteTimings Timings { get; init; } = new();

    public IReadOnlyDictionary<string, double> Quality { get; init; } = new Dictionary<string, double>();

    public DateTimeOffset CompletedAt { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>The layout it was made with.</summary>
    public int Columns { get; init; }

    public int Rows { get; init; }

    public int TileSize { get; init; }

    /// <summary>The Deep Zoom pyramid's tile format (<c>jpg</c> or <c>png</c>), or null when it has none.</summary>
    public string? PyramidFormat { get; init; }

    /// <summary>How many friends were asked for (uploads, addresses, or as imported from an account); <see cref="Friends"/> says how they fared.</summary>
    public int FriendsRequested { get; init; }
}

/// <summary>Where the time went, in milliseconds.</summary>
public sealed record NoteTimings
{
    public long WaitedInQueue { get; init; }

    public long Fetch { get; init; }

    public long Render { get; init; }

    public long Upload { get; init; }

    public long Total { get; init; }

    /// <summary>The engine's own steps (decode, features, search, assign, render, encode, quality), in order.</summary>
    public IReadOnlyList<StepTime> Steps { get; init; } = [];

    /// <summary>Cutting the Deep Zoom pyramid and sending it.</summary>
    public long Pyramid { get; init; }
}

/// <summary>One of the engine's steps and its wall time in milliseconds.</summary>
public sealed record StepTime(string Step, long Milliseconds);
