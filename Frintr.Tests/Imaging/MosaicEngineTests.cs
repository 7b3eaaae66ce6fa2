using Frintr.Imaging;
using SkiaSharp;

namespace Frintr.Tests.Imaging;

public class MosaicEngineTests
{
    private static MosaicResult Render(byte[] target, IReadOnlyList<TileInput> tiles, MosaicSettings settings, Stream output) =>
        new MosaicEngine().Render(() => new MemoryStream(target), tiles, settings, output, null, CancellationToken.None);

    [Fact]
    public void Render_OutputSizeFollowsColumnsTileSizeAndTargetAspect()
    {
        var target = TestPictures.Gradient(300, 200);
        using var output = new MemoryStream();

        var result = Render(target, TestPictures.SolidLibrary(64), new MosaicSettings { Columns = 12, TileSize = 10, RepeatDistance = 1 }, output);

        Assert.Equal(120, result.Width);
        Assert.Equal(80, result.Height); // 12 columns × 200/300 = 8 rows
        using var decoded = TestPictures.DecodeBitmap(output.ToArray());
        Assert.Equal((120, 80), (decoded.Width, decoded.Height));
        Assert.Equal("image/jpeg", result.ContentType);
        Assert.Equal(12 * 8, result.Map.Cells.Count);
    }

    [Fact]
    public void Render_NeverRepeatsAFriendWithinRepeatDistance()
    {
        var target = TestPictures.Gradient(400, 400);
        using var output = new MemoryStream();
        const int Distance = 3;

        var result = Render(target, TestPictures.SolidLibrary(125), new MosaicSettings { Columns = 30, TileSize = 8, RepeatDistance = Distance }, output);

        var map = result.Map;
        for (int i = 0; i < map.Cells.Count; i++)
        {
            for (int j = i + 1; j < map.Cells.Count; j++)
            {
                if (map.Cells[i] != map.Cells[j])
                    continue;
                var near = Math.Abs((i / map.Columns) - (j / map.Columns)) <= Distance && Math.Abs((i % map.Columns) - (j % map.Columns)) <= Distance;
                Assert.False(near, $"cells {i} and {j} share friend {map.Cells[i]}");
            }
        }
    }

    [Fact]
    public void Render_NeverUsesAFriendMoreThanMaxUses()
    {
        var target = TestPictures.Solid(SKColors.Red, 100, 100);
        using var output = new MemoryStream();

        var result = Render(target, TestPictures.SolidLibrary(64), new MosaicSettings { Columns = 10, TileSize = 8, RepeatDistance = 0, MaxUsesPerTile = 2 }, output);

        Assert.True(result.Quality.MostUsesOfOneTile <= 2);
        Assert.All(result.Map.Cells.GroupBy(c => c), g => Assert.True(g.Count() <= 2));
        Assert.Equal(50, result.Quality.DistinctTiles);
    }

    [Fact]
    public void Render_PicksTheClosestTile_OnAConstructedLibrary()
    {
        var target = TestPictures.Solid(new SKColor(200, 30, 40), 64, 64);
        var tiles = new[]
        {
            TileInput.FromBytes("blue", TestPictures.Solid(SKColors.Blue)),
            TileInput.FromBytes("red", TestPictures.Solid(new SKColor(205, 35, 35))),
            TileInput.FromBytes("green", TestPictures.Solid(SKColors.Green)),
            TileInput.FromBytes("pink", TestPictures.Solid(SKColors.Pink)),
        };
        using var output = new MemoryStream();

        var result = Render(target, tiles, new MosaicSettings { Columns = 4, TileSize = 8, RepeatDistance = 0 }, output);

        Assert.All(Enumerable.Range(0, result.Map.Cells.Count), i => Assert.Equal("red", result.Map.Friends[result.Map.Cells[i]]));
    }

    [Fact]
    public void Render_SkipsBrokenTile_WhenDecodeFails()
    {
        var target = TestPictures.Gradient(100, 100);
        var tiles = TestPictures.SolidLibrary(30);
        tiles.Add(TileInput.FromBytes("broken", [1, 2, 3, 4, 5]));
        using var output = new MemoryStream();

        var result = Render(target, tiles, new MosaicSettings { Columns = 5, TileSize = 8, RepeatDistance = 1 }, output);

        var skipped = Assert.Single(result.Skipped);
        Assert.Equal("broken", skipped.FriendId);
        Assert.False(string.IsNullOrWhiteSpace(skipped.Reason));
        Assert.Equal(30, result.TilesUsed);
        Assert.DoesNotContain("broken", result.Map.Cells.Select(c => result.Map.Friends[c]));
    }

