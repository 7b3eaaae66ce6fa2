using Frintr.Imaging.Features;
using Frintr.Imaging.Matching;
using Frintr.Imaging.Preparation;

namespace Frintr.Imaging;

/// <summary>An upper bound of a render's peak managed memory, known before any work: a host refuses a render
/// that would not fit its budget instead of dying half-way through it.</summary>
public static class MemoryEstimate
{
    /// <summary>Runtime, codecs and per-thread buffers: what any render needs whatever its size.</summary>
    private const long Baseline = 48L << 20;

    /// <summary>Bytes the engine may hold at its peak for a target of <paramref name="targetWidth"/> ×
    /// <paramref name="targetHeight"/> pixels and <paramref name="tiles"/> friends' pictures.</summary>
    public static long PeakBytes(MosaicSettings settings, int targetWidth, int targetHeight, int tiles)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var width = (long)settings.Columns * settings.TileSize;
        var rows = Math.Max(1, (long)Math.Round((double)settings.Columns * targetHeight / Math.Max(1, targetWidth)));
        var height = rows * settings.TileSize;
        var cells = settings.Columns * rows;
        var pixels = width * height;

        // The target is decoded at no less than the output size, up to twice as large per side (scaled decoding
        // steps by powers of two), as RGBA, then resized to the output size (RGB).
        var decodedTarget = Math.Min((long)targetWidth * targetHeight, 4 * pixels) * 4;
        var target = pixels * 3;
        var side = TileLibrary.ThumbSideFor(settings.TileSize);
        var library = (long)tiles * side * side * 3;
        var layout = FeatureLayout.For(settings.TileSize);
        var features = (long)tiles * Variants.PerTile * (layout.FineStride + (2 * FeatureLayout.CoarseLength)) * sizeof(float);
        var grid = cells * (layout.FineStride + FeatureLayout.CoarseLength + 1) * sizeof(float) * 2;
        var shortlists = cells * Shortlists.Friends * (sizeof(int) + sizeof(int) + sizeof(float));
        var canvas = pixels * 4;

        // Matching and painting overlap only when the engine may not collect in between.
        var matching = decodedTarget + target + library + features + grid + shortlists;
        var painting = target + library + canvas + (cells * sizeof(int) * 2);
        return Baseline + Math.Max(matching, painting) + Math.Min(matching, painting);
    }
}
