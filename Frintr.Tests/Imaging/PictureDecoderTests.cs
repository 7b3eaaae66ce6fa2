using System.Buffers.Binary;
using System.IO.Compression;
using Frintr.Imaging;
using Frintr.Imaging.Decoding;
using SkiaSharp;

namespace Frintr.Tests.Imaging;

public class PictureDecoderTests
{
    [Fact]
    public void Decode_RejectsDecompressionBomb_WithoutAllocatingTheImage()
    {
        var bomb = BombPng(50_000, 50_000);
        Assert.True(bomb.Length < 1_000);
        PictureDecoder.Decode(new MemoryStream(TestPictures.Solid(SKColors.Red)), 8).Dispose(); // warm up

        var before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Assert.Throws<MosaicInputException>(() => PictureDecoder.Decode(new MemoryStream(bomb)));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("too large", ex.Message, StringComparison.Ordinal);
        Assert.True(allocated < 1_000_000, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void Decode_RejectsCorruptFile()
    {
        var png = TestPictures.Solid(SKColors.Red);
        var corrupt = png.AsSpan(0, 40).ToArray();

        Assert.Throws<MosaicInputException>(() => PictureDecoder.Decode(new MemoryStream(corrupt)).Dispose());
        Assert.Throws<MosaicInputException>(() => PictureDecoder.Decode(new MemoryStream("not a picture"u8.ToArray())).Dispose());
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Png)]
    [InlineData(SKEncodedImageFormat.Jpeg)]
    [InlineData(SKEncodedImageFormat.Webp)]
    public void Decode_ReadsEachFormat(SKEncodedImageFormat format)
    {
        var bytes = TestPictures.Solid(new SKColor(30, 160, 90), 40, 24, format);

        using var bitmap = PictureDecoder.Decode(new MemoryStream(bytes));

        Assert.Equal((40, 24), (bitmap.Width, bitmap.Height));
        var pixel = bitmap.GetPixel(20, 12);
        Assert.InRange(pixel.Red, 20, 40);
        Assert.InRange(pixel.Green, 150, 170);
        Assert.InRange(pixel.Blue, 80, 100);
    }

    [Fact]
    public void Decode_ScalesJpegDown_WhenASmallSizeIsEnough()
    {
        var bytes = TestPictures.Gradient(800, 600, SKEncodedImageFormat.Jpeg);

        using var bitmap = PictureDecoder.Decode(new MemoryStream(bytes), minShortSide: 70);

        Assert.True(bitmap.Height is >= 70 and <= 150, $"{bitmap.Width}×{bitmap.Height}");
    }

    // A valid PNG header declaring a huge image, followed by a tiny compressed stream.
    internal static byte[] BombPng(int width, int height)
    {
        using var stream = new MemoryStream();
        stream.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // RGB
        Chunk(stream, "IHDR", ihdr);
        using var zipped = new MemoryStream();
        using (var z = new ZLibStream(zipped, CompressionLevel.SmallestSize, leaveOpen: true))
            z.Write(new byte[4096]);
        Chunk(stream, "IDAT", zipped.ToArray());
        Chunk(stream, "IEND", []);
        return stream.ToArray();
    }

    private static void Chunk(Stream stream, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        stream.Write(length);
        var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        stream.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(length, Crc32(typed));
        stream.Write(length);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }

        return ~crc;
    }
}
