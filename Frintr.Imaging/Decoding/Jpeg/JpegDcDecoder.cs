using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Frintr.Imaging.Decoding.Jpeg;

/// <summary>Decodes a baseline JPEG at 1/8 scale from the DC coefficients alone: one pixel per 8×8 block, the
/// block's mean, as libjpeg's 1/8 scaling does. A tile library is thousands of pictures shrunk to a few dozen
/// pixels, and there libjpeg spends most of its time on work this does not need (dequantising and storing
/// every AC coefficient, an inverse transform per block, upsampling). Pictures it does not take are declined.</summary>
internal static class JpegDcDecoder
{
    // Zero bytes after the entropy data: a block reads at most 64 codes of ≤ 27 bits past its start, and each
    // peek reads 8 bytes, so a block that starts inside the data never reads beyond the padding.
    private const int Padding = 256;

    // Per-thread buffers are kept up to this size (a typical friend picture is far smaller); larger ones are not.
    private const int KeptBufferBytes = 1 << 20;

    // The hot methods below are marked AggressiveOptimization so that they are always jitted: ready-to-run code
    // cannot inline across assemblies, and every span or BinaryPrimitives call in the bit loop would be a stub call.

    [ThreadStatic] private static JpegFrame? t_frame;
    [ThreadStatic] private static byte[]? t_entropy;
    [ThreadStatic] private static byte[]? t_planes;

    /// <summary>Decodes <paramref name="jpeg"/> into <paramref name="buffer"/> as opaque RGBA when 1/8 scale keeps
    /// the shorter side at <paramref name="minShortSide"/> or more; false (nothing decoded) for a picture it does
    /// not take, including damaged ones, which the general decoder then reports on.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> jpeg, int minShortSide, long maxPixels, ref byte[] buffer, out OpaquePixels pixels)
    {
        pixels = default;
        var frame = t_frame ??= new JpegFrame();
        if (!frame.TryRead(jpeg) || (long)frame.Width * frame.Height > maxPixels)
            return false;
        int width = (frame.Width + 7) / 8, height = (frame.Height + 7) / 8;
        if (Math.Min(width, height) < minShortSide)
            return false;

        var (entropy, entropyLength) = Unstuff(jpeg[frame.ScanStart..]);
        if (!DecodeScan(frame, entropy, entropyLength, out var planes))
            return false;

        var rowBytes = width * 4;
        if (buffer.Length < rowBytes * height)
            buffer = new byte[rowBytes * height];
        ToRgba(frame, planes, width, height, buffer);
        pixels = new OpaquePixels(width, height, rowBytes);
        return true;
    }

    // Entropy data without its stuffed zero bytes (FF 00 stands for FF), up to the next marker.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (byte[] Data, int Length) Unstuff(ReadOnlySpan<byte> data)
    {
        var output = t_entropy;
        if (output is null || output.Length < data.Length + Padding)
        {
            output = new byte[data.Length + Padding];
            if (output.Length <= KeptBufferBytes)
                t_entropy = output;
        }

        var length = 0;
        while (true)
        {
            var ff = data.IndexOf((byte)0xFF);
            var run = ff < 0 ? data.Length : ff;
            data[..run].CopyTo(output.AsSpan(length));
            length += run;
            if (ff < 0 || ff + 1 >= data.Length || data[ff + 1] != 0)
                break;
            output[length++] = 0xFF;
            data = data[(ff + 2)..];
        }

        output.AsSpan(length, Padding).Clear();
        return (output, length);
    }

