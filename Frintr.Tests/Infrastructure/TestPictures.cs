using SkiaSharp;

namespace Frintr.Tests.Infrastructure;

/// <summary>Small real pictures made in code, so tests need no binary assets (the one place tests make pictures).</summary>
internal static class TestPictures
{
    /// <summary>A diagonal two-colour gradient: a target with structure for the mosaic to follow.</summary>
    public static byte[] Gradient(int width, int height, SKColor from, SKColor to, SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        using var paint = new SKPaint();
        paint.Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width, height), [from, to], SKShaderTileMode.Clamp);
        surface.Canvas.DrawRect(0, 0, width, height, paint);
        using var image = surface.Snapshot();
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }

    /// <summary>A palette of distinct colours spread around the hue circle.</summary>
    public static IEnumerable<SKColor> Palette(int count) =>
        Enumerable.Range(0, count).Select(i => SKColor.FromHsl(360f * i / count, 70, 20 + (60f * (i % 5) / 4)));

    /// <summary>A flat picture of one colour: a friend's "face" for tests (square unless a height is given).</summary>
    public static byte[] Solid(SKColor color, int width = 32, int? height = null, SKEncodedImageFormat format = SKEncodedImageFormat.Png) =>
        Draw(width, height ?? width, format, canvas => canvas.Clear(color));

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

    /// <summary>A JPEG of a gradient with seeded noise (every block has AC detail, rare long Huffman codes included),
    /// with the chroma sampling given, or grey.</summary>
    public static byte[] NoisyJpeg(int width, int height, SKJpegEncoderDownsample downsample = SKJpegEncoderDownsample.Downsample420,
        bool grey = false, int quality = 90)
    {
        var random = new Random((width * 31) + height);
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, grey ? SKColorType.Gray8 : SKColorType.Rgba8888, SKAlphaType.Opaque));
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var n = random.Next(-40, 41);
                bitmap.SetPixel(x, y, new SKColor(Channel((x * 255 / width) + n), Channel((y * 255 / height) - n), Channel(128 + (n * 2))));
            }
        }

        using var data = bitmap.PeekPixels().Encode(new SKJpegEncoderOptions(quality, downsample, SKJpegEncoderAlphaOption.Ignore));
        return data?.ToArray() ?? throw new InvalidOperationException("JPEG encoding failed");
    }

    private static byte Channel(int value) => (byte)Math.Clamp(value, 0, 255);

    public static SKBitmap DecodeBitmap(byte[] bytes) => SKBitmap.Decode(bytes) ?? throw new InvalidOperationException("not decodable");
}