    [Fact]
    public void Render_Throws_WhenNoFriendPictureIsUsable()
    {
        var target = TestPictures.Gradient(100, 100);
        using var output = new MemoryStream();

        var ex = Assert.Throws<MosaicInputException>(() =>
            Render(target, [TileInput.FromBytes("x", [0, 1, 2])], new MosaicSettings(), output));

        Assert.Contains("friend pictures", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Throws_WhenTargetIsNotAPicture()
    {
        using var output = new MemoryStream();

        var ex = Assert.Throws<MosaicInputException>(() =>
            Render("hello"u8.ToArray(), TestPictures.SolidLibrary(4), new MosaicSettings(), output));

        Assert.Contains("target picture", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 20, 0)]
    [InlineData(1001, 20, 0)]
    [InlineData(50, 3, 0)]
    [InlineData(50, 257, 0)]
    [InlineData(50, 20, 101)]
    [InlineData(50, 20, -1)]
    public void Render_RejectsSettingsOutOfRange(int columns, int tileSize, int blend)
    {
        using var output = new MemoryStream();

        Assert.Throws<MosaicInputException>(() => Render(TestPictures.Gradient(50, 50), TestPictures.SolidLibrary(4),
            new MosaicSettings { Columns = columns, TileSize = tileSize, Blend = blend }, output));
    }

    [Fact]
    public void Render_Throws_WhenOutputExceedsPixelCap()
    {
        using var output = new MemoryStream();

        var ex = Assert.Throws<MosaicInputException>(() => Render(TestPictures.Gradient(100, 100), TestPictures.SolidLibrary(4),
            new MosaicSettings { Columns = 100, TileSize = 20, MaxOutputPixels = 1_000_000 }, output));

        Assert.Contains("limit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SameSeedGivesSameBytes()
    {
        var target = TestPictures.Gradient(160, 120);
        var tiles = TestPictures.SolidLibrary(64);
        var settings = new MosaicSettings { Columns = 16, TileSize = 8, RepeatDistance = 2, Seed = 7 };
        using var first = new MemoryStream();
        using var second = new MemoryStream();

        Render(target, tiles, settings, first);
        Render(target, tiles, settings, second);

        Assert.Equal(first.ToArray(), second.ToArray());
    }

    [Fact]
    public void Render_BlendZero_LeavesTilePixelsUnchanged()
    {
        var target = TestPictures.Gradient(80, 80);
        var tiles = TestPictures.SolidLibrary(27);
        using var output = new MemoryStream();

        var result = Render(target, tiles, new MosaicSettings { Columns = 5, TileSize = 8, RepeatDistance = 0, Format = MosaicFormat.Png }, output);

        using var mosaic = TestPictures.DecodeBitmap(output.ToArray());
        for (int cell = 0; cell < result.Map.Cells.Count; cell++)
        {
            var friend = result.Map.Friends[result.Map.Cells[cell]];
            using var tile = TestPictures.DecodeBitmap(TileBytes(tiles, friend));
            var expected = tile.GetPixel(0, 0);
            var x0 = cell % 5 * 8;
            var y0 = cell / 5 * 8;
            for (int y = 0; y < 8; y++)
            {
                for (int x = 0; x < 8; x++)
                    Assert.Equal(expected, mosaic.GetPixel(x0 + x, y0 + y));
            }
        }
    }

    [Fact]
    public void Render_ReportsProgressThroughEveryStage()
    {
        var stages = new List<RenderProgress>();
        using var output = new MemoryStream();

        new MosaicEngine().Render(() => new MemoryStream(TestPictures.Gradient(64, 64)), TestPictures.SolidLibrary(16),
            new MosaicSettings { Columns = 4, TileSize = 8, RepeatDistance = 0 }, output, new SyncProgress(stages.Add), CancellationToken.None);

        Assert.Equal([RenderStage.Prepare, RenderStage.Match, RenderStage.Render, RenderStage.Encode], stages.Select(s => s.Stage).Distinct());
        Assert.Equal(1, stages[^1].Fraction);
        Assert.True(stages.Zip(stages.Skip(1)).All(p => p.First.Fraction <= p.Second.Fraction));
    }

    private static byte[] TileBytes(IEnumerable<TileInput> tiles, string friend)
    {
        using var stream = tiles.Single(t => t.FriendId == friend).Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private sealed class SyncProgress(Action<RenderProgress> report) : IProgress<RenderProgress>
    {
        public void Report(RenderProgress value) => report(value);
    }
}
