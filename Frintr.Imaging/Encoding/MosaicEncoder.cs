using Frintr.Imaging.Pixels;
using SkiaSharp;

namespace Frintr.Imaging.Encoding;

/// <summary>Encodes the finished RGB picture as JPEG, PNG or WebP.</summary>
internal static class MosaicEncoder
{
    public static string ContentType(MosaicFormat format) => format switch
    {
        MosaicFormat.Png => "image/png",
        MosaicFormat.Webp => "image/webp",
        _ => "image/jpeg",
    };

    public static void Encode(RgbImage picture, MosaicFormat format, int quality, Stream output)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(picture.Width, picture.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var dst = bitmap.GetPixelSpan();
        var src = picture.Data;
        for (int y = 0; y < picture.Height; y++)
        {
            var row = dst.Slice(y * bitmap.RowBytes, picture.Width * 4);
            var s = y * picture.Stride;
            for (int x = 0, o = 0; x < picture.Width; x++, o += 4, s += 3)
            {
                row[o] = src[s];
                row[o + 1] = src[s + 1];
                row[o + 2] = src[s + 2];
                row[o + 3] = 255;
            }
        }

        var skFormat = format switch
        {
            MosaicFormat.Png => SKEncodedImageFormat.Png,
            MosaicFormat.Webp => SKEncodedImageFormat.Webp,
            _ => SKEncodedImageFormat.Jpeg,
        };
        if (!bitmap.Encode(output, skFormat, quality))
            throw new InvalidOperationException($"SkiaSharp could not encode the mosaic as {format}.");
    }
}
