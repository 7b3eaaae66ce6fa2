using System.Buffers.Binary;
using Frintr.Imaging.Decoding;
using Frintr.Imaging.Decoding.Jpeg;
using SkiaSharp;

namespace Frintr.Tests.Imaging;

/// <summary>The 1/8-scale JPEG decoder against Skia's own 1/8-scale decoding of the same files.</summary>
public class JpegDcDecoderTests
{
    private const long MaxPixels = PictureDecoder.MaxDeclaredPixels;

    [Theory]
    [InlineData(SKJpegEncoderDownsample.Downsample444, 203, 157)]
    [InlineData(SKJpegEncoderDownsample.Downsample444, 64, 64)]
    public void TryDecode_GivesSkiasPixelsExactly_WhenChromaIsFullSize(SKJpegEncoderDownsample downsample, int width, int height)
    {
        var jpeg = Photo(width, height, downsample);

        var (pixels, rgba) = DecodeFast(jpeg);

        Assert.Equal(SkiaEighth(jpeg), rgba);
        Assert.Equal(((width + 7) / 8, (height + 7) / 8), (pixels.Width, pixels.Height));
    }

    [Fact]
    public void TryDecode_GivesSkiasPixelsExactly_ForAGreyPicture()
    {
        var jpeg = Photo(181, 246, SKJpegEncoderDownsample.Downsample444, grey: true);

        var (_, rgba) = DecodeFast(jpeg);

        Assert.Equal(SkiaEighth(jpeg), rgba);
    }

    // Halved chroma: libjpeg expands each chroma block to 2×2 (or 2×1) pixels with a small inverse transform whose
    // mean is the block's DC; this decoder repeats that mean. Luma is exact, so over the pixels that share a chroma
    // block the two agree up to rounding (and clamping at the ends of the range).
    [Theory]
    [InlineData(SKJpegEncoderDownsample.Downsample420, 2)]
    [InlineData(SKJpegEncoderDownsample.Downsample422, 1)]
    public void TryDecode_AgreesWithSkia_OverEachChromaBlock_WhenChromaIsHalved(SKJpegEncoderDownsample downsample, int chromaRows)
    {
        var jpeg = Photo(250, 190, downsample);

        var (pixels, rgba) = DecodeFast(jpeg);
        var skia = SkiaEighth(jpeg);

        Assert.Equal(skia.Length, rgba.Length);
        double worst = 0, sum = 0;
        var groups = 0;
        for (var y = 0; y + chromaRows <= pixels.Height; y += chromaRows)
        {
            for (var x = 0; x + 2 <= pixels.Width; x += 2)
            {
                for (var channel = 0; channel < 3; channel++)
                {
                    double difference = 0;
                    for (var dy = 0; dy < chromaRows; dy++)
                    {
                        for (var dx = 0; dx < 2; dx++)
                        {
                            var i = ((y + dy) * pixels.RowBytes) + ((x + dx) * 4) + channel;
                            difference += rgba[i] - skia[i];
                        }
                    }

                    difference = Math.Abs(difference) / (2 * chromaRows);
                    worst = Math.Max(worst, difference);
                    sum += difference;
                    groups++;
                }
            }
        }

        Assert.True(sum / groups < 0.6, $"mean difference over chroma blocks {sum / groups:F2} levels (tolerance 0.6)");
        Assert.True(worst <= 6, $"largest difference over a chroma block {worst:F2} levels (tolerance 6)");
    }

    [Fact]
    public void TryDecode_Declines_WhenAnEighthIsSmallerThanAsked()
    {
        var jpeg = Photo(160, 160, SKJpegEncoderDownsample.Downsample420);
        var buffer = Array.Empty<byte>();

        Assert.False(JpegDcDecoder.TryDecode(jpeg, 21, MaxPixels, ref buffer, out _));
        Assert.True(JpegDcDecoder.TryDecode(jpeg, 20, MaxPixels, ref buffer, out _));
    }

    [Fact]
    public void TryDecode_DeclinesRotatedPictures_AndTakesUprightOnes()
    {
        var jpeg = Photo(80, 64, SKJpegEncoderDownsample.Downsample420);
        var buffer = Array.Empty<byte>();

        Assert.False(JpegDcDecoder.TryDecode(FormatPictures.JpegWithOrientation(jpeg, 6), 8, MaxPixels, ref buffer, out _));
        Assert.True(JpegDcDecoder.TryDecode(FormatPictures.JpegWithOrientation(jpeg, 1), 8, MaxPixels, ref buffer, out _));
    }

