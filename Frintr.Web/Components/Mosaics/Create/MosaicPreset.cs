using Frintr.Imaging;

namespace Frintr.Web.Components.Mosaics.Create;

/// <summary>The output's shape: the picture's own, or a fixed aspect the crop frame keeps.</summary>
public enum MosaicShape
{
    AsPicture,
    Square,
    Portrait,
    Landscape,
}

/// <summary>A starting point for the form: what a person usually wants for a purpose.</summary>
public sealed record MosaicPreset(
    string Key,
    string Label,
    string Description,
    MosaicShape Shape,
    int Columns,
    int TileSize,
    int RepeatDistance,
    int Blend,
    bool EveryoneAppears,
    MosaicFormat Format)
{
    public static readonly MosaicPreset ProfilePicture = new("profile", "Profile picture",
        "Square, about 1,000 pixels: sharp as an avatar, quick to make.", MosaicShape.Square, 40, 24, 4, 15, false, MosaicFormat.Jpeg);

    public static readonly MosaicPreset Poster = new("poster", "Poster for print",
        "Portrait 2:3, about 68 megapixels (60 × 90 cm at 280 dpi), lossless PNG.", MosaicShape.Portrait, 120, 56, 8, 10, false, MosaicFormat.Png);

    public static readonly MosaicPreset Everyone = new("everyone", "Everyone appears",
        "Every friend gets a place, each used about equally.", MosaicShape.AsPicture, 60, 20, 2, 10, true, MosaicFormat.Jpeg);

    public static IReadOnlyList<MosaicPreset> All { get; } = [ProfilePicture, Poster, Everyone];

    /// <summary>Width ÷ height of a fixed shape, or null for the picture's own.</summary>
    public static double? AspectOf(MosaicShape shape) => shape switch
    {
        MosaicShape.Square => 1,
        MosaicShape.Portrait => 2.0 / 3,
        MosaicShape.Landscape => 3.0 / 2,
        _ => null,
    };
}
