using System.Buffers.Binary;
using Frintr.Imaging.Decoding;
using Frintr.Imaging.Decoding.Jpeg;
using SkiaSharp;

namespace Frintr.Tests.Imaging;

/// <summary>The thumbnail JPEG decoder (1/8 and 1/4 scale) against Skia's own scaled decoding of the same files.</summary>
public class JpegThumbnailDecoderTests
{
    private const long MaxPixels = PictureDecoder.MaxDeclaredPixels;

    [Theory]
    [InlineData(SKJpegEncoderDownsample.Downsample444, 203, 157)]
    [InlineData(SKJpegEncoderDownsample.Downsample444, 64, 64)]
    public void TryDecode_GivesSkiasPixelsExactly_WhenChromaIsFullSize(SKJpegEncoderDownsample downsample, int width, int height)
    {
        var jpeg = TestPictures.NoisyJpeg(width, height, downsample);

        var (pixels, rgba) = DecodeFast(jpeg);

        Assert.Equal(SkiaEighth(jpeg), rgba);
        Assert.Equal(((width + 7) / 8, (height + 7) / 8), (pixels.Width, pixels.Height));
    }

    [Fact]
    public void TryDecode_GivesSkiasPixelsExactly_ForAGreyPicture()
    {
        var jpeg = TestPictures.NoisyJpeg(181, 246, SKJpegEncoderDownsample.Downsample444, grey: true);

        var (_, rgba) = DecodeFast(jpeg);

        Assert.Equal(SkiaEighth(jpeg), rgba);
    }

    // Halved chroma at 1/8: libjpeg turns each 4:2:0 chroma block into 2×2 samples with its 2×2 inverse transform,
    // and repeats a 4:2:2 block's one sample over two pixels (no smoothing at this scale); this decoder does the same.
    [Theory]
    [InlineData(SKJpegEncoderDownsample.Downsample420, 250, 190)]
    [InlineData(SKJpegEncoderDownsample.Downsample420, 37, 45)]
    [InlineData(SKJpegEncoderDownsample.Downsample422, 250, 190)]
    public void TryDecode_GivesSkiasPixelsExactly_WhenChromaIsHalved(SKJpegEncoderDownsample downsample, int width, int height)
    {
        var jpeg = TestPictures.NoisyJpeg(width, height, downsample);

        var (_, rgba) = DecodeFast(jpeg);

        Assert.Equal(SkiaEighth(jpeg), rgba);
    }

    // At 1/4 libjpeg runs its 2×2 inverse transform on every block, and its 4×4 one on halved chroma so that chroma
    // needs no upsampling: this decoder does the same arithmetic, so every pixel is Skia's.
    [Theory]
    [InlineData(SKJpegEncoderDownsample.Downsample444, 157, 130, false)]
    [InlineData(SKJpegEncoderDownsample.Downsample420, 150, 181, false)]
    [InlineData(SKJpegEncoderDownsample.Downsample420, 96, 96, false)]
    [InlineData(SKJpegEncoderDownsample.Downsample444, 123, 171, true)]
    public void TryDecode_GivesSkiasPixelsExactly_AtAQuarter(SKJpegEncoderDownsample downsample, int width, int height, bool grey)
    {
        var jpeg = TestPictures.NoisyJpeg(width, height, downsample, grey);
        var minShortSide = (Math.Min(width, height) + 3) / 4; // more than an eighth gives
        var buffer = Array.Empty<byte>();

        Assert.True(JpegThumbnailDecoder.TryDecode(jpeg, minShortSide, MaxPixels, ref buffer, out var pixels), "the decoder takes it at 1/4");

        Assert.Equal(((width + 3) / 4, (height + 3) / 4), (pixels.Width, pixels.Height));
        Assert.Equal(SkiaScaled(jpeg, 0.25f), buffer.AsSpan(0, pixels.RowBytes * pixels.Height).ToArray());
    }

    [Fact]
    public void TryDecode_TakesAQuarter_OnlyWhenAnEighthIsSmallerThanAsked()
    {
        var jpeg = TestPictures.NoisyJpeg(160, 160, SKJpegEncoderDownsample.Downsample420);
        var buffer = Array.Empty<byte>();

        Assert.True(JpegThumbnailDecoder.TryDecode(jpeg, 20, MaxPixels, ref buffer, out var eighth));
        Assert.True(JpegThumbnailDecoder.TryDecode(jpeg, 21, MaxPixels, ref buffer, out var quarter));
        Assert.False(JpegThumbnailDecoder.TryDecode(jpeg, 41, MaxPixels, ref buffer, out _));
        Assert.Equal((20, 40), (eighth.Width, quarter.Width));
    }

    [Fact]
    public void TryDecode_LeavesAQuarterOfChromaHalvedOneWay_ToTheGeneralDecoder()
    {
        var jpeg = TestPictures.NoisyJpeg(160, 160, SKJpegEncoderDownsample.Downsample422);
        var buffer = Array.Empty<byte>();

        Assert.True(JpegThumbnailDecoder.TryDecode(jpeg, 20, MaxPixels, ref buffer, out _));
        Assert.False(JpegThumbnailDecoder.TryDecode(jpeg, 21, MaxPixels, ref buffer, out _));
    }

