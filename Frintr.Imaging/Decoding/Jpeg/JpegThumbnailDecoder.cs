using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Frintr.Imaging.Decoding.Jpeg;

/// <summary>Decodes a baseline JPEG straight to a thumbnail-sized picture, at 1/8 scale (<see cref="JpegDcDecoder"/>)
/// or, when that is too small, 1/4 (<see cref="JpegQuarterDecoder"/>), with libjpeg's arithmetic. A tile library is
/// thousands of pictures shrunk to a few dozen pixels, and there libjpeg (through Skia) spends most of its time on
/// work this does not need; pictures it does not take are declined, and the caller uses the general decoder.</summary>
internal static class JpegThumbnailDecoder
{
    /// <summary>Bits a block may span before its last read: a DC code and its value (16 + 11 bits), then 62 of its
    /// at most 63 AC codes with their extra bits (16 + 15 each); the 63rd code is read from there.</summary>
    internal const int MaxBitsBeforeLastRead = 16 + 11 + (62 * (16 + 15));

    /// <summary>Zero bytes after the entropy data. The decoders read 8 bytes at a time with no bounds check
    /// (<see cref="Load"/>), from blocks that start at or before the end of the data (each decoder checks that before
    /// every block), so the furthest byte read lies this many bytes past it (251).</summary>
    internal const int Padding = (MaxBitsBeforeLastRead / 8) + sizeof(ulong);

    // Per-thread buffers are kept up to this size (a typical friend picture is far smaller); larger ones are not.
    private const int KeptBufferBytes = 1 << 20;

    // The hot methods of these decoders are marked AggressiveOptimization so that they are always jitted: ready-to-run
    // code cannot inline across assemblies, and every span or BinaryPrimitives call in the bit loop would be a stub call.

    [ThreadStatic] private static JpegFrame? t_frame;
    [ThreadStatic] private static byte[]? t_entropy;

    /// <summary>Decodes <paramref name="jpeg"/> into <paramref name="buffer"/> as opaque RGBA at the smallest scale
    /// (1/8, else 1/4) that keeps the shorter side at <paramref name="minShortSide"/> or more; false (nothing decoded)
    /// for a picture it does not take, including damaged ones, which the general decoder then reports on.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> jpeg, int minShortSide, long maxPixels, ref byte[] buffer, out OpaquePixels pixels)
    {
        pixels = default;
        var frame = t_frame ??= new JpegFrame();
        if (!frame.TryRead(jpeg) || (long)frame.Width * frame.Height > maxPixels)
            return false;

        // libjpeg's scaled sizes: the full size times k/8, rounded up.
        var eighth = Math.Min((frame.Width + 7) / 8, (frame.Height + 7) / 8);
        var quarter = Math.Min((frame.Width + 3) / 4, (frame.Height + 3) / 4);
        var scale = eighth >= minShortSide ? 8 : quarter >= minShortSide && JpegQuarterDecoder.Takes(frame) ? 4 : 0;
        if (scale == 0)
            return false;

        var (entropy, entropyLength) = Unstuff(jpeg[frame.ScanStart..]);
        if (entropy is null)
            return false;
        int width = (frame.Width + scale - 1) / scale, height = (frame.Height + scale - 1) / scale;
        var rowBytes = width * 4;
        if (buffer.Length < rowBytes * height)
            buffer = new byte[rowBytes * height];
        byte[] planes;
        PlaneLayout layout;
        var decoded = scale == 8
            ? JpegDcDecoder.DecodeScan(frame, entropy, entropyLength, out planes, out layout)
            : JpegQuarterDecoder.DecodeScan(frame, entropy, entropyLength, out planes, out layout);
        if (!decoded)
            return false;
        ToRgba(planes, layout, frame.ComponentCount == 1, width, height, buffer);

        pixels = new OpaquePixels(width, height, rowBytes);
        return true;
    }

    /// <summary>A per-thread buffer of at least <paramref name="size"/> bytes, kept for the next picture unless large.</summary>
    public static byte[] Buffer(ref byte[]? kept, int size)
    {
        var buffer = kept is { } b && b.Length >= size ? b : new byte[size];
        if (buffer.Length <= KeptBufferBytes)
            kept = buffer;
        return buffer;
    }

    /// <summary>The entry check of every scan decoder: the unchecked reads rely on <see cref="Padding"/> bytes after
    /// the data.</summary>
    public static void RequirePadding(byte[] data, int entropyLength)
    {
        if (entropyLength < 0 || data.Length - entropyLength < Padding)
            throw new ArgumentException($"The entropy data must be followed by {Padding} bytes of padding.", nameof(data));
    }

