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
}
