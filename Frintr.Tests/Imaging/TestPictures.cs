using SkiaSharp;

namespace Frintr.Tests.Imaging;

/// <summary>Pictures made in code, so that no binary test assets are needed.</summary>
internal static class TestPictures
{
    public static byte[] Solid(SKColor color, int width = 32, int height = 32, SKEncodedImageFormat format = SKEncodedImageFormat.Png) =>
        Draw(width, height, format, canvas => canvas.Clear(color));

    /// <summary>A smooth picture with structure: hue across, lightness down.</summary>
    public static byte[] Gradient(int width, int height, SKEncodedImageFormat format = SKEncodedImageFormat.Png) =>
        Draw(width, height, format, canvas =>
        {
            using var paint = new SKPaint();
            paint.Shader = SKShader.CreateLinearGradient(
                new SKPoint(0, 0), new SKPoint(width, 0),
                [SKColors.Red, SKColors.Yellow, SKColors.Green, SKColors.Blue], SKShaderTileMode.Clamp);
            canvas.DrawRect(0, 0, width, height, paint);
            using var shade = new SKPaint();
            shade.Shader = SKShader.CreateLinearGradient(
                new SKPoint(0, 0), new SKPoint(0, height),
                [SKColors.Transparent, SKColors.Black.WithAlpha(200)], SKShaderTileMode.Clamp);
            canvas.DrawRect(0, 0, width, height, shade);
        });

    /// <summary>A library of distinct solid colours spread over the RGB cube.</summary>
    public static List<Frintr.Imaging.TileInput> SolidLibrary(int count)
    {
        var tiles = new List<Frintr.Imaging.TileInput>();
        var side = (int)Math.Ceiling(Math.Cbrt(count));
        for (int i = 0; i < count; i++)
        {
            var r = (byte)(i % side * 255 / Math.Max(1, side - 1));
            var g = (byte)(i / side % side * 255 / Math.Max(1, side - 1));
            var b = (byte)(i / side / side * 255 / Math.Max(1, side - 1));
            tiles.Add(Frintr.Imaging.TileInput.FromBytes($"friend{i}", Solid(new SKColor(r, g, b), 24, 24)));
        }

        return tiles;
    }

    public static byte[] Draw(int width, int height, SKEncodedImageFormat format, Action<SKCanvas> paint)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
            paint(canvas);
        using var stream = new MemoryStream();
        Assert.True(bitmap.Encode(stream, format, 95), $"encode {format}");
        return stream.ToArray();
    }

    public static SKBitmap DecodeBitmap(byte[] bytes) => SKBitmap.Decode(bytes) ?? throw new InvalidOperationException("not decodable");
}
