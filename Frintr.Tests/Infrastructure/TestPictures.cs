using SkiaSharp;

namespace Frintr.Tests.Infrastructure;

/// <summary>Small real pictures made in code, so tests need no binary assets.</summary>
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

    /// <summary>A flat square of one colour: a friend's "face" for tests.</summary>
    public static byte[] Solid(SKColor color, int size = 32)
    {
        using var surface = SKSurface.Create(new SKImageInfo(size, size));
        surface.Canvas.Clear(color);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>A palette of distinct colours spread around the hue circle.</summary>
    public static IEnumerable<SKColor> Palette(int count) =>
        Enumerable.Range(0, count).Select(i => SKColor.FromHsl(360f * i / count, 70, 20 + (60f * (i % 5) / 4)));
}
