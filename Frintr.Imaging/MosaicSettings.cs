namespace Frintr.Imaging;

/// <summary>How a mosaic is laid out and rendered. Defaults are the CLI's defaults.</summary>
public sealed record MosaicSettings
{
    /// <summary>Cells across; rows follow from the target's aspect.</summary>
    public int Columns { get; init; } = 50;

    /// <summary>Side of one square tile in output pixels.</summary>
    public int TileSize { get; init; } = 20;

    /// <summary>No identical friend within this many cells (Chebyshev distance); 0 disables the rule.</summary>
    public int RepeatDistance { get; init; } = 5;

    /// <summary>0–100: how far each tile's colours move toward its cell. 0 leaves friends' pictures untouched.</summary>
    public int Blend { get; init; }

    /// <summary>Optional cap on how many cells one friend may fill.</summary>
    public int? MaxUsesPerTile { get; init; }

    /// <summary>Spread cells so that every friend appears, each as evenly as possible.</summary>
    public bool EveryoneAppears { get; init; }

    /// <summary>Same seed, same inputs: same bytes.</summary>
    public int Seed { get; init; }

    public MosaicFormat Format { get; init; } = MosaicFormat.Jpeg;

    public int Quality { get; init; } = 90;

    /// <summary>The part of the target to rebuild, as fractions of the upright picture; null keeps all of it.</summary>
    public CropBox? Crop { get; init; }

    /// <summary>Largest output allowed, in pixels (columns × rows × tileSize²).</summary>
    public long MaxOutputPixels { get; init; } = MosaicLimits.MaxOutputPixels;
}

/// <summary>A rectangle of a picture in fractions of its upright width and height (0–1).</summary>
public sealed record CropBox(double Left, double Top, double Width, double Height);

public enum MosaicFormat
{
    Jpeg,
    Png,
    Webp,
}
