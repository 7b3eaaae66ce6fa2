using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Frintr.Imaging.Decoding.Jpeg;

/// <summary>libjpeg's reduced-size inverse transforms (jidctred.c, "islow" integer arithmetic): an 8×8 block of
/// dequantised coefficients (natural order) straight to 2×2 or 4×4 samples, each the mean of the 4×4 or 2×2 pixels the
/// full transform would give. Same constants, shifts, rounding and range limiting, so that the samples are libjpeg's
/// own (Skia decodes with it), not merely close.</summary>
internal static class ReducedIdct
{
    // Fixed point with 13 fraction bits; the pass between rows and columns keeps 2 extra bits.
    private const int FractionBits = 13;
    private const int PassBits = 2;

    // sqrt(2)·(sums of cos(kπ/16)), scaled by 2^13 and rounded, as libjpeg tabulates them.
    private const long C0_211164243 = 1730, C0_509795579 = 4176, C0_601344887 = 4926, C0_720959822 = 5906;
    private const long C0_765366865 = 6270, C0_850430095 = 6967, C0_899976223 = 7373, C1_061594337 = 8697;
    private const long C1_272758580 = 10426, C1_451774981 = 11893, C1_847759065 = 15137, C2_172734803 = 17799;
    private const long C2_562915447 = 20995, C3_624509785 = 29692;

    /// <summary>2×2 samples into <paramref name="output"/> (rows <paramref name="stride"/> apart). Only rows and
    /// columns 0, 1, 3, 5 and 7 of the block contribute. <paramref name="work"/> holds 16 values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void TwoByTwo(ReadOnlySpan<int> block, Span<int> work, Span<byte> output, int stride)
    {
        if (block.Length < 64 || work.Length < 16 || output.Length < stride + 2)
            throw new ArgumentException("A block is 64 coefficients, and the output needs 2 rows of 2.");
        ref var b = ref MemoryMarshal.GetReference(block);
        ref var w = ref MemoryMarshal.GetReference(work);
        TwoPointColumn(ref b, ref w, 0);
        TwoPointColumn(ref b, ref w, 1);
        TwoPointColumn(ref b, ref w, 3);
        TwoPointColumn(ref b, ref w, 5);
        TwoPointColumn(ref b, ref w, 7);
        ref var o = ref MemoryMarshal.GetReference(output);
        TwoPointRow(ref w, ref o);
        TwoPointRow(ref Unsafe.Add(ref w, 8), ref Unsafe.Add(ref o, stride));
    }

