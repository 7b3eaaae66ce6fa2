using NetVips;

namespace Frintr.Imaging.DeepZoom;

/// <summary>Cuts a finished mosaic into a Deep Zoom pyramid (<c>NAME.dzi</c> plus <c>NAME_files/LEVEL/COL_ROW.EXT</c>,
/// level 0 being 1×1) with libvips' <c>dzsave</c>: it streams the picture, so a 100-megapixel poster needs about a
/// hundred megabytes, not the half gigabyte of a whole decoded canvas (docs/benchmarks.md, "Deep Zoom pyramid").</summary>
public static class DeepZoomPyramid
{
    /// <summary>Tile side without overlap: 254 + 2 × 1 = 256 pixels, the usual Deep Zoom choice.</summary>
    public const int TileSize = 254;

    public const int Overlap = 1;

    private static readonly Lock Setup = new();
    private static bool _configured;

    /// <summary>Writes the pyramid of <paramref name="picturePath"/> into <paramref name="folder"/> as
    /// <paramref name="name"/><c>.dzi</c> and <paramref name="name"/><c>_files/</c>. Lossless pictures (PNG) get PNG
    /// tiles, the others JPEG.</summary>
    public static DeepZoomLayout Write(string picturePath, string folder, string name, MosaicFormat format, CancellationToken cancellationToken = default)
    {
        Configure();
        cancellationToken.ThrowIfCancellationRequested();
        Directory.CreateDirectory(folder);
        var extension = TileExtension(format);
        using var image = Image.NewFromFile(picturePath, access: Enums.Access.Sequential);
        var suffix = extension == "png" ? ".png[compression=6]" : ".jpg[Q=85,strip=true]";
        image.Dzsave(Path.Combine(folder, name), tileSize: TileSize, overlap: Overlap, suffix: suffix);
        return new DeepZoomLayout(image.Width, image.Height, TileSize, Overlap, extension);
    }

    /// <summary>The tiles' file extension for a mosaic of this format.</summary>
    public static string TileExtension(MosaicFormat format) => format == MosaicFormat.Png ? "png" : "jpg";

    /// <summary>Highest level of a picture this size: level 0 is 1×1, each level above doubles.</summary>
    public static int MaxLevel(int width, int height) =>
        (int)Math.Ceiling(Math.Log2(Math.Max(1, Math.Max(width, height))));

    // The operation cache would keep decoded pixels of past mosaics; a worker renders each picture once.
    private static void Configure()
    {
        lock (Setup)
        {
            if (_configured)
                return;
            Cache.Max = 0;
            _configured = true;
        }
    }
}

/// <summary>A pyramid's shape: the picture's size, tile side, overlap and tile format (<c>jpg</c> or <c>png</c>).</summary>
public sealed record DeepZoomLayout(int Width, int Height, int TileSize, int Overlap, string Format);
