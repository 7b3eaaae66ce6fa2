using Frintr.Imaging;
using Frintr.Imaging.Features;
using Frintr.Imaging.Matching;
using Frintr.Imaging.Pixels;
using Frintr.Imaging.Preparation;

namespace Frintr.Tests.Imaging;

/// <summary>The pruned prefilter: distances per block as a plain loop computes them, boxes that bound them, and
/// shortlists equal to those of a search that visits every block.</summary>
public class CoarseKernelTests
{
    private const int TileSize = 10;

    [Fact]
    public void ClosestVariants_AgreesWithAPlainLoop()
    {
        var candidates = Candidates(53); // the last block is part padding
        var cell = Enumerable.Range(0, FeatureLayout.CoarseLength).Select(i => (float)((i * 7 % 11) - 3)).ToArray();
        var distances = new float[FriendBlocks.Lanes];

        for (int block = 0; block < candidates.Blocks.Count; block++)
        {
            CoarseKernel.ClosestVariants(candidates.Blocks, block, cell, distances);
            for (int lane = 0; lane < FriendBlocks.Lanes; lane++)
            {
                var friend = candidates.Blocks.FriendAt[(block * FriendBlocks.Lanes) + lane];
                if (friend >= 0)
                    Assert.Equal(PlainDistance(candidates, cell, friend), distances[lane], 0.01);
            }
        }
    }

    [Fact]
    public void LowerBound_IsNeverAboveTheDistanceOfAFriendInTheBlock()
    {
        var candidates = Candidates(53);
        var random = new Random(5);
        for (int trial = 0; trial < 20; trial++)
        {
            var cell = Enumerable.Range(0, FeatureLayout.CoarseLength).Select(_ => (float)((random.NextDouble() * 120) - 30)).ToArray();
            for (int friend = 0; friend < candidates.Friends; friend++)
            {
                var block = candidates.Blocks.PositionOf[friend] / FriendBlocks.Lanes;
                Assert.True(candidates.Blocks.LowerBound(block, cell) <= PlainDistance(candidates, cell, friend) + 1e-3);
            }
        }
    }

    [Fact]
    public void Shortlists_AreThoseOfASearchThatVisitsEveryBlock()
    {
        var candidates = Candidates(150);
        var target = RandomTarget(8, 6);

        var shortlists = Shortlists.Build(target, candidates, _ => { }, default);

        var distances = new float[FriendBlocks.Lanes];
        for (int cell = 0; cell < target.Cells; cell++)
        {
            var all = new List<(float Distance, int Friend)>();
            for (int block = 0; block < candidates.Blocks.Count; block++)
            {
                CoarseKernel.ClosestVariants(candidates.Blocks, block, target.Coarse(cell), distances);
                for (int lane = 0; lane < FriendBlocks.Lanes; lane++)
                {
                    if (candidates.Blocks.FriendAt[(block * FriendBlocks.Lanes) + lane] is var f and >= 0)
                        all.Add((distances[lane], f));
                }
            }

            var expected = all.Order().Take(Shortlists.Prefilter)
                .Select(x => (Cost: FineCost.BestVariant(target, cell, candidates, x.Friend).Cost, x.Friend))
                .Order().Take(Shortlists.Friends).Select(x => x.Friend);
            var actual = Enumerable.Range(0, shortlists.CountAt[cell]).Select(k => shortlists.FriendAt[(cell * Shortlists.Friends) + k]);
            Assert.Equal(expected, actual);
        }
    }

    private static CandidateSet Candidates(int friends)
    {
        var random = new Random(friends);
        var tiles = Enumerable.Range(0, friends).Select(i =>
        {
            var (a, b) = (new SkiaSharp.SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)),
                new SkiaSharp.SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
            return TileInput.FromBytes($"f{i}", Infrastructure.TestPictures.Gradient(20 + (i % 9), 20 + (i % 5), a, b));
        }).ToList();
        var (library, _) = TilePreparer.Prepare(tiles, TileSize, _ => { }, default);
        return CandidateSet.Build(library, _ => { }, default);
    }

    private static TargetGrid RandomTarget(int columns, int rows)
    {
        var picture = new RgbImage(columns * TileSize, rows * TileSize);
        new Random(9).NextBytes(picture.Data);
        return TargetGrid.Build(picture, columns, rows, TileSize);
    }

    private static double PlainDistance(CandidateSet candidates, float[] cell, int friend)
    {
        var best = double.MaxValue;
        for (int v = 0; v < Variants.PerTile; v++)
        {
            double sum = 0;
            for (int d = 0; d < FeatureLayout.CoarseLength; d++)
            {
                var diff = candidates.CoarseAt(d, friend, v) - cell[d];
                sum += diff * diff;
            }

            best = Math.Min(best, sum);
        }

        return best;
    }
}
