using Frintr.Imaging.Color;
using Frintr.Imaging.Pixels;

namespace Frintr.Imaging.Quality;

/// <summary>Objective faithfulness of a mosaic to its target (same size): mean CIEDE2000 of cell means and of
/// 4-px block means, and SSIM of the 4-px downsample's luma (what the eye sees from a viewing distance).</summary>
internal static class QualityMeter
{
    public const int Block = 4;

    public static (double Cells, double Blocks, double Ssim) Measure(RgbImage target, RgbImage mosaic, int cellSize)
    {
        var cells = MeanDeltaE(target, mosaic, cellSize, out _, out _);
        var blocks = MeanDeltaE(target, mosaic, Block, out var targetLuma, out var mosaicLuma);
        var w = target.Width / Block;
        var h = target.Height / Block;
        return (cells, blocks, Ssim.Mean(targetLuma, mosaicLuma, w, h));
    }

    private static double MeanDeltaE(RgbImage target, RgbImage mosaic, int size, out float[] targetLuma, out float[] mosaicLuma)
    {
        var bw = target.Width / size;
        var bh = target.Height / size;
        var sums = new double[bh];
        var tl = new float[bw * bh];
        var ml = new float[bw * bh];
        Parallel.For(0, bh, by =>
        {
            double sum = 0;
            for (int bx = 0; bx < bw; bx++)
            {
                var (tr, tg, tb) = Mean(target, bx * size, by * size, size);
                var (mr, mg, mb) = Mean(mosaic, bx * size, by * size, size);
                sum += DeltaE2000.Between(Lab.FromSrgb(tr, tg, tb), Lab.FromSrgb(mr, mg, mb));
                tl[(by * bw) + bx] = Luma(tr, tg, tb);
                ml[(by * bw) + bx] = Luma(mr, mg, mb);
            }

            sums[by] = sum;
        });
        targetLuma = tl;
        mosaicLuma = ml;
        return bw * bh == 0 ? 0 : sums.Sum() / (bw * bh);
    }

    private static float Luma(double r, double g, double b) => (float)((0.299 * r) + (0.587 * g) + (0.114 * b));

    private static (double R, double G, double B) Mean(RgbImage image, int x0, int y0, int size)
    {
        long r = 0, g = 0, b = 0;
        var bpp = image.BytesPerPixel;
        for (int y = y0; y < y0 + size; y++)
        {
            var row = image.Data.AsSpan((y * image.Stride) + (x0 * bpp), size * bpp);
            for (int i = 0; i < row.Length; i += bpp)
            {
                r += row[i];
                g += row[i + 1];
                b += row[i + 2];
            }
        }

        double n = size * size;
        return (r / n, g / n, b / n);
    }
}
