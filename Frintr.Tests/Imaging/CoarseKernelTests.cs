using System.Runtime.Intrinsics;
using Frintr.Imaging;
using Frintr.Imaging.Features;
using Frintr.Imaging.Matching;
using Frintr.Imaging.Preparation;

namespace Frintr.Tests.Imaging;

public class CoarseKernelTests
{
    [Fact]
    public void ClosestVariants_AgreesWithAPlainLoop_OnBothVectorWidths()
    {
        // 37 friends: the last vector of friends is part padding.
        var tiles = Enumerable.Range(0, 37)
            .Select(i => new TileInput($"f{i}", () => new MemoryStream(TestPictures.Gradient(40 + i, 30 + (i % 7)))))
            .ToList();
        var (library, _) = TilePreparer.Prepare(tiles, 10, _ => { }, default);
        var candidates = CandidateSet.Build(library, _ => { }, default);
        var random = new Random(3);
        var targets = Enumerable.Range(0, CoarseKernel.Block * FeatureLayout.CoarseLength)
            .Select(_ => (float)((random.NextDouble() * 100) - 20))
            .ToArray();
        var expected = Expected(candidates, targets);

        var narrow = Distances(candidates.FriendsPadded);
        CoarseKernel.Narrow(candidates, targets, CoarseKernel.Block, narrow);
        AssertClose(expected, narrow, candidates.Friends);
        if (Vector512.IsHardwareAccelerated)
        {
            var wide = Distances(candidates.FriendsPadded);
            CoarseKernel.Wide(candidates, targets, CoarseKernel.Block, wide);
            AssertClose(expected, wide, candidates.Friends);
        }
    }

    private static float[][] Distances(int friends) =>
        Enumerable.Range(0, CoarseKernel.Block).Select(_ => new float[friends]).ToArray();

    private static double[,] Expected(CandidateSet candidates, float[] targets)
    {
        var result = new double[CoarseKernel.Block, candidates.Friends];
        for (int c = 0; c < CoarseKernel.Block; c++)
        {
            for (int f = 0; f < candidates.Friends; f++)
            {
                var best = double.MaxValue;
                for (int v = 0; v < Variants.PerTile; v++)
                {
                    double sum = 0;
                    for (int d = 0; d < FeatureLayout.CoarseLength; d++)
                    {
                        var diff = candidates.CoarseAt(d, f, v) - targets[(c * FeatureLayout.CoarseLength) + d];
                        sum += diff * diff;
                    }

                    best = Math.Min(best, sum);
                }

                result[c, f] = best;
            }
        }

        return result;
    }

    private static void AssertClose(double[,] expected, float[][] actual, int friends)
    {
        for (int c = 0; c < CoarseKernel.Block; c++)
        {
            for (int f = 0; f < friends; f++)
                Assert.InRange(actual[c][f], expected[c, f] * 0.9999 - 1e-3, expected[c, f] * 1.0001 + 1e-3);
        }
    }
}
