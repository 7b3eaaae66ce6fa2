using System.Runtime.CompilerServices;
using Frintr.Imaging.Features;

namespace Frintr.Imaging.Matching;

/// <summary>The exact cost of putting a candidate in a cell: squared Lab distance over the fine grid, with the
/// lightness part weighted by the cell's structure weight.</summary>
internal static class FineCost
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Of(TargetGrid target, int cell, CandidateSet candidates, int candidate)
    {
        var t = target.Fine(cell);
        var c = candidates.FineOf(candidate);
        var w = target.LightWeight[cell];
        float light = 0, chroma = 0;
        for (int i = 0; i < t.Length; i += 3)
        {
            var dl = t[i] - c[i];
            var da = t[i + 1] - c[i + 1];
            var db = t[i + 2] - c[i + 2];
            light += dl * dl;
            chroma += (da * da) + (db * db);
        }

        return (w * light) + chroma;
    }
}
