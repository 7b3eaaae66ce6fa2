using System.Runtime.CompilerServices;
using SkiaSharp;

namespace Frintr.Imaging.Pixels;

/// <summary>Opaque 8-bit RGB pixels, three bytes a pixel, row after row. Smaller than RGBA for thousands of thumbnails.</summary>
internal sealed class RgbImage
{
    public RgbImage(int width, int height)
        : this(width, height, new byte[checked(width * height * 3)])
    {
    }

    public RgbImage(int width, int height, byte[] data, int bytesPerPixel = 3)
    {
        Width = width;
        Height = height;
        Data = data;
        BytesPerPixel = bytesPerPixel;
    }

    /// <summary>3 (RGB), or 4 (RGBA, opaque) for a picture about to be encoded: Skia encodes it without a copy.</summary>
    public int BytesPerPixel { get; }

    public static RgbImage Rgba(int width, int height) => new(width, height, new byte[checked(width * height * 4)], 4);

    public int Width { get; }

    public int Height { get; }

    public byte[] Data { get; }

    public int Stride => Width * BytesPerPixel;

    /// <summary>Copies a decoded bitmap, composited over white so that transparent pictures look as they do on a page.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static RgbImage FromBitmap(SKBitmap bitmap)
    {
        using var rgba = bitmap.ColorType == SKColorType.Rgba8888 && bitmap.AlphaType == SKAlphaType.Premul
            ? null
            : bitmap.Copy(SKColorType.Rgba8888);
        var source = rgba ?? bitmap;
        var image = new RgbImage(source.Width, source.Height);
        var src = source.GetPixelSpan();
        var dst = image.Data.AsSpan();
        var premul = source.AlphaType != SKAlphaType.Unpremul;
        for (int y = 0; y < source.Height; y++)
        {
            var row = src.Slice(y * source.RowBytes, source.Width * 4);
            var outRow = dst.Slice(y * image.Stride, image.Stride);
            for (int x = 0, i = 0, o = 0; x < source.Width; x++, i += 4, o += 3)
            {
                int a = row[i + 3];
                if (a == 255)
                {
                    outRow[o] = row[i];
                    outRow[o + 1] = row[i + 1];
                    outRow[o + 2] = row[i + 2];
                    continue;
                }

                var white = 255 - a;
                outRow[o] = (byte)Math.Min(255, (premul ? row[i] : row[i] * a / 255) + white);
                outRow[o + 1] = (byte)Math.Min(255, (premul ? row[i + 1] : row[i + 1] * a / 255) + white);
                outRow[o + 2] = (byte)Math.Min(255, (premul ? row[i + 2] : row[i + 2] * a / 255) + white);
            }
        }

        return image;
    }
}
