using Frintr.Imaging;
using Frintr.Imaging.Decoding;
using Frintr.Imaging.Features;
using Frintr.Imaging.Preparation;
using SkiaSharp;

namespace Frintr.Tests.Imaging;

public class TilePreparationTests
{
    [Fact]
    public void TryDecodeOpaque_GivesTheSamePixelsAsDecode_ForAnUprightJpeg()
    {
        var jpeg = TestPictures.Gradient(160, 120, SKEncodedImageFormat.Jpeg);
        var buffer = Array.Empty<byte>();

        var pixels = PictureDecoder.TryDecodeOpaque(new MemoryStream(jpeg), 25, ref buffer);
        using var bitmap = PictureDecoder.Decode(new MemoryStream(jpeg), 25);

        Assert.NotNull(pixels);
        Assert.Equal((bitmap.Width, bitmap.Height), (pixels.Value.Width, pixels.Value.Height));
        Assert.True(bitmap.Width < 160, "a JPEG is decoded at a reduced scale when the tile is small");
        Assert.Equal(bitmap.GetPixelSpan().ToArray(), buffer.AsSpan(0, pixels.Value.RowBytes * pixels.Value.Height).ToArray());
    }

    [Fact]
    public void TryDecodeOpaque_DeclinesRotatedAndTransparentPictures()
    {
        var rotated = FormatPictures.JpegWithOrientation(FormatPictures.RedLeftBlueRight(40, 20), 6);
        var transparent = TestPictures.Solid(SKColors.Transparent);
        var buffer = Array.Empty<byte>();

        Assert.Null(PictureDecoder.TryDecodeOpaque(new MemoryStream(rotated), 10, ref buffer));
        Assert.Null(PictureDecoder.TryDecodeOpaque(new MemoryStream(transparent), 10, ref buffer));
    }

    [Fact]
    public void Prepare_TurnsARotatedFriendPictureUpright()
    {
        // Stored red-left, blue-right with EXIF "rotate 90° clockwise": upright, red is on top.
        var rotated = FormatPictures.JpegWithOrientation(FormatPictures.RedLeftBlueRight(80, 40), 6);

        var (library, skipped) = TilePreparer.Prepare([new TileInput("rotated", () => new MemoryStream(rotated))], 8, _ => { }, default);

        Assert.Empty(skipped);
        var thumb = library.Thumb(0);
        var side = library.ThumbSide;
        var top = thumb.Slice(((1 * side) + (side / 2)) * 3, 3);
        var bottom = thumb.Slice((((side - 2) * side) + (side / 2)) * 3, 3);
        Assert.True(top[0] > 200 && top[2] < 60, $"expected red on top, got {top[0]},{top[1]},{top[2]}");
        Assert.True(bottom[2] > 200 && bottom[0] < 60, $"expected blue at the bottom, got {bottom[0]},{bottom[1]},{bottom[2]}");
    }

    [Fact]
    public void Prepare_PutsATransparentFriendPictureOnWhite()
    {
        var clear = TestPictures.Solid(SKColors.Transparent);

        var (library, _) = TilePreparer.Prepare([new TileInput("clear", () => new MemoryStream(clear))], 8, _ => { }, default);

        Assert.All(library.Thumb(0).ToArray(), b => Assert.Equal(255, b));
    }

    [Theory]
    [InlineData(20, 5, 0, 0)]
    [InlineData(20, 2, 5, 2)]
    [InlineData(16, 5, 3, 1)]
    [InlineData(7, 5, 0, 2)]
    public void FromIntegral_EqualsBlockMeansOfTheCrop(int size, int grid, int x0, int y0)
    {
        var side = size + 5;
        var random = new Random(size + grid);
        var rgb = new byte[side * side * 3];
        random.NextBytes(rgb);
        var integral = new int[(side + 1) * (side + 1) * 3];
        var fromIntegral = new float[grid * grid * 3];
        var direct = new float[grid * grid * 3];

        LabGrid.Integrate(rgb, side, integral);
        LabGrid.FromIntegral(integral, side, x0, y0, size, grid, fromIntegral);
        LabGrid.Compute(rgb, side * 3, x0, y0, size, grid, direct);

        Assert.Equal(direct, fromIntegral);
    }
}