    [Fact]
    public void TryDecode_DeclinesTruncatedAndForeignFiles()
    {
        var jpeg = Photo(200, 200, SKJpegEncoderDownsample.Downsample420);
        var buffer = Array.Empty<byte>();

        Assert.False(JpegDcDecoder.TryDecode(jpeg.AsSpan(0, jpeg.Length / 2), 8, MaxPixels, ref buffer, out _));
        Assert.False(JpegDcDecoder.TryDecode(TestPictures.Solid(SKColors.Red, 200, 200), 8, MaxPixels, ref buffer, out _));
        Assert.False(JpegDcDecoder.TryDecode(WithRestartInterval(jpeg), 8, MaxPixels, ref buffer, out _));
    }

    [Fact]
    public void TryDecode_EitherDecodesOrDeclines_WhenBytesAreDamaged()
    {
        var jpeg = Photo(240, 200, SKJpegEncoderDownsample.Downsample420);
        var random = new Random(7);
        var (decoded, declined) = (0, 0);
        for (var trial = 0; trial < 300; trial++)
        {
            var damaged = jpeg.ToArray();
            for (var i = 0; i < 1 + (trial % 8); i++)
                damaged[random.Next(2, damaged.Length)] = (byte)random.Next(256);
            var buffer = Array.Empty<byte>();

            // Damage in the headers declines; in the entropy data it decodes to something or declines; never throws.
            if (JpegDcDecoder.TryDecode(damaged, 8, MaxPixels, ref buffer, out var pixels))
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
        var jpeg = Photo(64, 64, SKJpegEncoderDownsample.Downsample444);
        var giant = WithSize(jpeg, 50_000, 50_000);
        var buffer = Array.Empty<byte>();
        JpegDcDecoder.TryDecode(jpeg, 8, MaxPixels, ref buffer, out _); // per-thread buffers exist

        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.False(JpegDcDecoder.TryDecode(giant, 8, MaxPixels, ref buffer, out _));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 100_000);
        Assert.Throws<Frintr.Imaging.MosaicInputException>(() => PictureDecoder.TryDecodeOpaque(new MemoryStream(giant), 8, ref buffer));
    }

    [Fact]
    public void TryDecodeOpaque_UsesTheEighthScaleDecoder_ForALargeUprightJpeg()
    {
        var jpeg = Photo(400, 320, SKJpegEncoderDownsample.Downsample444);
        var buffer = Array.Empty<byte>();

        var pixels = PictureDecoder.TryDecodeOpaque(new MemoryStream(jpeg), 25, ref buffer);

        Assert.Equal((50, 40), (pixels!.Value.Width, pixels.Value.Height));
        Assert.Equal(SkiaEighth(jpeg), buffer.AsSpan(0, 50 * 40 * 4).ToArray());
    }

    private static (OpaquePixels Pixels, byte[] Rgba) DecodeFast(byte[] jpeg)
    {
        var buffer = Array.Empty<byte>();
        Assert.True(JpegDcDecoder.TryDecode(jpeg, 1, MaxPixels, ref buffer, out var pixels), "the decoder takes a baseline JPEG");
        return (pixels, buffer.AsSpan(0, pixels.RowBytes * pixels.Height).ToArray());
    }

    private static byte[] SkiaEighth(byte[] jpeg)
    {
        using var codec = SKCodec.Create(SKData.CreateCopy(jpeg))!;
        var size = codec.GetScaledDimensions(0.125f);
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var bitmap = new SKBitmap(info);
        Assert.Equal(SKCodecResult.Success, codec.GetPixels(info, bitmap.GetPixels()));
        return bitmap.GetPixelSpan().ToArray();
    }

    // Gradient with seeded noise: every block has AC detail, including rare long Huffman codes.
    private static byte[] Photo(int width, int height, SKJpegEncoderDownsample downsample, bool grey = false)
    {
        var random = new Random(width * 31 + height);
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, grey ? SKColorType.Gray8 : SKColorType.Rgba8888, SKAlphaType.Opaque));
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var n = random.Next(-40, 41);
                bitmap.SetPixel(x, y, new SKColor(Byte(x * 255 / width + n), Byte(y * 255 / height - n), Byte(128 + n * 2)));
            }
        }

        using var data = bitmap.PeekPixels().Encode(new SKJpegEncoderOptions(90, downsample, SKJpegEncoderAlphaOption.Ignore));
        return data?.ToArray() ?? throw new InvalidOperationException("JPEG encoding failed");
    }

    private static byte Byte(int value) => (byte)Math.Clamp(value, 0, 255);

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