    [Fact]
    public void TryDecode_DeclinesRotatedPictures_AndTakesUprightOnes()
    {
        var jpeg = TestPictures.NoisyJpeg(80, 64, SKJpegEncoderDownsample.Downsample420);
        var buffer = Array.Empty<byte>();

        Assert.False(JpegThumbnailDecoder.TryDecode(FormatPictures.JpegWithOrientation(jpeg, 6), 8, MaxPixels, ref buffer, out _));
        Assert.True(JpegThumbnailDecoder.TryDecode(FormatPictures.JpegWithOrientation(jpeg, 1), 8, MaxPixels, ref buffer, out _));
    }

    [Fact]
    public void TryDecode_DeclinesTruncatedAndForeignFiles()
    {
        var jpeg = TestPictures.NoisyJpeg(200, 200, SKJpegEncoderDownsample.Downsample420);
        var buffer = Array.Empty<byte>();

        Assert.False(JpegThumbnailDecoder.TryDecode(jpeg.AsSpan(0, jpeg.Length / 2), 8, MaxPixels, ref buffer, out _));
        Assert.False(JpegThumbnailDecoder.TryDecode(TestPictures.Solid(SKColors.Red, 200, 200), 8, MaxPixels, ref buffer, out _));
        Assert.False(JpegThumbnailDecoder.TryDecode(WithRestartInterval(jpeg), 8, MaxPixels, ref buffer, out _));
    }

    [Theory]
    [InlineData(8)]  // at 1/8
    [InlineData(40)] // at 1/4
    public void TryDecode_EitherDecodesOrDeclines_WhenBytesAreDamaged(int minShortSide)
    {
        var jpeg = TestPictures.NoisyJpeg(240, 200, SKJpegEncoderDownsample.Downsample420);
        var random = new Random(7);
        var (decoded, declined) = (0, 0);
        for (var trial = 0; trial < 300; trial++)
        {
            var damaged = jpeg.ToArray();
            for (var i = 0; i < 1 + (trial % 8); i++)
                damaged[random.Next(2, damaged.Length)] = (byte)random.Next(256);
            var buffer = Array.Empty<byte>();

            // Damage in the headers declines; in the entropy data it decodes to something or declines; never throws.
            if (JpegThumbnailDecoder.TryDecode(damaged, minShortSide, MaxPixels, ref buffer, out var pixels))
            {
                decoded++;
                Assert.True(pixels.Width * pixels.Height * 4 <= buffer.Length);
            }
            else
            {
                declined++;
            }
        }

        Assert.True(decoded > 0 && declined > 0, $"{decoded} decoded, {declined} declined");
    }

    [Fact]
    public void TryDecode_DeclinesADeclaredGiant_WithoutAllocatingIt()
    {
        var jpeg = TestPictures.NoisyJpeg(64, 64, SKJpegEncoderDownsample.Downsample444);
        var giant = WithSize(jpeg, 50_000, 50_000);
        var buffer = Array.Empty<byte>();
        JpegThumbnailDecoder.TryDecode(jpeg, 8, MaxPixels, ref buffer, out _); // per-thread buffers exist

        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.False(JpegThumbnailDecoder.TryDecode(giant, 8, MaxPixels, ref buffer, out _));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 100_000);
        Assert.Throws<Frintr.Imaging.MosaicInputException>(() => PictureDecoder.TryDecodeOpaque(new MemoryStream(giant), 8, ref buffer));
    }

    [Fact]
    public void TryDecodeOpaque_UsesTheEighthScaleDecoder_ForALargeUprightJpeg()
    {
        var jpeg = TestPictures.NoisyJpeg(400, 320, SKJpegEncoderDownsample.Downsample444);
        var buffer = Array.Empty<byte>();

        var pixels = PictureDecoder.TryDecodeOpaque(new MemoryStream(jpeg), 25, ref buffer);

        Assert.Equal((50, 40), (pixels!.Value.Width, pixels.Value.Height));
        Assert.Equal(SkiaEighth(jpeg), buffer.AsSpan(0, 50 * 40 * 4).ToArray());
    }

    private static (OpaquePixels Pixels, byte[] Rgba) DecodeFast(byte[] jpeg)
    {
        var buffer = Array.Empty<byte>();
        Assert.True(JpegThumbnailDecoder.TryDecode(jpeg, 1, MaxPixels, ref buffer, out var pixels), "the decoder takes a baseline JPEG");
        return (pixels, buffer.AsSpan(0, pixels.RowBytes * pixels.Height).ToArray());
    }

    private static byte[] SkiaEighth(byte[] jpeg) => SkiaScaled(jpeg, 0.125f);

    private static byte[] SkiaScaled(byte[] jpeg, float scale)
    {
        using var codec = SKCodec.Create(SKData.CreateCopy(jpeg))!;
        var size = codec.GetScaledDimensions(scale);
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var bitmap = new SKBitmap(info);
        Assert.Equal(SKCodecResult.Success, codec.GetPixels(info, bitmap.GetPixels()));
        return bitmap.GetPixelSpan().ToArray();
    }

    // A DRI segment (restart every 4 MCUs) right after SOI: the decoder does not follow restart markers.
    private static byte[] WithRestartInterval(byte[] jpeg) =>
        [.. jpeg.AsSpan(0, 2), 0xFF, 0xDD, 0x00, 0x04, 0x00, 0x04, .. jpeg.AsSpan(2)];

    private static byte[] WithSize(byte[] jpeg, int width, int height)
    {
        var copy = jpeg.ToArray();
        for (var i = 2; i < copy.Length - 9; i++)
        {
            if (copy[i] == 0xFF && copy[i + 1] == 0xC0)
            {
                BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(i + 5), (ushort)height);
                BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(i + 7), (ushort)width);
                return copy;
            }
        }

        throw new InvalidOperationException("no SOF0");
    }
}
