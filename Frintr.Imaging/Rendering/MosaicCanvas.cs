using Frintr.Imaging.Pixels;
using Frintr.Imaging.Preparation;

namespace Frintr.Imaging.Rendering;

/// <summary>Paints the chosen variants into the output picture, optionally blended toward the target.</summary>
internal static class MosaicCanvas
{
    public static RgbImage Paint(
        TileLibrary library, int[] friends, int[] variants, RgbImage target, int columns, int blend,
        Action<double> progress, CancellationToken ct, PaintingPreview? preview = null)
    {
        var s = library.TileSize;
        var output = RgbImage.Rgba(target.Width, target.Height);
        var rows = friends.Length / columns;
        var done = 0;
        var options = new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.For(0, rows, options, () => new byte[s * s * 3], (row, _, patch) =>
        {
            for (int col = 0; col < columns; col++)
            {
                var cell = (row * columns) + col;
                Variants.Write(library, friends[cell], variants[cell], patch);
                if (blend > 0)
                    Blend.Toward(patch, s, target, col * s, row * s, blend);
                preview?.Add(col, row, patch);
                for (int y = 0; y < s; y++)
                {
                    var from = patch.AsSpan(y * s * 3, s * 3);
                    var to = output.Data.AsSpan((((row * s) + y) * output.Stride) + (col * s * 4), s * 4);
                    for (int x = 0; x < s; x++)
                    {
                        to[x * 4] = from[x * 3];
                        to[(x * 4) + 1] = from[(x * 3) + 1];
                        to[(x * 4) + 2] = from[(x * 3) + 2];
                        to[(x * 4) + 3] = 255;
                    }
                }
            }

            preview?.RowDone();
            var n = Interlocked.Increment(ref done);
            progress((double)n / rows);
            return patch;
        }, _ => { });
        return output;
    }
}
