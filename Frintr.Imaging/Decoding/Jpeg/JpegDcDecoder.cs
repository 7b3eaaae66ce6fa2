using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Frintr.Imaging.Decoding.Jpeg;

/// <summary>The 1/8 scale of <see cref="JpegThumbnailDecoder"/>: one pixel per 8×8 block, the block's mean, from the
/// DC coefficients alone, as libjpeg's 1/8 scaling does. Every AC code still has to be read past, but none is kept:
/// no dequantising, no inverse transform, no upsampling.</summary>
internal static class JpegDcDecoder
{
    [ThreadStatic] private static byte[]? t_planes;

    /// <summary>Samples of every component at 1/8 (interleaved scan: MCUs of H×V luma blocks and one of each chroma):
    /// luma and full-size chroma one per block from its DC coefficient. Chroma halved both ways (4:2:0) becomes 2×2
    /// samples per block through libjpeg's 2×2 inverse transform, which is what libjpeg does at this scale (rather than
    /// upsampling); chroma halved one way is repeated over its pixels, as libjpeg's plain upsampling does at 1/8.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool DecodeScan(JpegFrame frame, byte[] data, int entropyLength, out byte[] planes, out PlaneLayout layout)
    {
        int h = frame.LumaH, v = frame.LumaV, n = frame.ComponentCount, mcusX = frame.McusX, mcusY = frame.McusY;
        int lumaStride = frame.LumaStride, lumaSize = frame.LumaBlocks;
        var transformed = n == 3 && h == 2 && v == 2;
        var chromaStride = transformed ? 2 * mcusX : mcusX;
        var chromaSize = transformed ? chromaStride * 2 * mcusY : frame.ChromaBlocks;
        planes = JpegThumbnailDecoder.Buffer(ref t_planes, lumaSize + ((n - 1) * chromaSize));
        layout = transformed
            ? new PlaneLayout(lumaStride, lumaSize, chromaSize, chromaStride, 0, 0)
            : new PlaneLayout(lumaStride, lumaSize, chromaSize, chromaStride, h - 1, v - 1);
        JpegThumbnailDecoder.RequirePadding(data, entropyLength);

        var limit = (long)entropyLength * 8;
        long bit = 0;
        // The tables in locals: the loop below runs once per block, thousands of times a picture.
        HuffmanTable dc0 = frame.DcTables[0], ac0 = frame.AcTables[0];
        HuffmanTable dc1 = n > 1 ? frame.DcTables[1] : dc0, ac1 = n > 1 ? frame.AcTables[1] : ac0;
        HuffmanTable dc2 = n > 2 ? frame.DcTables[2] : dc0, ac2 = n > 2 ? frame.AcTables[2] : ac0;
        int q0 = frame.Quant[0][0], q1 = n > 1 ? frame.Quant[1][0] : 0, q2 = n > 2 ? frame.Quant[2][0] : 0; // DC factors
        int p0 = 0, p1 = 0, p2 = 0;
        Span<int> block = stackalloc int[64];
        Span<int> work = stackalloc int[16];
        for (var my = 0; my < mcusY; my++)
        {
            var chroma = lumaSize + (my * mcusX);
            for (var mx = 0; mx < mcusX; mx++, chroma++)
            {
                for (var by = 0; by < v; by++)
                {
                    var luma = (((my * v) + by) * lumaStride) + (mx * h);
                    for (var bx = 0; bx < h; bx++)
                    {
                        bit = bit > limit ? -1 : Block(data, bit, dc0, ac0, ref p0);
                        if (bit < 0)
                            return false;
                        planes[luma + bx] = Sample(p0, q0);
                    }
                }

                if (n == 1)
                    continue;
                if (transformed)
                {
                    var at = lumaSize + (my * 2 * chromaStride) + (mx * 2);
                    bit = bit > limit ? -1 : TwoByTwo(data, bit, dc1, ac1, frame.Quant[1], ref p1, block, work, planes.AsSpan(at), chromaStride);
                    bit = bit < 0 || bit > limit ? -1 : TwoByTwo(data, bit, dc2, ac2, frame.Quant[2], ref p2, block, work, planes.AsSpan(at + chromaSize), chromaStride);
                    if (bit < 0)
                        return false;
                    continue;
                }

                bit = bit > limit ? -1 : Block(data, bit, dc1, ac1, ref p1);
                bit = bit < 0 || bit > limit ? -1 : Block(data, bit, dc2, ac2, ref p2);
                if (bit < 0)
                    return false;
                planes[chroma] = Sample(p1, q1);
                planes[chroma + chromaSize] = Sample(p2, q2);
            }
        }

        return bit <= limit;
    }

