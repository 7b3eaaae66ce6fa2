namespace Frintr.Imaging;

/// <summary>What the engine made. The encoded picture itself went to the output stream.</summary>
public sealed record MosaicResult
{
    public required int Width { get; init; }
    public required int Height { get; init; }
    public required string ContentType { get; init; }
    public required TileMap Map { get; init; }
    public required QualityReport Quality { get; init; }

    /// <summary>Friends' pictures that could be used.</summary>
    public required int TilesUsed { get; init; }

    /// <summary>Friends' pictures that were skipped, with the reason in words.</summary>
    public required IReadOnlyList<SkippedTile> Skipped { get; init; }

    /// <summary>Wall time of each step, for benchmarks and job logs.</summary>
    public IReadOnlyList<StepTiming> Timings { get; init; } = [];
}

public sealed record StepTiming(string Step, double Seconds);

public sealed record SkippedTile(string FriendId, string Reason);

/// <summary>Which friend fills each cell: <c>Cells[row * Columns + column]</c> indexes <see cref="Friends"/>.</summary>
public sealed record TileMap(int Columns, int Rows, IReadOnlyList<string> Friends, IReadOnlyList<int> Cells)
{
    public string FriendAt(int column, int row) => Friends[Cells[(row * Columns) + column]];
}

/// <summary>Objective figures of how faithful the mosaic is to its target.</summary>
public sealed record QualityReport(
    double MeanDeltaE2000Cells,
    double MeanDeltaE2000Blocks4,
    double Ssim,
    int DistinctTiles,
    int MostUsesOfOneTile);
