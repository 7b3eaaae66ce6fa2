using System.Collections.Concurrent;
using System.Security.Cryptography;
using Frintr.Imaging.Features;
using SkiaSharp;

namespace Frintr.Imaging.Preparation;

/// <summary>Turns one friend's picture into a <see cref="PreparedPicture"/>, once, so that a picture used in many
/// mosaics is downloaded and decoded once (the worker's tile cache keeps the result).</summary>
public static class TilePreparation
{
    private static readonly ConcurrentDictionary<int, string> Formats = new();

    /// <summary>Decodes the picture straight down to its thumbnail and computes its features, exactly as a render
    /// from the original would. Throws <see cref="MosaicInputException"/> when it is not a picture we can read.</summary>
    public static PreparedPicture Prepare(Func<Stream> open, int tileSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentOutOfRangeException.ThrowIfLessThan(tileSize, MosaicLimits.MinTileSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(tileSize, MosaicLimits.MaxTileSize);
        var (library, skipped) = TilePreparer.Prepare([new TileInput("tile", open)], tileSize, _ => { }, cancellationToken);
        if (library.Count == 0)
            throw new MosaicInputException(skipped[0].Reason);
        var candidates = CandidateSet.Build(library, _ => { }, cancellationToken);
        return PreparedPicture.From(library, candidates, 0);
    }

    /// <summary>Side of the square thumbnail kept for a tile size, in pixels: what a friend's picture needs at least.</summary>
    public static int ThumbnailSide(int tileSize) => TileLibrary.ThumbSideFor(tileSize);

    /// <summary>A short name for what <see cref="Prepare"/> makes at <paramref name="tileSize"/> with this build of
    /// the engine: a fingerprint of a few probe pictures prepared by the real code (decoders, resampler, features).
    /// Cache keys carry it, so prepared pictures from an engine that decodes or measures differently are never
    /// mixed with this one's.</summary>
    public static string Format(int tileSize) => Formats.GetOrAdd(tileSize, Fingerprint);

    private static string Fingerprint(int tileSize)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> header = [PreparedPicture.LayoutVersion, (byte)Variants.PerTile, (byte)FeatureLayout.For(tileSize).Fine, (byte)tileSize];
        hash.AppendData(header);
        foreach (var probe in Probes.Value)
            hash.AppendData(Prepare(() => new MemoryStream(probe, writable: false), tileSize).ToBytes());
        return $"t{tileSize}-{Convert.ToHexStringLower(hash.GetHashAndReset())[..12]}";
    }

    // A large and a small baseline JPEG (the engine's own decoder at 1/8 and 1/4 scale) and a PNG with alpha (Skia,
    // composited over white), all with structure in every feature cell.
    private static readonly Lazy<byte[][]> Probes = new(() =>
    [
        Probe(320, 240, SKEncodedImageFormat.Jpeg, opaque: true),
        Probe(100, 80, SKEncodedImageFormat.Jpeg, opaque: true),
        Probe(64, 64, SKEncodedImageFormat.Png, opaque: false),
    ]);

    private static byte[] Probe(int width, int height, SKEncodedImageFormat format, bool opaque)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        var pixels = bitmap.GetPixelSpan();
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                var i = ((y * width) + x) * 4;
                pixels[i] = (byte)(x * 255 / width);
                pixels[i + 1] = (byte)(y * 255 / height);
                pixels[i + 2] = (byte)(((x / 7) + (y / 5)) % 2 == 0 ? 40 : 220);
                pixels[i + 3] = opaque ? (byte)255 : (byte)(128 + (x * 127 / width));
            }
        }

        using var data = bitmap.Encode(format, 90);
        return data.ToArray();
    }
}
