using System.Runtime.CompilerServices;
namespace Frintr.Imaging.Pixels;

/// <summary>Downscales by exact area averaging (every source pixel weighs by the area it covers): the
/// high-quality filter for reductions, with no aliasing and no ringing, and deterministic to the byte.</summary>
internal static class AreaResampler
{
    /// <summary>Resamples the square or rectangle <paramref name="srcX"/>,<paramref name="srcY"/>,
    /// <paramref name="srcW"/>×<paramref name="srcH"/> of <paramref name="src"/> into <paramref name="dst"/>
    /// (<paramref name="dstW"/>×<paramref name="dstH"/>, RGB, tightly packed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Resample(
        ReadOnlySpan<byte> src, int srcStride, int srcX, int srcY, int srcW, int srcH,
        Span<byte> dst, int dstW, int dstH)
    {
        var xs = Weights(srcW, dstW);
        var ys = Weights(srcH, dstH);
        // Horizontal pass into floats (dstW × srcH), then vertical.
        var tmp = new float[dstW * srcH * 3];
        for (int y = 0; y < srcH; y++)
        {
            var row = src.Slice(((srcY + y) * srcStride) + (srcX * 3));
            var t = tmp.AsSpan(y * dstW * 3, dstW * 3);
            for (int x = 0; x < dstW; x++)
            {
                float r = 0, g = 0, b = 0;
                foreach (var (index, weight) in xs[x])
                {
                    var p = index * 3;
                    r += row[p] * weight;
                    g += row[p + 1] * weight;
                    b += row[p + 2] * weight;
                }

                t[x * 3] = r;
                t[(x * 3) + 1] = g;
                t[(x * 3) + 2] = b;
            }
        }

        var acc = new float[dstW * 3];
        for (int y = 0; y < dstH; y++)
        {
            Array.Clear(acc);
            foreach (var (index, weight) in ys[y])
            {
                var t = tmp.AsSpan(index * dstW * 3, dstW * 3);
                for (int i = 0; i < acc.Length; i++)
                    acc[i] += t[i] * weight;
            }

            var outRow = dst.Slice(y * dstW * 3, dstW * 3);
            for (int i = 0; i < acc.Length; i++)
                outRow[i] = (byte)Math.Clamp((int)(acc[i] + 0.5f), 0, 255);
        }
    }

    // For each output sample, the source samples it covers and their share (weights sum to 1).
    private static (int Index, float Weight)[][] Weights(int srcLength, int dstLength)
    {
        var scale = (double)srcLength / dstLength;
        var result = new (int, float)[dstLength][];
        for (int i = 0; i < dstLength; i++)
        {
            var start = i * scale;
            var end = Math.Min(srcLength, (i + 1) * scale);
            var first = (int)Math.Floor(start);
            var last = Math.Min(srcLength - 1, (int)Math.Ceiling(end) - 1);
            var list = new (int, float)[last - first + 1];
            for (int s = first; s <= last; s++)
            {
                var cover = Math.Min(end, s + 1) - Math.Max(start, s);
                list[s - first] = (s, (float)(cover / scale));
            }

            result[i] = list;
        }

        return result;
    }
}