    /// <summary>The next 57 to 64 bits, left-aligned (the rest zero). No bounds check, as for <see cref="Peek"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Load(byte[] data, long bit)
    {
        CheckInBounds(data, bit);
        var word = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(data), (nint)(bit >> 3)));
        return BinaryPrimitives.ReverseEndianness(word) << (int)(bit & 7);
    }

    // Debug builds (the tests) check every unchecked read against the array: a read past the padding fails loudly.
    [Conditional("DEBUG")]
    private static void CheckInBounds(byte[] data, long bit)
    {
        if (bit < 0 || (bit >> 3) + sizeof(ulong) > data.Length)
            throw new InvalidOperationException($"A read at byte {bit >> 3} passes the end of the padded data ({data.Length} bytes).");
    }

    /// <summary>The next 32 bits. No bounds check: a block starts at or before the end of the data (checked by the
    /// caller) and cannot read past the zero padding.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Peek(byte[] data, long bit) => (uint)(Load(data, bit) >> 32);

    /// <summary>The block's DC difference at the top of <paramref name="bits"/>, added to the predictor: a code of up
    /// to 16 bits, then up to 11 bits of value, both within one 32-bit peek. Returns the bits read, or -1 if corrupt.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int DcDifference(HuffmanTable dcTable, uint bits, ref int predictor)
    {
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
            predictor += Extend((int)(bits << length >> (32 - size)), size);
        }

        return length + size;
    }

    /// <summary>A coefficient from its <paramref name="size"/> raw bits (T.81 F.2.2.1: a leading 0 means negative).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Extend(int raw, int size) => raw < 1 << (size - 1) ? raw - (1 << size) + 1 : raw;

    // Entropy data without its stuffed zero bytes (FF 00 stands for FF), up to the next marker; null when no marker
    // ends it. libjpeg reads ahead of the bits it needs, up to a marker: in a file cut inside its scan it runs out of
    // data even where the blocks are all there, and Skia reports an incomplete picture.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (byte[]? Data, int Length) Unstuff(ReadOnlySpan<byte> data)
    {
        var output = Buffer(ref t_entropy, data.Length + Padding);
        var length = 0;
        while (true)
        {
            var ff = data.IndexOf((byte)0xFF);
            var run = ff < 0 ? data.Length : ff;
            data[..run].CopyTo(output.AsSpan(length));
            length += run;
            if (ff < 0)
                return (null, 0);
            if (ff + 1 < data.Length && data[ff + 1] == 0)
            {
                output[length++] = 0xFF;
                data = data[(ff + 2)..];
                continue;
            }

            // A marker: any fill bytes, then its code (FF … FF 00 would be data to libjpeg, and ends nothing here).
            var code = data[(ff + 1)..].IndexOfAnyExcept((byte)0xFF);
            if (code < 0 || data[ff + 1 + code] == 0)
                return (null, 0);
            break;
        }

        output.AsSpan(length, Padding).Clear();
        return (output, length);
    }

    // YCbCr → RGB with libjpeg's fixed-point coefficients (16 fraction bits, rounded); chroma at lower resolution is
    // repeated over its luma pixels.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ToRgba(byte[] planes, PlaneLayout layout, bool grey, int width, int height, byte[] rgba)
    {
        for (var y = 0; y < height; y++)
        {
            var row = rgba.AsSpan(y * width * 4, width * 4);
            var luma = planes.AsSpan(y * layout.LumaStride, width);
            var chromaRow = layout.ChromaStart + ((y >> layout.ShiftY) * layout.ChromaStride);
            for (var x = 0; x < width; x++)
            {
                int l = luma[x], o = x * 4;
                if (grey)
                {
                    row[o] = row[o + 1] = row[o + 2] = (byte)l;
                }
                else
                {
                    var at = chromaRow + (x >> layout.ShiftX);
                    int cb = planes[at] - 128, cr = planes[at + layout.ChromaSize] - 128;
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

/// <summary>Where a scan decoder's samples lie: luma rows of <paramref name="LumaStride"/>, then the Cb and Cr planes
/// (each <paramref name="ChromaSize"/>, starting at <paramref name="ChromaStart"/>, rows of <paramref name="ChromaStride"/>)
/// at 1/2^shift of luma's resolution.</summary>
internal readonly record struct PlaneLayout(int LumaStride, int ChromaStart, int ChromaSize, int ChromaStride, int ShiftX, int ShiftY);
