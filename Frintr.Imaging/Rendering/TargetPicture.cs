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
            // A crop needs more of the picture decoded, in proportion to the share it keeps.
            var keeps = settings.Crop is { } crop ? Math.Max(MosaicLimits.MinCropFraction, Math.Min(crop.Width, crop.Height)) : 1;
            bitmap = PictureDecoder.Decode(stream, minShortSide: (int)Math.Min(int.MaxValue, Math.Ceiling(width / keeps)));
            if (settings.Crop is { } box)
                bitmap = Cropped(bitmap, box);
        }
        catch (MosaicInputException ex)
        {
            throw new MosaicInputException($"The target picture cannot be used: {ex.Message}", ex);
        }

        using (bitmap)
        {
            var rows = MosaicLimits.RowsFor(settings.Columns, bitmap.Width, bitmap.Height);
            var height = rows * settings.TileSize;
            if (MosaicLimits.CheckOutputSize(width, height, settings.MaxOutputPixels) is { } tooLarge)
                throw new MosaicInputException(tooLarge);

            return (Resize(bitmap, width, height), rows);
        }
    }

    /// <summary>The part of <paramref name="bitmap"/> inside <paramref name="crop"/> (at least one pixel each way).</summary>
    private static SKBitmap Cropped(SKBitmap bitmap, CropBox crop)
    {
        var left = Math.Clamp((int)Math.Round(crop.Left * bitmap.Width), 0, bitmap.Width - 1);
        var top = Math.Clamp((int)Math.Round(crop.Top * bitmap.Height), 0, bitmap.Height - 1);
        var right = Math.Clamp((int)Math.Round((crop.Left + crop.Width) * bitmap.Width), left + 1, bitmap.Width);
        var bottom = Math.Clamp((int)Math.Round((crop.Top + crop.Height) * bitmap.Height), top + 1, bitmap.Height);
        using (bitmap)
        {
            var part = new SKBitmap();
            if (!bitmap.ExtractSubset(part, new SKRectI(left, top, right, bottom)))
            {
                part.Dispose();
                throw new MosaicInputException("The crop could not be taken from the target picture.");
            }

            // The subset shares the original's pixels: copy, so the original can go.
            using (part)
                return part.Copy() ?? throw new MosaicInputException("The crop could not be taken from the target picture.");
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
