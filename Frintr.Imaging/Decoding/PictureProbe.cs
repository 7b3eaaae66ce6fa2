using SkiaSharp;

namespace Frintr.Imaging.Decoding;

/// <summary>Reads only a picture's header: enough to refuse a non-picture or a decompression bomb at the door,
/// without decoding a single pixel.</summary>
public static class PictureProbe
{
    /// <summary>The picture's declared size; throws <see cref="MosaicInputException"/> when it is not a picture we
    /// can read or it is larger than <see cref="PictureDecoder.MaxDeclaredPixels"/>.</summary>
    public static SKSizeI Check(string path)
    {
        using var codec = SKCodec.Create(path)
            ?? throw new MosaicInputException("is not a picture we can read (JPEG, PNG, WebP, GIF or BMP).");
        var size = codec.Info.Size;
        if (size.Width <= 0 || size.Height <= 0)
            throw new MosaicInputException("has no pixels.");
        if ((long)size.Width * size.Height > PictureDecoder.MaxDeclaredPixels)
            throw new MosaicInputException(
                $"is too large ({size.Width:N0}×{size.Height:N0} pixels); the limit is {PictureDecoder.MaxDeclaredPixels / 1_000_000} megapixels.");
        return size;
    }

    /// <summary>As <see cref="Check"/>, but the size as the picture is shown: width and height swap for pictures
    /// whose EXIF orientation turns them a quarter (what a browser shows, and what a crop is measured on).</summary>
    public static SKSizeI CheckUpright(string path)
    {
        var size = Check(path);
        using var codec = SKCodec.Create(path);
        return codec?.EncodedOrigin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom
            ? new SKSizeI(size.Height, size.Width)
            : size;
    }
}
