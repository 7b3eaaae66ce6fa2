using Frintr.Imaging;
using SkiaSharp;

namespace Frintr.Tests.Imaging;

public class MatchingRulesTests
{
    private static MosaicResult Render(byte[] target, IReadOnlyList<TileInput> tiles, MosaicSettings settings, Stream? output = null) =>
        new MosaicEngine().Render(() => new MemoryStream(target), tiles, settings, output ?? new MemoryStream(), null, CancellationToken.None);

    [Fact]
    public void Render_EveryoneAppears_UsesEachFriendAsEvenlyAsPossible()
    {
        var tiles = TestPictures.SolidLibrary(27);

        var result = Render(TestPictures.Solid(SKColors.Red, 90, 60), tiles,
            new MosaicSettings { Columns = 9, TileSize = 6, RepeatDistance = 1, EveryoneAppears = true });

        var cells = result.Map.Cells.Count; // 9 × 6 = 54 = 2 × 27
        Assert.Equal(54, cells);
        var uses = result.Map.Cells.GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(27, uses.Count);
        Assert.All(uses.Values, n => Assert.Equal(2, n));
    }

    [Fact]
    public void Render_EveryoneAppears_KeepsTheShareEven_UnderARepeatDistanceThatCornersGreedyFilling()
    {
        // 40 friends for 20 × 13 = 260 cells: 6 or 7 uses each, none within 2 cells of itself (25-cell squares).
        var tiles = TestPictures.SolidLibrary(40);

        var result = Render(TestPictures.Gradient(200, 130), tiles,
            new MosaicSettings { Columns = 20, TileSize = 6, RepeatDistance = 2, EveryoneAppears = true });

        var uses = result.Map.Cells.GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(40, uses.Count);
        Assert.All(uses.Values, n => Assert.InRange(n, 6, 7));
        AssertNoRepeatWithin(result.Map, 2);
    }

    private static void AssertNoRepeatWithin(TileMap map, int distance)
    {
        for (int a = 0; a < map.Cells.Count; a++)
        {
            for (int b = a + 1; b < map.Cells.Count; b++)
            {
                var near = Math.Abs((a / map.Columns) - (b / map.Columns)) <= distance
                    && Math.Abs((a % map.Columns) - (b % map.Columns)) <= distance;
                Assert.False(near && map.Cells[a] == map.Cells[b], $"friend {map.Cells[a]} in cells {a} and {b}");
            }
        }
    }

    [Fact]
    public void Render_WithoutEveryoneAppears_FavoursCloseFriends()
    {
        var tiles = TestPictures.SolidLibrary(27);

        var result = Render(TestPictures.Solid(SKColors.Red, 90, 60), tiles,
            new MosaicSettings { Columns = 9, TileSize = 6, RepeatDistance = 1 });

        Assert.True(result.Quality.DistinctTiles < 27, $"{result.Quality.DistinctTiles} distinct");
    }

    [Fact]
    public void Render_Throws_WhenTooFewFriendsForMaxUses()
    {
        var ex = Assert.Throws<MosaicInputException>(() => Render(TestPictures.Gradient(100, 100), TestPictures.SolidLibrary(4),
            new MosaicSettings { Columns = 10, TileSize = 4, RepeatDistance = 0, MaxUsesPerTile = 3 }));

        Assert.Contains("cannot fill", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Throws_WhenTooFewFriendsForRepeatDistance()
    {
        var ex = Assert.Throws<MosaicInputException>(() => Render(TestPictures.Gradient(100, 100), TestPictures.SolidLibrary(3),
            new MosaicSettings { Columns = 10, TileSize = 4, RepeatDistance = 2 }));

        Assert.Contains("repeat distance", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Blend_MovesTheMosaicTowardTheTarget()
    {
        var target = TestPictures.Gradient(120, 120);
        var tiles = TestPictures.SolidLibrary(8);
        var settings = new MosaicSettings { Columns = 12, TileSize = 10, RepeatDistance = 0 };

        var untouched = Render(target, tiles, settings);
        var blended = Render(target, tiles, settings with { Blend = 60 });

        Assert.True(blended.Quality.MeanDeltaE2000Blocks4 < untouched.Quality.MeanDeltaE2000Blocks4 - 1,
            $"{blended.Quality.MeanDeltaE2000Blocks4} vs {untouched.Quality.MeanDeltaE2000Blocks4}");
    }

    [Fact]
    public void Render_StopsWhenCancelled()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => new MosaicEngine().Render(
            () => new MemoryStream(TestPictures.Gradient(64, 64)), TestPictures.SolidLibrary(16),
            new MosaicSettings { Columns = 4, TileSize = 8 }, new MemoryStream(), null, cts.Token));
    }

    [Theory]
    [InlineData(1, 2, null, false)]
    [InlineData(2, 1, 3, false)]
    [InlineData(3, 1, null, true)]
    [InlineData(4, 0, 3, true)]
    public void Render_KeepsEveryRule_AcrossSeedsAndModes(int seed, int distance, int? maxUses, bool everyone)
    {
        var tiles = TestPictures.SolidLibrary(64);
        var settings = new MosaicSettings { Columns = 14, TileSize = 6, RepeatDistance = distance, MaxUsesPerTile = maxUses, EveryoneAppears = everyone, Seed = seed };

        var map = Render(TestPictures.Gradient(140, 100), tiles, settings).Map;

        var uses = map.Cells.GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        if (maxUses is { } cap)
            Assert.All(uses.Values, n => Assert.True(n <= cap));
        if (everyone)
        {
            Assert.Equal(64, uses.Count); // 140 cells, 64 friends: everyone twice or three times
            Assert.All(uses.Values, n => Assert.InRange(n, 2, 3));
        }
        for (int i = 0; i < map.Cells.Count; i++)
        {
            for (int j = i + 1; j < map.Cells.Count; j++)
            {
                var near = Math.Abs((i / map.Columns) - (j / map.Columns)) <= distance && Math.Abs((i % map.Columns) - (j % map.Columns)) <= distance;
                Assert.False(near && map.Cells[i] == map.Cells[j], $"cells {i} and {j}");
            }
        }
    }
}
