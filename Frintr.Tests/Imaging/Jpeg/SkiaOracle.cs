using Frintr.Imaging;
using Frintr.Imaging.Decoding;
using Frintr.Imaging.Decoding.Jpeg;
using SkiaSharp;

namespace Frintr.Tests.Imaging.Jpeg;

/// <summary>The rule every JPEG must follow, whoever made it: Frintr's thumbnail decoder either declines it or
/// decodes it as Skia does (the same size, orientation and pixels, exactly); and the general entry point gives a picture or a
/// <see cref="MosaicInputException"/>, nothing else.</summary>
internal static class SkiaOracle
{
    public enum Verdict { Declined, SameAsSkia }

    /// <summary>Checks <paramref name="jpeg"/> against the rule; the failure message says what differs.</summary>
    public static Verdict Check(byte[] jpeg, int minShortSide)
    {
        var buffer = Array.Empty<byte>();
        if (!JpegThumbnailDecoder.TryDecode(jpeg, minShortSide, PictureDecoder.MaxDeclaredPixels, ref buffer, out var pixels))
            return Verdict.Declined;

        using var data = SKData.CreateCopy(jpeg);
        using var codec = SKCodec.Create(data);
        Assert.True(codec is not null, "Frintr decoded a file Skia cannot open");
        Assert.True(codec.EncodedOrigin is SKEncodedOrigin.TopLeft or SKEncodedOrigin.Default,
            $"Frintr decoded as stored a picture Skia turns ({codec.EncodedOrigin})");
        var full = codec.Info.Size;
        var scale = pixels.Width == (full.Width + 7) / 8 && pixels.Height == (full.Height + 7) / 8 ? 8 : 4;
        var size = codec.GetScaledDimensions(1f / scale);
        Assert.True((pixels.Width, pixels.Height) == (size.Width, size.Height),
            $"Frintr's size {pixels.Width}×{pixels.Height} at 1/{scale}, Skia's {size.Width}×{size.Height}");
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        Assert.True(result == SKCodecResult.Success, $"Frintr decoded a file Skia does not ({result})");
        AssertSame(buffer.AsSpan(0, pixels.RowBytes * pixels.Height), bitmap.GetPixelSpan(), pixels);
        return Verdict.SameAsSkia;
    }

    /// <summary>Frintr's general entry points on <paramref name="file"/>: a picture, or a clear refusal.</summary>
    public static void AssertPictureOrRefusal(byte[] file, int minShortSide)
    {
        var buffer = Array.Empty<byte>();
        try
        {
            _ = PictureDecoder.TryDecodeOpaque(new MemoryStream(file), minShortSide, ref buffer);
            PictureDecoder.Decode(new MemoryStream(file), minShortSide).Dispose();
        }
        catch (MosaicInputException)
        {
            // declined in words a user understands
        }
    }

    private static void AssertSame(ReadOnlySpan<byte> ours, ReadOnlySpan<byte> skia, OpaquePixels pixels)
    {
        var at = ours.CommonPrefixLength(skia);
        if (at == ours.Length)
            return;
        var (y, x) = Math.DivRem(at, pixels.RowBytes);
        Assert.Fail($"pixel ({x / 4}, {y}) of {pixels.Width}×{pixels.Height}, channel {x % 4}: Frintr {ours[at]}, Skia {skia[at]}");
    }
}
