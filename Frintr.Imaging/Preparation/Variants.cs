using System.Runtime.CompilerServices;
using Frintr.Imaging.Pixels;

namespace Frintr.Imaging.Preparation;

/// <summary>The ways one friend's picture may fill a cell: the whole square, or an offset sub-square of 80% of
/// its side at 3×3 positions, each also mirrored. All variants are the same friend for the repetition rule.</summary>
internal static class Variants
{
    public const int PerTile = 20;

    /// <summary>Variant <c>v + Mirrors</c> is variant <c>v</c> mirrored.</summary>
    public const int Mirrors = Crops;
    private const int Crops = 10;

    public static bool IsMirrored(int variant) => variant >= Crops;

    /// <summary>Writes the variant's pixels (tileSize², RGB) into <paramref name="dst"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Write(TileLibrary library, int tile, int variant, Span<byte> dst)
    {
        var s = library.TileSize;
        var t = library.ThumbSide;
        var thumb = library.Thumb(tile);
        var crop = variant % Crops;
        if (crop == 0)
        {
            AreaResampler.Resample(thumb, t * 3, 0, 0, t, t, dst, s, s);
        }
        else
        {
            var (ox, oy) = Offset(crop - 1, t - s);
            for (int y = 0; y < s; y++)
                thumb.Slice((((oy + y) * t) + ox) * 3, s * 3).CopyTo(dst.Slice(y * s * 3, s * 3));
        }

        if (IsMirrored(variant))
            Mirror(dst, s);
    }

    /// <summary>Where an offset crop (variant 1–9, or its mirror) starts in the thumbnail; null for the whole square.</summary>
    public static (int X, int Y)? CropAt(TileLibrary library, int variant)
    {
        var crop = variant % Crops;
        return crop == 0 ? null : Offset(crop - 1, library.ThumbSide - library.TileSize);
    }

    private static (int X, int Y) Offset(int position, int slack)
    {
        int[] steps = [0, slack / 2, slack];
        return (steps[position % 3], steps[position / 3]);
    }

    private static void Mirror(Span<byte> pixels, int side)
    {
        for (int y = 0; y < side; y++)
        {
            var row = pixels.Slice(y * side * 3, side * 3);
            for (int l = 0, r = side - 1; l < r; l++, r--)
            {
                for (int c = 0; c < 3; c++)
                    (row[(l * 3) + c], row[(r * 3) + c]) = (row[(r * 3) + c], row[(l * 3) + c]);
            }
        }
    }
}
