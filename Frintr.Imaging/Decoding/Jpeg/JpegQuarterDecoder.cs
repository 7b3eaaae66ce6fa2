using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Frintr.Imaging.Decoding.Jpeg;

/// <summary>The 1/4 scale of <see cref="JpegThumbnailDecoder"/>, for pictures whose 1/8 is smaller than a thumbnail:
/// every block's coefficients through libjpeg's 2×2 inverse transform, and halved chroma through its 4×4 one (so that
/// chroma comes out at luma's resolution with no upsampling, as libjpeg does at this scale).</summary>
internal static class JpegQuarterDecoder
{
    // Zigzag position → natural (row-major) position in the 8×8 block (T.81 figure A.6).
    private static ReadOnlySpan<byte> Natural =>
    [
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
    ];

    [ThreadStatic] private static byte[]? t_planes;

    /// <summary>Grey, full-size chroma, or chroma halved both ways (the common 4:2:0). Chroma halved one way only
    /// would need libjpeg's upsampling filter to match, and is left to the general decoder.</summary>
    public static bool Takes(JpegFrame frame) => frame.ComponentCount == 1 || frame.LumaH == frame.LumaV;

    /// <summary>Samples of every component at 1/4 scale: planes of <paramref name="stride"/> × (MCU rows · 2V) each,
    /// luma then Cb and Cr.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool DecodeScan(JpegFrame frame, byte[] data, int entropyLength, out byte[] planes, out PlaneLayout layout)
    {
        int h = frame.LumaH, v = frame.LumaV, n = frame.ComponentCount;
        var stride = frame.McusX * 2 * h;
        var plane = stride * frame.McusY * 2 * v;
        layout = new PlaneLayout(stride, plane, plane, stride, 0, 0);
        planes = JpegThumbnailDecoder.Buffer(ref t_planes, plane * n);
        JpegThumbnailDecoder.RequirePadding(data, entropyLength);

        var limit = (long)entropyLength * 8;
        long bit = 0;
        Span<int> predictor = stackalloc int[3];
        Span<int> block = stackalloc int[64];
        Span<int> work = stackalloc int[32];
        for (var my = 0; my < frame.McusY; my++)
        {
            for (var mx = 0; mx < frame.McusX; mx++)
            {
                for (var by = 0; by < v; by++)
                {
                    for (var bx = 0; bx < h; bx++)
                    {
                        bit = bit > limit ? -1 : Block(data, bit, frame.DcTables[0], frame.AcTables[0], frame.Quant[0], ref predictor[0], block);
                        if (bit < 0)
                            return false;
                        var at = (((my * v) + by) * 2 * stride) + (((mx * h) + bx) * 2);
                        ReducedIdct.TwoByTwo(block, work, planes.AsSpan(at), stride);
                        block.Clear();
                    }
                }

                for (var c = 1; c < n; c++)
                {
                    bit = bit > limit ? -1 : Block(data, bit, frame.DcTables[c], frame.AcTables[c], frame.Quant[c], ref predictor[c], block);
                    if (bit < 0)
                        return false;
                    // One chroma block covers the whole MCU: 2×2 samples, or 4×4 when chroma is halved.
                    var at = (c * plane) + (my * 2 * v * stride) + (mx * 2 * h);
                    if (h == 2)
                        ReducedIdct.FourByFour(block, work, planes.AsSpan(at), stride);
                    else
                        ReducedIdct.TwoByTwo(block, work, planes.AsSpan(at), stride);
                    block.Clear();
                }
            }
        }

        return bit <= limit;
    }

    /// <summary>One block's coefficients, dequantised, into <paramref name="block"/> (natural order, zero on entry).
    /// Returns the position after the block, or -1 for corrupt data. libjpeg keeps coefficients as 16-bit values; so
    /// does the DC term here. The bits sit left-aligned in a register, reloaded when fewer than a code and its value
    /// may remain, so that from one code to the next there is only a shift, a lookup and a shift.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    internal static long Block(byte[] data, long bit, HuffmanTable dcTable, HuffmanTable acTable, int[] quant, ref int predictor, Span<int> block)
    {
        var dc = JpegThumbnailDecoder.DcDifference(dcTable, JpegThumbnailDecoder.Peek(data, bit), ref predictor);
        if (dc < 0)
            return -1;
        bit += dc;
        ref var coefficient = ref MemoryMarshal.GetReference(block); // 64 values: indexes come from Natural
        ref var factor = ref MemoryMarshal.GetArrayDataReference(quant); // 64 values, indexed by k ≤ 63
        ref var natural = ref MemoryMarshal.GetReference(Natural);
        ref var entries = ref MemoryMarshal.GetArrayDataReference(acTable.Coefficients); // LookupBits-bit indexes
        coefficient = (short)predictor * factor;

        ulong buffer = 0;
        var available = 0;
        for (var k = 1; k < 64; k++)
        {
            if (available < 32)
            {
                // At least 57 bits again; a code and its value take at most 26.
                buffer = JpegThumbnailDecoder.Load(data, bit);
                available = 64 - (int)(bit & 7);
            }

            var entry = Unsafe.Add(ref entries, (nint)(buffer >> (64 - HuffmanTable.LookupBits)));
            if (entry == 0)
            {
                entry = LongCode(acTable, (uint)(buffer >> 32));
                if (entry == 0)
                    return -1;
            }

            var length = entry & 63;
            bit += length;
            buffer <<= length;
            available -= length;
            var run = (entry >> 6) & 15;
            if ((entry & HuffmanTable.EndOfBlockOrZeros) != 0)
            {
                if (run != 15)
                    break; // end of block
                k += 15; // sixteen zeros
                continue;
            }

            k += run;
            if (k > 63)
                return -1;
            Unsafe.Add(ref coefficient, Unsafe.Add(ref natural, k)) = (entry >> 16) * Unsafe.Add(ref factor, k);
        }

        return bit;
    }

    // A code longer than the lookup, or whose value does not fit in it, as a coefficient entry; 0 if corrupt.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int LongCode(HuffmanTable table, uint bits)
    {
        var entry = table.Single[bits >> (32 - HuffmanTable.LookupBits)];
        var (length, symbol) = entry != 0 ? (entry & 0xFF, entry >> 8) : table.DecodeLong(bits);
        int run = symbol >> 4, size = symbol & 15;
        if (length == 0 || size > 10)
            return 0;
        return size == 0
            ? length | run << 6 | HuffmanTable.EndOfBlockOrZeros
            : (length + size) | run << 6 | JpegThumbnailDecoder.Extend((int)(bits << length >> (32 - size)), size) << 16;
    }
}
