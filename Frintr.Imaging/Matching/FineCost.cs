using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Frintr.Imaging.Features;
using Frintr.Imaging.Preparation;

namespace Frintr.Imaging.Matching;

/// <summary>The exact cost of putting a candidate in a cell: squared Lab distance over the fine grid, with the
/// lightness part weighted by the cell's structure weight (a per-cell weight row, zero on the padding, so the
/// sum vectorises without a tail).</summary>
internal static class FineCost
{
    /// <summary>The friend's variant that fits the cell best, by the exact cost (ties: the lower variant).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (int Variant, float Cost) BestVariant(TargetGrid target, int cell, CandidateSet candidates, int friend)
    {
        var t = target.Fine(cell);
        var w = target.FineWeights(cell);
        if (Vector512.IsHardwareAccelerated && t.Length == 5 * Vector512<float>.Count)
            return BestOfFive(t, w, candidates, friend);
        var best = (Variant: 0, Cost: float.MaxValue);
        for (int v = 0; v < Variants.PerTile; v++)
        {
            var c = Of(t, w, candidates.FineOf((friend * Variants.PerTile) + v));
            if (c < best.Cost)
                best = (v, c);
        }

        return best;
    }

    // The default grid (5×5, padded to 80 floats): the cell's features and weights stay in registers across the
    // variants. The same sums in the same order as Of.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (int Variant, float Cost) BestOfFive(ReadOnlySpan<float> t, ReadOnlySpan<float> w, CandidateSet candidates, int friend)
    {
        ref var tr = ref MemoryMarshal.GetReference(t);
        ref var wr = ref MemoryMarshal.GetReference(w);
        var (t0, t1, t2, t3, t4) = (Vector512.LoadUnsafe(ref tr), Vector512.LoadUnsafe(ref tr, 16), Vector512.LoadUnsafe(ref tr, 32),
            Vector512.LoadUnsafe(ref tr, 48), Vector512.LoadUnsafe(ref tr, 64));
        var (w0, w1, w2, w3, w4) = (Vector512.LoadUnsafe(ref wr), Vector512.LoadUnsafe(ref wr, 16), Vector512.LoadUnsafe(ref wr, 32),
            Vector512.LoadUnsafe(ref wr, 48), Vector512.LoadUnsafe(ref wr, 64));
        var best = (Variant: 0, Cost: float.MaxValue);
        for (int v = 0; v < Variants.PerTile; v++)
        {
            ref var c = ref MemoryMarshal.GetReference(candidates.FineOf((friend * Variants.PerTile) + v));
            var d = t0 - Vector512.LoadUnsafe(ref c);
            var sum = Vector512.FusedMultiplyAdd(w0 * d, d, Vector512<float>.Zero);
            d = t1 - Vector512.LoadUnsafe(ref c, 16);
            sum = Vector512.FusedMultiplyAdd(w1 * d, d, sum);
            d = t2 - Vector512.LoadUnsafe(ref c, 32);
            sum = Vector512.FusedMultiplyAdd(w2 * d, d, sum);
            d = t3 - Vector512.LoadUnsafe(ref c, 48);
            sum = Vector512.FusedMultiplyAdd(w3 * d, d, sum);
            d = t4 - Vector512.LoadUnsafe(ref c, 64);
            sum = Vector512.FusedMultiplyAdd(w4 * d, d, sum);
            var cost = Vector512.Sum(sum);
            if (cost < best.Cost)
                best = (v, cost);
        }

        return best;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Of(ReadOnlySpan<float> t, ReadOnlySpan<float> w, ReadOnlySpan<float> c)
    {
        ref var tr = ref MemoryMarshal.GetReference(t);
        ref var wr = ref MemoryMarshal.GetReference(w);
        ref var cr = ref MemoryMarshal.GetReference(c);
        if (Vector512.IsHardwareAccelerated)
        {
            var sum = Vector512<float>.Zero;
            for (nuint i = 0; i < (nuint)t.Length; i += (nuint)Vector512<float>.Count)
            {
                var d = Vector512.LoadUnsafe(ref tr, i) - Vector512.LoadUnsafe(ref cr, i);
                sum = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref wr, i) * d, d, sum);
            }

            return Vector512.Sum(sum);
        }

        var narrow = Vector256<float>.Zero;
        for (nuint i = 0; i < (nuint)t.Length; i += (nuint)Vector256<float>.Count)
        {
            var d = Vector256.LoadUnsafe(ref tr, i) - Vector256.LoadUnsafe(ref cr, i);
            narrow = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref wr, i) * d, d, narrow);
        }

        return Vector256.Sum(narrow);
    }
}