    // DC sample of every block of every component (interleaved scan: MCUs of H×V luma blocks and one of each chroma).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool DecodeScan(JpegFrame frame, byte[] data, int entropyLength, out byte[] planes)
    {
        int h = frame.LumaH, v = frame.LumaV, n = frame.ComponentCount, mcusX = frame.McusX, mcusY = frame.McusY;
        int lumaStride = frame.LumaStride, lumaSize = frame.LumaBlocks, chromaSize = frame.ChromaBlocks;
        var size = lumaSize + ((n - 1) * chromaSize);
        planes = t_planes is { } p && p.Length >= size ? p : new byte[size];
        if (planes.Length <= KeptBufferBytes)
            t_planes = planes;

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

    // The next 32 bits. No bounds check: a block starts at or before the end of the data (checked by the
    // caller) and cannot read past the zero padding.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Peek(byte[] data, long bit)
    {
        var word = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(data), (nint)(bit >> 3)));
        return (uint)(BinaryPrimitives.ReverseEndianness(word) << (int)(bit & 7) >> 32);
    }

    // One block from bit position `bit`: the DC difference decoded into the predictor, every AC code skipped, several
    // per lookup where they fit. Returns the position after the block, or -1 for corrupt data. A small method on
    // purpose, so that everything it touches stays in registers; one load of 57+ bits serves two lookups (at most
    // 21 bits each), which keeps the load off the chain from one lookup to the next.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static long Block(byte[] data, long bit, HuffmanTable dcTable, HuffmanTable acTable, ref int predictor)
    {
        // DC: a code of up to 16 bits, then up to 11 bits of difference, both within one 32-bit peek.
        var bits = Peek(data, bit);
        var entry = dcTable.Single[bits >> (32 - HuffmanTable.LookupBits)];
        int length, size;
        if (entry != 0)
        {
            (length, size) = (entry & 0xFF, entry >> 8);
        }
        else
        {
            (length, size) = dcTable.DecodeLong(bits);
            if (length == 0)
                return -1;
        }

        if (size != 0)
        {
            if (size > 11)
                return -1;
            var raw = (int)(bits << length >> (32 - size));
            predictor += raw < 1 << (size - 1) ? raw - (1 << size) + 1 : raw;
        }

        bit += length + size;
        ref var skip = ref MemoryMarshal.GetArrayDataReference(acTable.Skip); // LookupBits-bit indexes: always in range
        ref var bytes = ref MemoryMarshal.GetArrayDataReference(data);
        for (var k = 1; ;)
        {
            var buffer = BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref bytes, (nint)(bit >> 3)))) << (int)(bit & 7);
            var used = 0;
            for (var lookup = 0; lookup < 2; lookup++)
            {
                var index = (int)(buffer << used >> (64 - HuffmanTable.LookupBits));
                entry = Unsafe.Add(ref skip, index);
                if (entry < 0)
                    entry = acTable.SkipAt(index);
                var advance = (entry >> 6) & 127;
                if (entry != 0 && k + advance < 64)
                {
                    // Every code of the run lies inside this block.
                    used += entry & 63;
                    if ((entry & HuffmanTable.EndOfBlock) != 0)
                        return bit + used;
                    k += advance;
                    continue;
                }

                bit += used;
                used = 0;
                var step = OneCode(acTable, Peek(data, bit), entry);
                if (step < 0)
                    return -1;
                bit += step & 0xFF;
                k += (step >> 8) & 0x1F;
                if ((step & HuffmanTable.EndOfBlock) != 0 || k == 64)
                    return bit;
                if (k > 64)
                    return -1;
                break; // reload from the new position
            }

            bit += used;
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

    // YCbCr → RGB with libjpeg's fixed-point coefficients (16 fraction bits, rounded); chroma at half resolution
    // is repeated over its 2 (or 4) luma pixels.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ToRgba(JpegFrame frame, byte[] planes, int width, int height, byte[] rgba)
    {
        int h = frame.LumaH, v = frame.LumaV, mcusX = frame.McusX;
        int lumaStride = frame.LumaStride, chroma = frame.LumaBlocks, chromaSize = frame.ChromaBlocks;
        var grey = frame.ComponentCount == 1;
        for (var y = 0; y < height; y++)
        {
            var row = rgba.AsSpan(y * width * 4, width * 4);
            var luma = planes.AsSpan(y * lumaStride, width);
            var chromaRow = (y >> (v - 1)) * mcusX;
            for (var x = 0; x < width; x++)
            {
                int l = luma[x], o = x * 4;
                if (grey)
                {
                    row[o] = row[o + 1] = row[o + 2] = (byte)l;
                }
                else
                {
                    var at = chroma + chromaRow + (x >> (h - 1)); // h and v are 1 or 2
                    int cb = planes[at] - 128, cr = planes[at + chromaSize] - 128;
                    row[o] = Clamp(l + ((91881 * cr) + 32768 >> 16));
                    row[o + 1] = Clamp(l + ((-22554 * cb) - (46802 * cr) + 32768 >> 16));
                    row[o + 2] = Clamp(l + ((116130 * cb) + 32768 >> 16));
                }

                row[o + 3] = 255;
            }
        }
    }

    private static byte Clamp(int value) => (byte)Math.Clamp(value, 0, 255);
}
