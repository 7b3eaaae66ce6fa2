namespace Frintr.Imaging;

/// <summary>The one set of limits on a mosaic, used alike by the web tier's checks, the job's checks and the
/// engine, with the words a person reads when a value is out of range. Field names are the API's.</summary>
public static class MosaicLimits
{
    public const int MinColumns = 1;
    public const int MaxColumns = 400;
    public const int MinTileSize = 4;
    public const int MaxTileSize = 128;
    public const int MaxRepeatDistance = 50;
    public const int MaxBlend = 100;

    /// <summary>Friends in one mosaic, whatever the source; deployments may set a lower <c>Frintr:MaxFriends</c>.</summary>
    public const int MaxFriends = 5_000;

    /// <summary>Largest output, in pixels (columns × rows × tile size²).</summary>
    public const long MaxOutputPixels = 100_000_000;

    /// <summary>Cell rows of a mosaic <paramref name="columns"/> wide over a picture (or crop) of this size.</summary>
    public static int RowsFor(int columns, double pictureWidth, double pictureHeight) =>
        Math.Max(1, (int)Math.Round(columns * pictureHeight / Math.Max(1e-9, pictureWidth)));

    /// <summary>The output's size in pixels for this layout over a picture (or crop) of this size.</summary>
    public static (int Width, int Height) OutputSize(int columns, int tileSize, double pictureWidth, double pictureHeight) =>
        (columns * tileSize, RowsFor(columns, pictureWidth, pictureHeight) * tileSize);

    /// <summary>Why an output of this size cannot be made, or null when it can.</summary>
    public static string? CheckOutputSize(long width, long height, long maxPixels = MaxOutputPixels) =>
        width * height > maxPixels
            ? $"The mosaic would be {width:N0}×{height:N0} pixels, above the limit of {maxPixels:N0} pixels; use fewer columns or a smaller tile size."
            : null;

    /// <summary>What is wrong with a crop given as fractions of the upright picture, or null when it is fine.</summary>
    public static string? CheckCrop(CropBox crop)
    {
        ArgumentNullException.ThrowIfNull(crop);
        const double Slack = 1e-6;
        double[] all = [crop.Left, crop.Top, crop.Width, crop.Height];
        if (all.Any(v => double.IsNaN(v) || v < 0 || v > 1) || crop.Width < MinCropFraction || crop.Height < MinCropFraction
            || crop.Left + crop.Width > 1 + Slack || crop.Top + crop.Height > 1 + Slack)
            return $"The crop must lie inside the picture and keep at least {MinCropFraction * 100:0}% of each side.";
        return null;
    }

    /// <summary>A crop keeps at least this share of the picture's width and of its height.</summary>
    public const double MinCropFraction = 0.05;

    /// <summary>What is wrong with a layout, keyed by the API's field names; empty when it is fine.</summary>
    public static Dictionary<string, string[]> CheckLayout(int columns, int tileSize, int repeatDistance, int blend)
    {
        var errors = new Dictionary<string, string[]>();
        if (columns is < MinColumns or > MaxColumns)
            errors["columns"] = [$"Columns must be between {MinColumns} and {MaxColumns} (got {columns})."];
        if (tileSize is < MinTileSize or > MaxTileSize)
            errors["tileSize"] = [$"Tile size must be between {MinTileSize} and {MaxTileSize} pixels (got {tileSize})."];
        if (repeatDistance is < 0 or > MaxRepeatDistance)
            errors["repeatDistance"] = [$"Repeat distance must be between 0 and {MaxRepeatDistance} cells (got {repeatDistance})."];
        if (blend is < 0 or > MaxBlend)
            errors["blend"] = [$"Blend must be between 0 and {MaxBlend} (got {blend})."];
        return errors;
    }
}
