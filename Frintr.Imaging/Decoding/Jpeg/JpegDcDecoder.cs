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

    // DC sample of every block of every component (interleaved scan: MCUs of H×V luma blocks and one of each chroma).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool DecodeScan(JpegFrame frame, byte[] data, int entropyLength, out byte[] planes)
    {
        int h = frame.LumaH, v = frame.LumaV, n = frame.ComponentCount, mcusX = frame.McusX, mcusY = frame.McusY;
        int lumaStride = frame.LumaStride, lumaSize = frame.LumaBlocks, chromaSize = frame.ChromaBlocks;
        var size = lumaSize + ((n - 1) * chromaSize);
        planes = JpegThumbnailDecoder.Buffer(ref t_planes, size);

        var limit = (long)entropyLength * 8;
        long bit = 0;
        Span<int> predictor = stackalloc int[3];
        for (var my = 0; my < mcusY; my++)
        {
            for (var mx = 0; mx < mcusX; mx++)
            {
                for (var by = 0; by < v; by++)
                {
                    for (var bx = 0; bx < h; bx++)
                    {
                        bit = bit > limit ? -1 : Block(data, bit, frame.DcTables[0], frame.AcTables[0], ref predictor[0]);
                        if (bit < 0)
                            return false;
                        planes[(((my * v) + by) * lumaStride) + (mx * h) + bx] = Sample(predictor[0], frame.DcQuant[0]);
                    }
                }

                for (var c = 1; c < n; c++)
                {
                    bit = bit > limit ? -1 : Block(data, bit, frame.DcTables[c], frame.AcTables[c], ref predictor[c]);
                    if (bit < 0)
                        return false;
                    planes[lumaSize + ((c - 1) * chromaSize) + (my * mcusX) + mx] = Sample(predictor[c], frame.DcQuant[c]);
                }
            }
        }

        return bit <= limit;
    }

    // libjpeg's 1×1 inverse transform: (DC · q + 4) / 8 + 128, clamped.
    private static byte Sample(int dc, int quant) => (byte)Math.Clamp(((dc * quant) + 4 >> 3) + 128, 0, 255);

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
