using Frintr.Imaging.Decoding;
using SkiaSharp;

namespace Frintr.Tests.Imaging;

public class DecodingFormatsTests
{
    [Fact]
    public void Decode_ReadsGifFirstFrame()
    {
        using var bitmap = PictureDecoder.Decode(new MemoryStream(FormatPictures.RedGif));

        Assert.Equal((1, 1), (bitmap.Width, bitmap.Height));
        Assert.Equal(SKColors.Red, bitmap.GetPixel(0, 0));
    }

    [Fact]
    public void Decode_ReadsBmp()
    {
        using var bitmap = PictureDecoder.Decode(new MemoryStream(FormatPictures.Bmp(6, 4, new SKColor(10, 200, 30))));

        Assert.Equal((6, 4), (bitmap.Width, bitmap.Height));
        Assert.Equal(new SKColor(10, 200, 30), bitmap.GetPixel(5, 3));
    }

    [Theory]
    [InlineData(1, 40, 20, "left")]    // upright
    [InlineData(2, 40, 20, "right")]   // mirrored
    [InlineData(3, 40, 20, "right")]   // 180°
    [InlineData(6, 20, 40, "top")]     // 90° clockwise
    [InlineData(8, 20, 40, "bottom")]  // 90° counter-clockwise
    public void Decode_HonoursExifOrientation(int orientation, int width, int height, string redSide)
    {
        var jpeg = FormatPictures.JpegWithOrientation(FormatPictures.RedLeftBlueRight(40, 20), orientation);

        using var bitmap = PictureDecoder.Decode(new MemoryStream(jpeg));

        Assert.Equal((width, height), (bitmap.Width, bitmap.Height));
        var (x, y) = redSide switch
        {
            "left" => (3, height / 2),
            "right" => (width - 4, height / 2),
            "top" => (width / 2, 3),
            _ => (width / 2, height - 4),
        };
        var red = bitmap.GetPixel(x, y);
        var opposite = bitmap.GetPixel(width - 1 - x, height - 1 - y);
        Assert.True(red.Red > 200 && red.Blue < 60, $"expected red at {redSide}, got {red}");
        Assert.True(opposite.Blue > 200 && opposite.Red < 60, $"expected blue opposite {redSide}, got {opposite}");
    }
}
