using System.Runtime.CompilerServices;
using Frintr.Imaging.Color;

namespace Frintr.Imaging.Features;

/// <summary>A g×g grid of CIELAB means over a square patch: block means of sRGB, converted once per block.
/// Target cells and tiles go through this same code, so their features are comparable.</summary>
internal static class LabGrid
{
    /// <summary>Whether the block boundaries are the same read from either side (then a mirrored patch's grid is
    /// the grid mirrored).</summary>
    public static bool IsSymmetric(int size, int g)
    {
        for (int i = 0; i <= g; i++)
        {
            if ((i * size / g) != size - ((g - i) * size / g))
                return false;
        }

        return true;
    }

    /// <summary>Writes g·g·3 floats (L, a, b per block, row after row) into <paramref name="lab"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Compute(ReadOnlySpan<byte> rgb, int stride, int x0, int y0, int size, int g, Span<float> lab)
    {
        for (int by = 0; by < g; by++)
        {
            var ya = y0 + (by * size / g);
            var yb = y0 + ((by + 1) * size / g);
            for (int bx = 0; bx < g; bx++)
            {
                var xa = x0 + (bx * size / g);
                var xb = x0 + ((bx + 1) * size / g);
                long r = 0, gr = 0, b = 0;
                for (int y = ya; y < yb; y++)
                {
                    var row = rgb.Slice((y * stride) + (xa * 3), (xb - xa) * 3);
                    for (int i = 0; i < row.Length; i += 3)
                    {
                        r += row[i];
                        gr += row[i + 1];
                        b += row[i + 2];
                    }
                }

                float n = (yb - ya) * (xb - xa);
                var c = Lab.FromSrgbFast(r / n, gr / n, b / n);
                var o = ((by * g) + bx) * 3;
                lab[o] = c.L;
                lab[o + 1] = c.A;
                lab[o + 2] = c.B;
            }
        }
    }

    /// <summary>Sums of every channel over the rectangles [0,x)×[0,y) of an RGB patch, so that any block's sum
    /// is four lookups: the crops of one thumbnail share it. <paramref name="integral"/> holds (side+1)²·3 ints.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Integrate(ReadOnlySpan<byte> rgb, int side, Span<int> integral)
    {
        var stride = (side + 1) * 3;
        integral[..stride].Clear();
        for (int y = 0; y < side; y++)
        {
            var row = rgb.Slice(y * side * 3, side * 3);
            var above = integral.Slice(y * stride, stride);
            var here = integral.Slice((y + 1) * stride, stride);
            int r = 0, g = 0, b = 0;
            here[0] = here[1] = here[2] = 0;
            for (int x = 0; x < side; x++)
            {
                r += row[x * 3];
                g += row[(x * 3) + 1];
                b += row[(x * 3) + 2];
                var o = (x + 1) * 3;
                here[o] = above[o] + r;
                here[o + 1] = above[o + 1] + g;
                here[o + 2] = above[o + 2] + b;
            }
        }
    }

    /// <summary>As <see cref="Compute"/>, from an integral of the patch (<see cref="Integrate"/>): same blocks,
    /// same sums, same result.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void FromIntegral(ReadOnlySpan<int> integral, int side, int x0, int y0, int size, int g, Span<float> lab)
    {
        var stride = (side + 1) * 3;
        for (int by = 0; by < g; by++)
        {
            var ya = y0 + (by * size / g);
            var yb = y0 + ((by + 1) * size / g);
            var top = integral.Slice(ya * stride, stride);
            var bottom = integral.Slice(yb * stride, stride);
            for (int bx = 0; bx < g; bx++)
            {
                var xa = (x0 + (bx * size / g)) * 3;
                var xb = (x0 + ((bx + 1) * size / g)) * 3;
                float n = (yb - ya) * ((xb - xa) / 3);
                var o = ((by * g) + bx) * 3;
                var c = Lab.FromSrgbFast(
                    (bottom[xb] - bottom[xa] - top[xb] + top[xa]) / n,
                    (bottom[xb + 1] - bottom[xa + 1] - top[xb + 1] + top[xa + 1]) / n,
                    (bottom[xb + 2] - bottom[xa + 2] - top[xb + 2] + top[xa + 2]) / n);
                lab[o] = c.L;
                lab[o + 1] = c.A;
                lab[o + 2] = c.B;
            }
        }
    }

    /// <summary>Both grids of a patch in one pass over its pixels: block sums on the common refinement of the two
    /// grids (the boundaries are exactly the same integers), then aggregated. Same results as two calls.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ComputeBoth(ReadOnlySpan<byte> rgb, int stride, int size, int fine, int coarse, Span<float> fineLab, Span<float> coarseLab)
    {
        var sub = fine * coarse / Gcd(fine, coarse);
        Span<long> sums = stackalloc long[sub * sub * 3];
        Span<int> counts = stackalloc int[sub * sub];
        for (int by = 0; by < sub; by++)
        {
            var ya = by * size / sub;
            var yb = (by + 1) * size / sub;
            for (int bx = 0; bx < sub; bx++)
            {
                var xa = bx * size / sub;
                var xb = (bx + 1) * size / sub;
                long r = 0, g = 0, b = 0;
                for (int y = ya; y < yb; y++)
                {
                    var row = rgb.Slice((y * stride) + (xa * 3), (xb - xa) * 3);
                    for (int i = 0; i < row.Length; i += 3)
                    {
                        r += row[i];
                        g += row[i + 1];
                        b += row[i + 2];
                    }
                }

                var o = (by * sub) + bx;
                (sums[o * 3], sums[(o * 3) + 1], sums[(o * 3) + 2]) = (r, g, b);
                counts[o] = (yb - ya) * (xb - xa);
            }
        }

        Aggregate(sums, counts, sub, fine, fineLab);
        Aggregate(sums, counts, sub, coarse, coarseLab);
    }

    private static void Aggregate(ReadOnlySpan<long> sums, ReadOnlySpan<int> counts, int sub, int g, Span<float> lab)
    {
        var k = sub / g;
        for (int by = 0; by < g; by++)
        {
            for (int bx = 0; bx < g; bx++)
            {
                long r = 0, gr = 0, b = 0, n = 0;
                for (int y = by * k; y < (by + 1) * k; y++)
                {
                    for (int x = bx * k; x < (bx + 1) * k; x++)
                    {
                        var o = (y * sub) + x;
                        r += sums[o * 3];
                        gr += sums[(o * 3) + 1];
                        b += sums[(o * 3) + 2];
                        n += counts[o];
                    }
                }

                var c = Lab.FromSrgbFast((float)r / n, (float)gr / n, (float)b / n);
                var p = ((by * g) + bx) * 3;
                lab[p] = c.L;
                lab[p + 1] = c.A;
                lab[p + 2] = c.B;
            }
        }
    }

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
}
