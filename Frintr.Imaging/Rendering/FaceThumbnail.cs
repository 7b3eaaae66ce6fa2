using Frintr.Imaging.Decoding;
using SkiaSharp;

namespace Frintr.Imaging.Rendering;

/// <summary>A friend's face as a small square JPEG, for the page that watches the friends' pictures arrive.</summary>
public static class FaceThumbnail
{
    /// <summary>The centre square of the picture at <paramref name="path"/>, <paramref name="side"/> pixels, or null when
    /// the file is not a picture we can read (the engine says so later, in words).</summary>
    public static byte[]? TryMake(string path, int side = 64)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var bitmap = PictureDecoder.Decode(stream, minShortSide: side);
            var square = Math.Min(bitmap.Width, bitmap.Height);
            var source = SKRect.Create((bitmap.Width - square) / 2f, (bitmap.Height - square) / 2f, square, square);
            using var surface = SKSurface.Create(new SKImageInfo(side, side, SKColorType.Rgba8888, SKAlphaType.Premul));
            using (var image = SKImage.FromBitmap(bitmap))
            {
                surface.Canvas.Clear(SKColors.White);
                surface.Canvas.DrawImage(image, source, SKRect.Create(side, side), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None));
            }

            using var snapshot = surface.Snapshot();
            using var jpeg = snapshot.Encode(SKEncodedImageFormat.Jpeg, 75);
            return jpeg?.ToArray();
        }
        catch (Exception ex) when (ex is MosaicInputException or IOException)
        {
            return null;
        }
    }
}
