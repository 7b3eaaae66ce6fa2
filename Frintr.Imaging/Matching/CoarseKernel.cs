using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Frintr.Imaging.Features;
using Frintr.Imaging.Preparation;

namespace Frintr.Imaging.Matching;

/// <summary>The prefilter's hot loop: for a block of cells, every friend's distance to its closest variant on
/// the coarse features. A block of cells shares each load of candidate features (the table is larger than
/// the cache, so one cell at a time would be memory-bound), vectorised over friends: 16 at a time where the
/// CPU has AVX-512, else 8.</summary>
internal static class CoarseKernel
{
    public const int Block = 8;

    public static void ClosestVariants(CandidateSet candidates, ReadOnlySpan<float> targets, int cells, float[][] friends)
    {
        if (Vector512.IsHardwareAccelerated)
            Wide(candidates, targets, cells, friends);
        else
            Narrow(candidates, targets, cells, friends);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe void Wide(CandidateSet candidates, ReadOnlySpan<float> targets, int cells, float[][] friends)
    {
        const int D = FeatureLayout.CoarseLength;
        var stride = candidates.FriendsPadded;
        var mins = stackalloc Vector512<float>[Block];
        fixed (float* coarse = candidates.Coarse)
        fixed (float* t = targets)
        {
            for (int f = 0; f < stride; f += Vector512<float>.Count)
            {
                for (int c = 0; c < cells; c++)
                    mins[c] = Vector512.Create(float.MaxValue);
                var p = coarse + f;
                for (int v = 0; v < Variants.PerTile; v++, p += stride * D)
                {
                    // The variant's 12 features for 16 friends stay in registers across the block's cells.
                    var x0 = Vector512.Load(p);
                    var x1 = Vector512.Load(p + stride);
                    var x2 = Vector512.Load(p + (2 * stride));
                    var x3 = Vector512.Load(p + (3 * stride));
                    var x4 = Vector512.Load(p + (4 * stride));
                    var x5 = Vector512.Load(p + (5 * stride));
                    var x6 = Vector512.Load(p + (6 * stride));
                    var x7 = Vector512.Load(p + (7 * stride));
                    var x8 = Vector512.Load(p + (8 * stride));
                    var x9 = Vector512.Load(p + (9 * stride));
                    var x10 = Vector512.Load(p + (10 * stride));
                    var x11 = Vector512.Load(p + (11 * stride));
                    for (int c = 0; c < cells; c++)
                    {
                        var tc = t + (c * D);
                        // Three partial sums: one chain of 12 dependent multiply-adds would wait on latency.
                        var d0 = x0 - Vector512.Create(tc[0]);
                        var d1 = x1 - Vector512.Create(tc[1]);
                        var d2 = x2 - Vector512.Create(tc[2]);
                        var s0 = d0 * d0;
                        var s1 = d1 * d1;
                        var s2 = d2 * d2;
                        var d3 = x3 - Vector512.Create(tc[3]);
                        var d4 = x4 - Vector512.Create(tc[4]);
                        var d5 = x5 - Vector512.Create(tc[5]);
                        s0 = Vector512.FusedMultiplyAdd(d3, d3, s0);
                        s1 = Vector512.FusedMultiplyAdd(d4, d4, s1);
                        s2 = Vector512.FusedMultiplyAdd(d5, d5, s2);
                        var d6 = x6 - Vector512.Create(tc[6]);
                        var d7 = x7 - Vector512.Create(tc[7]);
                        var d8 = x8 - Vector512.Create(tc[8]);
                        s0 = Vector512.FusedMultiplyAdd(d6, d6, s0);
                        s1 = Vector512.FusedMultiplyAdd(d7, d7, s1);
                        s2 = Vector512.FusedMultiplyAdd(d8, d8, s2);
                        var d9 = x9 - Vector512.Create(tc[9]);
                        var d10 = x10 - Vector512.Create(tc[10]);
                        var d11 = x11 - Vector512.Create(tc[11]);
                        s0 = Vector512.FusedMultiplyAdd(d9, d9, s0);
                        s1 = Vector512.FusedMultiplyAdd(d10, d10, s1);
                        s2 = Vector512.FusedMultiplyAdd(d11, d11, s2);

                        // Sums of squares are never NaN, so the plain instruction is exact here.
                        mins[c] = Vector512.MinNative(mins[c], s0 + s1 + s2);
                    }
                }

                for (int c = 0; c < cells; c++)
                {
                    fixed (float* r = friends[c])
                        mins[c].Store(r + f);
                }
            }
        }
    }

    // Without AVX-512: the same sums, 8 friends at a time, features reloaded from L1 per cell.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe void Narrow(CandidateSet candidates, ReadOnlySpan<float> targets, int cells, float[][] friends)
    {
        const int D = FeatureLayout.CoarseLength;
        var stride = candidates.FriendsPadded;
        var mins = stackalloc Vector256<float>[Block];
        fixed (float* coarse = candidates.Coarse)
        fixed (float* t = targets)
        {
            for (int f = 0; f < stride; f += Vector256<float>.Count)
            {
                for (int c = 0; c < cells; c++)
                    mins[c] = Vector256.Create(float.MaxValue);
                for (int v = 0; v < Variants.PerTile; v++)
                {
                    var p = coarse + f + (v * stride * D);
                    for (int c = 0; c < cells; c++)
                    {
                        var sum = Vector256<float>.Zero;
                        for (int d = 0; d < D; d++)
                        {
                            var diff = Vector256.Load(p + (d * stride)) - Vector256.Create(t[(c * D) + d]);
                            sum = Vector256.FusedMultiplyAdd(diff, diff, sum);
                        }

                        mins[c] = Vector256.MinNative(mins[c], sum);
                    }
                }

                for (int c = 0; c < cells; c++)
                {
                    fixed (float* r = friends[c])
                        mins[c].Store(r + f);
                }
            }
        }
    }
}