    // Columns first: the even ones but 0 only feed outputs this size does not have.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TwoPointColumn(ref int block, ref int work, int c)
    {
        ref var x = ref Unsafe.Add(ref block, c);
        int x1 = Unsafe.Add(ref x, 8), x3 = Unsafe.Add(ref x, 24), x5 = Unsafe.Add(ref x, 40), x7 = Unsafe.Add(ref x, 56);
        ref var top = ref Unsafe.Add(ref work, c);
        if ((x1 | x3 | x5 | x7) == 0)
        {
            top = Unsafe.Add(ref top, 8) = x << PassBits;
            return;
        }

        var even = (long)x << (FractionBits + 2);
        var odd = OddOfTwo(x1, x3, x5, x7);
        top = (int)Descale(even + odd, FractionBits - PassBits + 2);
        Unsafe.Add(ref top, 8) = (int)Descale(even - odd, FractionBits - PassBits + 2);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TwoPointRow(ref int w, ref byte output)
    {
        int w1 = Unsafe.Add(ref w, 1), w3 = Unsafe.Add(ref w, 3), w5 = Unsafe.Add(ref w, 5), w7 = Unsafe.Add(ref w, 7);
        if ((w1 | w3 | w5 | w7) == 0)
        {
            output = Unsafe.Add(ref output, 1) = Limit(Descale(w, PassBits + 3));
            return;
        }

        var even = (long)w << (FractionBits + 2);
        var odd = OddOfTwo(w1, w3, w5, w7);
        output = Limit(Descale(even + odd, FractionBits + PassBits + 3 + 2));
        Unsafe.Add(ref output, 1) = Limit(Descale(even - odd, FractionBits + PassBits + 3 + 2));
    }

    /// <summary>4×4 samples into <paramref name="output"/> (rows <paramref name="stride"/> apart). Row and column 4
    /// of the block do not contribute. <paramref name="work"/> holds 32 values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void FourByFour(ReadOnlySpan<int> block, Span<int> work, Span<byte> output, int stride)
    {
        if (block.Length < 64 || work.Length < 32 || output.Length < (3 * stride) + 4)
            throw new ArgumentException("A block is 64 coefficients, and the output needs 4 rows of 4.");
        ref var b = ref MemoryMarshal.GetReference(block);
        ref var w = ref MemoryMarshal.GetReference(work);
        for (var c = 0; c < 8; c++)
        {
            if (c == 4)
                continue;
            ref var x = ref Unsafe.Add(ref b, c);
            int x1 = Unsafe.Add(ref x, 8), x2 = Unsafe.Add(ref x, 16), x3 = Unsafe.Add(ref x, 24);
            int x5 = Unsafe.Add(ref x, 40), x6 = Unsafe.Add(ref x, 48), x7 = Unsafe.Add(ref x, 56);
            ref var top = ref Unsafe.Add(ref w, c);
            if ((x1 | x2 | x3 | x5 | x6 | x7) == 0)
            {
                top = Unsafe.Add(ref top, 8) = Unsafe.Add(ref top, 16) = Unsafe.Add(ref top, 24) = x << PassBits;
                continue;
            }

            const int shift = FractionBits - PassBits + 1;
            FourPoint(x, x1, x2, x3, x5, x6, x7, out var y0, out var y1, out var y2, out var y3);
            top = (int)Descale(y0, shift);
            Unsafe.Add(ref top, 8) = (int)Descale(y1, shift);
            Unsafe.Add(ref top, 16) = (int)Descale(y2, shift);
            Unsafe.Add(ref top, 24) = (int)Descale(y3, shift);
        }

        ref var o = ref MemoryMarshal.GetReference(output);
        for (var r = 0; r < 4; r++)
        {
            ref var row = ref Unsafe.Add(ref w, r * 8);
            ref var out0 = ref Unsafe.Add(ref o, r * stride);
            int w1 = Unsafe.Add(ref row, 1), w2 = Unsafe.Add(ref row, 2), w3 = Unsafe.Add(ref row, 3);
            int w5 = Unsafe.Add(ref row, 5), w6 = Unsafe.Add(ref row, 6), w7 = Unsafe.Add(ref row, 7);
            if ((w1 | w2 | w3 | w5 | w6 | w7) == 0)
            {
                out0 = Unsafe.Add(ref out0, 1) = Unsafe.Add(ref out0, 2) = Unsafe.Add(ref out0, 3) = Limit(Descale(row, PassBits + 3));
                continue;
            }

            const int shift = FractionBits + PassBits + 3 + 1;
            FourPoint(row, w1, w2, w3, w5, w6, w7, out var y0, out var y1, out var y2, out var y3);
            out0 = Limit(Descale(y0, shift));
            Unsafe.Add(ref out0, 1) = Limit(Descale(y1, shift));
            Unsafe.Add(ref out0, 2) = Limit(Descale(y2, shift));
            Unsafe.Add(ref out0, 3) = Limit(Descale(y3, shift));
        }
    }

    // The 8-to-2 step's odd part (its even part is the DC term alone).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long OddOfTwo(long x1, long x3, long x5, long x7) =>
        (x7 * -C0_720959822) + (x5 * C0_850430095) + (x3 * -C1_272758580) + (x1 * C3_624509785);

    // The 8-to-4 step: the four outputs before descaling.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FourPoint(long x0, long x1, long x2, long x3, long x5, long x6, long x7, out long y0, out long y1, out long y2, out long y3)
    {
        var dc = x0 << (FractionBits + 1);
        var even = (x2 * C1_847759065) + (x6 * -C0_765366865);
        var odd0 = (x7 * -C0_211164243) + (x5 * C1_451774981) + (x3 * -C2_172734803) + (x1 * C1_061594337);
        var odd2 = (x7 * -C0_509795579) + (x5 * -C0_601344887) + (x3 * C0_899976223) + (x1 * C2_562915447);
        (y0, y1, y2, y3) = (dc + even + odd2, dc - even + odd0, dc - even - odd0, dc + even - odd2);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Descale(long x, int shift) => (x + (1L << (shift - 1))) >> shift;

    // libjpeg's range-limit table after an inverse transform: +128 and clamped for sane values; what lies far outside
    // (only in damaged files) wraps the way the table's 1,024 entries do.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte Limit(long sample)
    {
        var j = (int)sample & 1023;
        return j < 128 ? (byte)(j + 128) : j < 512 ? (byte)255 : j < 896 ? (byte)0 : (byte)(j - 896);
    }
}
