using Frintr.Imaging.Decoding.Jpeg;
using SkiaSharp;

namespace Frintr.Imaging.Decoding;

/// <summary>Decodes untrusted pictures: the declared size is checked before any pixel memory is allocated.</summary>
public static class PictureDecoder
{
    /// <summary>Largest picture we agree to decode, in declared pixels (a 50,000² "bomb" is far above it).</summary>
    public const long MaxDeclaredPixels = 64_000_000;

    /// <summary>Decodes <paramref name="stream"/>, upright, scaled down by the codec where it can so that its
    /// shorter side stays at or above <paramref name="minShortSide"/>.</summary>
    public static SKBitmap Decode(Stream stream, int minShortSide = int.MaxValue)
    {
        using var data = ReadAll(stream);
        using var codec = Open(data);
        var target = TargetInfo(codec, minShortSide);
        var bitmap = new SKBitmap(target);
        try
        {
            ReadPixels(codec, target, bitmap.GetPixels());
        }
        catch
        {
            bitmap.Dispose();
            throw;
        }

        return Orient(bitmap, codec.EncodedOrigin);
    }

    /// <summary>As <see cref="Decode"/>, into <paramref name="buffer"/> (grown when too small) instead of a new
    /// bitmap, when the picture is opaque and stored upright (most photos): for the thousands of small pictures of a
    /// tile library, a bitmap each costs more than the decoding. Otherwise returns null and reads nothing.</summary>
    public static OpaquePixels? TryDecodeOpaque(Stream stream, int minShortSide, ref byte[] buffer)
    {
        var file = ReadSmall(stream);
        if (!file.IsEmpty && JpegThumbnailDecoder.TryDecode(file, minShortSide, MaxDeclaredPixels, ref buffer, out var jpegPixels))
            return jpegPixels;

        using var data = file.IsEmpty ? ReadAll(stream) : SKData.CreateCopy(file);
        using var codec = Open(data);
        if (codec.Info.AlphaType != SKAlphaType.Opaque
            || codec.EncodedOrigin is not (SKEncodedOrigin.TopLeft or SKEncodedOrigin.Default))
        {
            return null;
        }

        var target = TargetInfo(codec, minShortSide);
        if (buffer.Length < target.BytesSize)
            buffer = new byte[target.BytesSize];
        unsafe
        {
            fixed (byte* pixels = buffer)
                ReadPixels(codec, target, (nint)pixels);
        }

        return new OpaquePixels(target.Width, target.Height, target.RowBytes);
    }

    private static SKCodec Open(SKData data)
    {
        var codec = SKCodec.Create(data)
            ?? throw new MosaicInputException("This file is not a picture we can read (JPEG, PNG, WebP, GIF or BMP).");
        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0 || (long)info.Width * info.Height > MaxDeclaredPixels)
        {
            codec.Dispose();
            throw info.Width <= 0 || info.Height <= 0
                ? new MosaicInputException("This picture has no pixels.")
                : new MosaicInputException(
                    $"This picture is too large ({info.Width:N0}×{info.Height:N0} pixels); the limit is {MaxDeclaredPixels / 1_000_000} megapixels.");
        }

        return codec;
    }

    private static SKImageInfo TargetInfo(SKCodec codec, int minShortSide)
    {
        var size = ScaledSize(codec, minShortSide);
        // Opaque formats (JPEG) stay opaque, so that callers can skip compositing over a background.
        var alpha = codec.Info.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Premul;
        return new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, alpha);
    }

    private static void ReadPixels(SKCodec codec, SKImageInfo target, nint pixels)
    {
        var result = codec.GetPixels(target, pixels);
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
            throw new MosaicInputException("This picture is damaged and cannot be decoded.");
    }

    private static SKSizeI ScaledSize(SKCodec codec, int minShortSide)
    {
        var full = codec.Info.Size;
        var shortSide = Math.Min(full.Width, full.Height);
        if (minShortSide >= shortSide)
            return full;
        // JPEG can decode at k/8 for a fraction of the cost; other formats answer their full size. The codec
        // rounds, so step up until the short side is large enough rather than falling back to full size.
        for (var scale = (float)minShortSide / shortSide; scale < 1; scale *= 1.2f)
        {
            var scaled = codec.GetScaledDimensions(scale);
            if (Math.Min(scaled.Width, scaled.Height) >= minShortSide)
                return scaled;
        }

        return full;
    }

    // Friends' pictures are small: read into a per-thread array, so that the JPEG fast path needs no native copy.
    [ThreadStatic] private static byte[]? t_file;
    private const int SmallFileBytes = 4 << 20;
    private const int KeptFileBytes = 1 << 20;

    private static ReadOnlySpan<byte> ReadSmall(Stream stream)
    {
        if (!stream.CanSeek)
            return default;
        var length = stream.Length - stream.Position;
        if (length is <= 0 or > SmallFileBytes)
            return default;
        var file = t_file is { } f && f.Length >= length ? f : new byte[Math.Max(length, 256 << 10)];
        if (file.Length <= KeptFileBytes)
            t_file = file; // kept for the next picture on this thread; a rare large one is not
        try
        {
            stream.ReadExactly(file, 0, (int)length);
        }
        catch (IOException ex)
        {
            throw new MosaicInputException("This picture could not be read.", ex);
        }

        return file.AsSpan(0, (int)length);
    }

    private static SKData ReadAll(Stream stream)
    {
        try
        {
            // One managed read into a copy: cheaper than SKData.Create(stream), which reads through callbacks.
            if (stream.CanSeek)
            {
                var length = stream.Length - stream.Position;
                if (length <= 0)
                    throw new MosaicInputException("This file is empty.");
                if (length <= int.MaxValue)
                {
                    var data = SKData.Create(length);
                    unsafe
                    {
                        stream.ReadExactly(new Span<byte>((void*)data.Data, (int)length));
                    }

                    return data;
                }
            }

            return SKData.Create(stream) ?? throw new MosaicInputException("This file is empty.");
        }
        catch (IOException ex)
        {
            throw new MosaicInputException("This picture could not be read.", ex);
        }
    }

    private static SKBitmap Orient(SKBitmap bitmap, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft or SKEncodedOrigin.Default)
            return bitmap;

        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop
            or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var width = swap ? bitmap.Height : bitmap.Width;
        var height = swap ? bitmap.Width : bitmap.Height;
        var upright = new SKBitmap(new SKImageInfo(width, height, bitmap.ColorType, bitmap.AlphaType));
        using (var canvas = new SKCanvas(upright))
        {
            canvas.SetMatrix(OriginMatrix(origin, bitmap.Width, bitmap.Height));
            using var image = SKImage.FromBitmap(bitmap);
            canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest));
        }

        bitmap.Dispose();
        return upright;
    }

    // Maps the stored pixels onto an upright canvas (EXIF orientations 2–8).
    private static SKMatrix OriginMatrix(SKEncodedOrigin origin, int w, int h) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
        _ => SKMatrix.Identity,
    };
}

/// <summary>Size and row length of opaque RGBA pixels decoded into a caller's buffer.</summary>
public readonly record struct OpaquePixels(int Width, int Height, int RowBytes);
