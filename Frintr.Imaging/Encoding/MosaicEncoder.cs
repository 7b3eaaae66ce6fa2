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

    /// <summary>Encodes an RGBA picture in place (pinned, no copy: the output can be 64 MB).</summary>
    public static unsafe void Encode(RgbImage picture, MosaicFormat format, int quality, Stream output)
    {
        if (picture.BytesPerPixel != 4)
            throw new ArgumentException("The encoder takes the RGBA canvas.", nameof(picture));
        var skFormat = format switch
        {
            MosaicFormat.Png => SKEncodedImageFormat.Png,
            MosaicFormat.Webp => SKEncodedImageFormat.Webp,
            _ => SKEncodedImageFormat.Jpeg,
        };
        var info = new SKImageInfo(picture.Width, picture.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        fixed (byte* pixels = picture.Data)
        {
            using var pixmap = new SKPixmap(info, (IntPtr)pixels, picture.Stride);
            using var stream = new SKManagedWStream(output);
            if (!pixmap.Encode(stream, skFormat, quality))
                throw new InvalidOperationException($"SkiaSharp could not encode the mosaic as {format}.");
        }
    }
}
