using System.Runtime.CompilerServices;
using Frintr.Imaging.Decoding;
using Frintr.Imaging.Pixels;
using SkiaSharp;

namespace Frintr.Imaging.Preparation;

/// <summary>Decodes friends' pictures in parallel, each straight down to a thumbnail; broken ones are skipped.</summary>
internal static class TilePreparer
{
    public static (TileLibrary Library, List<SkippedTile> Skipped) Prepare(
        IReadOnlyList<TileInput> tiles, int tileSize, Action<double> progress, CancellationToken ct)
    {
        var side = TileLibrary.ThumbSideFor(tileSize);
        var thumbBytes = side * side * 3;
        // One slot per input so that the result does not depend on thread timing.
        // Thumbnails go straight into one pool (no per-tile arrays), compacted afterwards.
        var pool = new byte[checked(tiles.Count * thumbBytes)];
        var ok = new bool[tiles.Count];
        var reasons = new string?[tiles.Count];
        var done = 0;
        var options = new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.For(0, tiles.Count, options, () => new byte[64 * 64 * 4], (i, _, buffer) =>
        {
            try
            {
                Thumbnail(tiles[i], side, pool.AsSpan(i * thumbBytes, thumbBytes), ref buffer);
                ok[i] = true;
            }
            catch (MosaicInputException ex)
            {
                reasons[i] = ex.Message;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
            {
                reasons[i] = "This picture could not be read.";
            }

            var n = Interlocked.Increment(ref done);
            if (n % 64 == 0)
                progress((double)n / tiles.Count);
            return buffer;
        }, _ => { });

        var friends = new List<string>();
        var skipped = new List<SkippedTile>();
        for (int i = 0; i < tiles.Count; i++)
        {
            if (ok[i])
            {
                if (friends.Count != i)
                    Array.Copy(pool, i * thumbBytes, pool, friends.Count * thumbBytes, thumbBytes);
                friends.Add(tiles[i].FriendId);
            }
            else
            {
                skipped.Add(new SkippedTile(tiles[i].FriendId, reasons[i] ?? "This picture could not be read."));
            }
        }

        progress(1);
        return (new TileLibrary(tileSize, side, friends, pool), skipped);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Thumbnail(TileInput tile, int side, Span<byte> thumb, ref byte[] buffer)
    {
        using (var stream = tile.Open())
        {
            if (PictureDecoder.TryDecodeOpaque(stream, side, ref buffer) is { } pixels)
            {
                // The common case (an upright JPEG): straight from the decoder's RGBA, no bitmap, no copy.
                var (x, y, crop) = CentreSquare(pixels.Width, pixels.Height);
                AreaResampler.Resample(buffer, 4, pixels.RowBytes, x, y, crop, crop, thumb, side, side);
                return;
            }
        }

        // Transparent or rotated: through a bitmap, opened again (the first read consumed the stream).
        using var again = tile.Open();
        using var bitmap = PictureDecoder.Decode(again, minShortSide: side);
        var rgb = RgbImage.FromBitmap(bitmap);
        var (bx, by, bcrop) = CentreSquare(rgb.Width, rgb.Height);
        AreaResampler.Resample(rgb.Data, rgb.Stride, bx, by, bcrop, bcrop, thumb, side, side);
    }

    // Tiles are square: the largest centred square.
    private static (int X, int Y, int Side) CentreSquare(int width, int height)
    {
        var side = Math.Min(width, height);
        return ((width - side) / 2, (height - side) / 2, side);
    }
}
