using Frintr.Imaging.Decoding;
using Frintr.Imaging.Pixels;
using SkiaSharp;

namespace Frintr.Imaging.Rendering;

/// <summary>Loads the target picture and brings it to exactly the output size.</summary>
internal static class TargetPicture
{
    public static (RgbImage Picture, int Rows) Load(Func<Stream> open, MosaicSettings settings)
    {
        var width = settings.Columns * settings.TileSize;
        SKBitmap bitmap;
        try
        {
            using var stream = open();
            // Ask the codec for no more than the output needs: the output width is at least the target's short side.
            bitmap = PictureDecoder.Decode(stream, minShortSide: width);
        }
        catch (MosaicInputException ex)
        {
            throw new MosaicInputException($"The target picture cannot be used: {ex.Message}", ex);
        }

        using (bitmap)
        {
            var rows = Math.Max(1, (int)Math.Round((double)settings.Columns * bitmap.Height / bitmap.Width));
            var height = rows * settings.TileSize;
            if ((long)width * height > settings.MaxOutputPixels)
            {
                throw new MosaicInputException(
                    $"The mosaic would be {width:N0}×{height:N0} pixels, above the limit of {settings.MaxOutputPixels:N0} pixels; use fewer columns or a smaller tile size.");
            }

            return (Resize(bitmap, width, height), rows);
        }
    }

    /// <summary>The target at exactly <paramref name="width"/>×<paramref name="height"/> (to measure other tools' output).</summary>
    public static RgbImage LoadExactly(Func<Stream> open, int width, int height)
    {
        using var stream = open();
        using var bitmap = PictureDecoder.Decode(stream, minShortSide: Math.Max(width, height));
        return Resize(bitmap, width, height);
    }

    private static RgbImage Resize(SKBitmap bitmap, int width, int height)
    {
        if (bitmap.Width >= width && bitmap.Height >= height)
        {
            // Reduction: exact area averaging. Non-uniform aspect is absorbed (rows were rounded).
            if (bitmap.Width == width && bitmap.Height == height)
                return RgbImage.FromBitmap(bitmap);
            var result = new RgbImage(width, height);
            if (bitmap.AlphaType == SKAlphaType.Opaque)
            {
                AreaResampler.Resample(bitmap.GetPixelSpan(), 4, bitmap.RowBytes, 0, 0, bitmap.Width, bitmap.Height, result.Data, width, height);
            }
            else
            {
                var source = RgbImage.FromBitmap(bitmap);
                AreaResampler.Resample(source.Data, source.Stride, 0, 0, source.Width, source.Height, result.Data, width, height);
            }

            return result;
        }

        // Enlargement: a cubic filter, smooth rather than blocky.
        using var scaled = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(scaled))
        using (var image = SKImage.FromBitmap(bitmap))
        {
            canvas.Clear(SKColors.White);
            canvas.DrawImage(image, new SKRect(0, 0, width, height), new SKSamplingOptions(SKCubicResampler.Mitchell));
        }

        return RgbImage.FromBitmap(scaled);
    }
}
