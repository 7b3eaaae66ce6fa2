using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Frintr.Imaging.Features;
using Frintr.Imaging.Preparation;

namespace Frintr.Imaging.Matching;

/// <summary>The prefilter's hot loop: for a block of cells, every friend's distance to its closest variant on
/// the coarse features. A block of cells shares each load of candidate features (the table is larger than
/// the cache, so one cell at a time would be memory-bound), vectorised over friends.</summary>
internal static class CoarseKernel
{
    public const int Block = 8;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void ClosestVariants(CandidateSet candidates, ReadOnlySpan<float> targets, int cells, float[][] friends)
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
                var p = coarse + f;
                for (int v = 0; v < Variants.PerTile; v++, p += stride * D)
                {
                    var x0 = Vector256.Load(p);
                    var x1 = Vector256.Load(p + stride);
                    var x2 = Vector256.Load(p + (2 * stride));
                    var x3 = Vector256.Load(p + (3 * stride));
                    var x4 = Vector256.Load(p + (4 * stride));
                    var x5 = Vector256.Load(p + (5 * stride));
                    var x6 = Vector256.Load(p + (6 * stride));
                    var x7 = Vector256.Load(p + (7 * stride));
                    var x8 = Vector256.Load(p + (8 * stride));
                    var x9 = Vector256.Load(p + (9 * stride));
                    var x10 = Vector256.Load(p + (10 * stride));
                    var x11 = Vector256.Load(p + (11 * stride));
                    for (int c = 0; c < cells; c++)
                    {
                        var tc = t + (c * D);
                        var sum = Square(x0 - Vector256.Create(tc[0]));
                        sum += Square(x1 - Vector256.Create(tc[1]));
                        sum += Square(x2 - Vector256.Create(tc[2]));
                        sum += Square(x3 - Vector256.Create(tc[3]));
                        sum += Square(x4 - Vector256.Create(tc[4]));
                        sum += Square(x5 - Vector256.Create(tc[5]));
                        sum += Square(x6 - Vector256.Create(tc[6]));
                        sum += Square(x7 - Vector256.Create(tc[7]));
                        sum += Square(x8 - Vector256.Create(tc[8]));
                        sum += Square(x9 - Vector256.Create(tc[9]));
                        sum += Square(x10 - Vector256.Create(tc[10]));
                        sum += Square(x11 - Vector256.Create(tc[11]));
                        mins[c] = Vector256.Min(mins[c], sum);
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

    private static Vector256<float> Square(Vector256<float> x) => x * x;
}
