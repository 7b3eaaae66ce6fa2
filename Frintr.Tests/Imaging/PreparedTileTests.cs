using Frintr.Imaging;
using Frintr.Imaging.Preparation;
using SkiaSharp;

namespace Frintr.Tests.Imaging;

/// <summary>Rendering from prepared tiles (what the tile cache keeps) is rendering from the pictures, minus the decoding.</summary>
public class PreparedTileTests
{
    private static List<(string Id, byte[] Bytes)> Friends(int count) =>
        [.. TestPictures.Palette(count).Select((c, i) => ($"f{i}", i % 3 == 0
            ? TestPictures.Gradient(90 + i, 70, c, SKColors.White, SKEncodedImageFormat.Jpeg)
            : TestPictures.Solid(c, 40 + i, 30, i % 2 == 0 ? SKEncodedImageFormat.Png : SKEncodedImageFormat.Jpeg)))];

    [Theory]
    [InlineData(20, false)]
    [InlineData(7, true)]
    public void Render_FromPreparedTiles_GivesTheSameBytesAsFromThePictures(int tileSize, bool everyoneAppears)
    {
        var target = TestPictures.Gradient(240, 180);
        var friends = Friends(30);
        var settings = new MosaicSettings { Columns = 16, TileSize = tileSize, RepeatDistance = 2, EveryoneAppears = everyoneAppears, Seed = 7 };
        using var direct = new MemoryStream();
        using var prepared = new MemoryStream();

        var fromPictures = new MosaicEngine().Render(() => new MemoryStream(target), [.. friends.Select(f => TileInput.FromBytes(f.Id, f.Bytes))], settings, direct);
        var tiles = friends.Select(f => new PreparedTile(f.Id, TilePreparation.Prepare(() => new MemoryStream(f.Bytes), tileSize))).ToList();
        var fromPrepared = new MosaicEngine().Render(() => new MemoryStream(target), tiles, settings, prepared);

        Assert.Equal(direct.ToArray(), prepared.ToArray());
        Assert.Equal(fromPictures.Map.Cells, fromPrepared.Map.Cells);
        Assert.Equal(fromPictures.Map.Friends, fromPrepared.Map.Friends);
    }

    [Theory]
    [InlineData(20)]
    [InlineData(7)]
    public void Bytes_RoundTrip_AndAreRefusedForAnotherTileSizeOrWhenDamaged(int tileSize)
    {
        var picture = TilePreparation.Prepare(() => new MemoryStream(TestPictures.Gradient(120, 90, SKEncodedImageFormat.Jpeg)), tileSize);
        var bytes = picture.ToBytes();

        var again = PreparedPicture.FromBytes(bytes, tileSize);

        Assert.NotNull(again);
        Assert.Equal(bytes, again.ToBytes());
        Assert.Equal(picture.Fine, again.Fine);             // the mirrored variants, not stored, come back the same
        Assert.Equal(picture.Coarse, again.Coarse);
        // 20-px tiles have symmetric feature blocks (mirrored features are derived); 7-px ones do not.
        Assert.True(tileSize == 20 ? bytes.Length < picture.SizeInBytes * 0.7 : bytes.Length == picture.SizeInBytes, $"{bytes.Length} of {picture.SizeInBytes} bytes stored");
        Assert.Null(PreparedPicture.FromBytes(bytes, tileSize + 1));
        Assert.Null(PreparedPicture.FromBytes(bytes.AsSpan(0, bytes.Length - 1), tileSize));
        var otherVersion = (byte[])bytes.Clone();
        otherVersion[4]++;
        Assert.Null(PreparedPicture.FromBytes(otherVersion, tileSize));
        Assert.Null(PreparedPicture.FromBytes("<html>not a tile</html>"u8, tileSize));
    }

    [Fact]
    public void Format_IsStablePerTileSize_AndDiffersBetweenTileSizes()
    {
        Assert.Equal(TilePreparation.Format(20), TilePreparation.Format(20));
        Assert.NotEqual(TilePreparation.Format(20), TilePreparation.Format(24));
        Assert.StartsWith("t20-", TilePreparation.Format(20), StringComparison.Ordinal);
    }

    [Fact]
    public void Prepare_SaysWhyWhenTheBytesAreNotAPicture()
    {
        var ex = Assert.Throws<MosaicInputException>(() => TilePreparation.Prepare(() => new MemoryStream("<!doctype html><p>hi"u8.ToArray()), 20));
        Assert.Contains("not a picture", ex.Message, StringComparison.Ordinal);
    }
}