    // A halved chroma block's coefficients through libjpeg's 2×2 inverse transform (as JpegQuarterDecoder decodes them).
    private static long TwoByTwo(byte[] data, long bit, HuffmanTable dcTable, HuffmanTable acTable, int[] quant, ref int predictor,
        Span<int> block, Span<int> work, Span<byte> output, int stride)
    {
        bit = JpegQuarterDecoder.Block(data, bit, dcTable, acTable, quant, ref predictor, block);
        if (bit >= 0)
            ReducedIdct.TwoByTwo(block, work, output, stride);
        block.Clear();
        return bit;
    }

    // libjpeg's 1×1 inverse transform: the DC coefficient as it keeps it (16 bits), dequantised, (· + 4) / 8, then its
    // range limiting (+128, clamped; a damaged file's far-out values wrap as libjpeg's table does).
    private static byte Sample(int dc, int quant) => ReducedIdct.Limit(((short)dc * quant) + 4 >> 3);

    // One block from bit position `bit`: the DC difference decoded into the predictor, every AC code skipped, one or two
    // per lookup where they fit. Returns the position after the block, or -1 for corrupt data. A small method on
    // purpose, so that everything it touches stays in registers. The bits sit left-aligned in a register, reloaded
    // (57+ bits) only when fewer than a lookup's remain, so that from one lookup to the next there is only a shift,
    // a table read and a shift; a lookup's entry may skip past what was loaded, and then the reload catches up.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static long Block(byte[] data, long bit, HuffmanTable dcTable, HuffmanTable acTable, ref int predictor)
    {
        var dc = JpegThumbnailDecoder.DcDifference(dcTable, JpegThumbnailDecoder.Peek(data, bit), ref predictor);
        if (dc < 0)
            return -1;
        bit += dc;
        ref var skip = ref MemoryMarshal.GetArrayDataReference(acTable.Skip); // LookupBits-bit indexes: always in range
        ulong buffer = 0;
        var available = 0;
        for (var k = 1; ;)
        {
            if (available < HuffmanTable.LookupBits)
            {
                buffer = JpegThumbnailDecoder.Load(data, bit);
                available = 64 - (int)(bit & 7);
            }

            var entry = Unsafe.Add(ref skip, (nint)(buffer >> (64 - HuffmanTable.LookupBits)));
            var advance = (entry >> 6) & 127;
            if (entry != 0 && k + advance < 64)
            {
                // Every code of the run lies inside this block.
                var length = entry & 63;
                if ((entry & HuffmanTable.EndOfBlock) != 0)
                    return bit + length;
                bit += length;
                buffer <<= length;
                available -= length;
                k += advance;
                continue;
            }

            var step = OneCode(acTable, JpegThumbnailDecoder.Peek(data, bit), entry);
            if (step < 0)
                return -1;
            bit += step & 0xFF;
            k += (step >> 8) & 0x1F;
            if ((step & HuffmanTable.EndOfBlock) != 0 || k == 64)
                return bit;
            if (k > 64)
                return -1;
            available = 0; // reload from the new position
        }
    }

    // A single AC code (near the block's end, or longer than the lookup): bits | advance << 8 | end of block, or -1.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int OneCode(HuffmanTable table, uint bits, int entry)
    {
        if (entry != 0)
            return ((entry >> 14) & 63) | ((entry >> 20) & 127) << 8 | ((entry & HuffmanTable.FirstEndOfBlock) != 0 ? HuffmanTable.EndOfBlock : 0);
        var (codeLength, symbol) = table.DecodeLong(bits);
        if (codeLength == 0)
            return -1;
        var (stepBits, advance, end) = HuffmanTable.AcStep(codeLength, symbol);
        return stepBits | advance << 8 | (end ? HuffmanTable.EndOfBlock : 0);
    }
}
