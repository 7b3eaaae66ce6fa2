using System.Buffers;
using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
namespace Frintr.Imaging.Pixels;

/// <summary>Downscales by exact area averaging (every source pixel weighs by the area it covers): the
/// high-quality filter for reductions, with no aliasing and no ringing, and deterministic to the byte.</summary>
internal static class AreaResampler
{
    // Thousands of tiles share a few (source, destination) lengths: compute their weights once.
    private static readonly ConcurrentDictionary<(int, int), (int Index, float Weight)[][]> WeightCache = new();

    /// <summary>Resamples the square or rectangle <paramref name="srcX"/>,<paramref name="srcY"/>,
    /// <paramref name="srcW"/>×<paramref name="srcH"/> of <paramref name="src"/> into <paramref name="dst"/>
    /// (<paramref name="dstW"/>×<paramref name="dstH"/>, RGB, tightly packed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Resample(
        ReadOnlySpan<byte> src, int srcStride, int srcX, int srcY, int srcW, int srcH,
        Span<byte> dst, int dstW, int dstH) =>
        Resample(src, 3, srcStride, srcX, srcY, srcW, srcH, dst, dstW, dstH);

    /// <summary>As above, from pixels of <paramref name="srcBytesPerPixel"/> bytes (RGB or opaque RGBA).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Resample(
        ReadOnlySpan<byte> src, int srcBytesPerPixel, int srcStride, int srcX, int srcY, int srcW, int srcH,
        Span<byte> dst, int dstW, int dstH)
    {
        var xs = WeightCache.GetOrAdd((srcW, dstW), static k => Weights(k.Item1, k.Item2));
        var ys = WeightCache.GetOrAdd((srcH, dstH), static k => Weights(k.Item1, k.Item2));
        // Horizontal then vertical pass, in bands of output rows so that the float buffer stays small even for
        // a 4,000² picture (one band needs only the source rows under it).
        const int Band = 32;
        var acc = ArrayPool<float>.Shared.Rent(dstW * 3);
        for (int band = 0; band < dstH; band += Band)
        {
            var bandEnd = Math.Min(dstH, band + Band);
            var first = ys[band][0].Index;
            var last = ys[bandEnd - 1][^1].Index;
            var tmp = ArrayPool<float>.Shared.Rent((last - first + 1) * dstW * 3);
            for (int y = first; y <= last; y++)
                Horizontal(src.Slice(((srcY + y) * srcStride) + (srcX * srcBytesPerPixel)), srcBytesPerPixel, xs, tmp.AsSpan((y - first) * dstW * 3, dstW * 3));

            for (int y = band; y < bandEnd; y++)
            {
                Array.Clear(acc, 0, dstW * 3);
                foreach (var (index, weight) in ys[y])
                    AddScaled(tmp.AsSpan((index - first) * dstW * 3, dstW * 3), weight, acc);

                var outRow = dst.Slice(y * dstW * 3, dstW * 3);
                for (int i = 0; i < outRow.Length; i++)
                    outRow[i] = (byte)Math.Clamp((int)(acc[i] + 0.5f), 0, 255);
            }

            ArrayPool<float>.Shared.Return(tmp);
        }

        ArrayPool<float>.Shared.Return(acc);
    }

    // acc += row × weight, a vector at a time (the same sums as one float at a time: no fused multiply-add).
    private static void AddScaled(ReadOnlySpan<float> row, float weight, Span<float> acc)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var w = new Vector<float>(weight);
            var rows = MemoryMarshal.Cast<float, Vector<float>>(row);
            var sums = MemoryMarshal.Cast<float, Vector<float>>(acc[..row.Length]);
            for (int v = 0; v < rows.Length; v++)
                sums[v] += rows[v] * w;
            i = rows.Length * Vector<float>.Count;
        }

        for (; i < row.Length; i++)
            acc[i] += row[i] * weight;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Horizontal(ReadOnlySpan<byte> row, int bytesPerPixel, (int Index, float Weight)[][] xs, Span<float> t)
    {
        ref var pixels = ref MemoryMarshal.GetReference(row);
        for (int x = 0; x < xs.Length; x++)
        {
            float r = 0, g = 0, b = 0;
            foreach (var (index, weight) in xs[x])
            {
                // Indices come from Weights(srcW, …) and the caller sliced the row at the crop: always in range.
                ref var p = ref Unsafe.Add(ref pixels, index * bytesPerPixel);
                r += p * weight;
                g += Unsafe.Add(ref p, 1) * weight;
                b += Unsafe.Add(ref p, 2) * weight;
            }

            t[x * 3] = r;
            t[(x * 3) + 1] = g;
            t[(x * 3) + 2] = b;
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
