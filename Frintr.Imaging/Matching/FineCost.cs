using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Frintr.Imaging.Features;

namespace Frintr.Imaging.Matching;

/// <summary>The exact cost of putting a candidate in a cell: squared Lab distance over the fine grid, with the
/// lightness part weighted by the cell's structure weight (a per-cell weight row, so the sum vectorises).</summary>
internal static class FineCost
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Of(TargetGrid target, int cell, CandidateSet candidates, int candidate)
    {
        var t = target.Fine(cell);
        var w = target.FineWeights(cell);
        var c = candidates.FineOf(candidate);
        var width = Vector256<float>.Count;
        var sum = Vector256<float>.Zero;
        int i = 0;
        for (; i <= t.Length - width; i += width)
        {
            var d = Vector256.Create(t.Slice(i, width)) - Vector256.Create(c.Slice(i, width));
            sum += Vector256.Create(w.Slice(i, width)) * d * d;
        }

        var total = Vector256.Sum(sum);
        for (; i < t.Length; i++)
        {
            var d = t[i] - c[i];
            total += w[i] * d * d;
        }

        return total;
    }
}
