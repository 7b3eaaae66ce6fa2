using Frintr.Imaging;
using Frintr.Imaging.Decoding;
using Frintr.Imaging.Decoding.Jpeg;
using SkiaSharp;

namespace Frintr.Tests.Imaging.Jpeg;

/// <summary>Huffman tables from DHT segments: a code space that is over-full, or that uses the all-ones code, is a
/// bad table (T.81 C.2; libjpeg's jdhuff.c refuses both), declined before any lookup entry is filled.</summary>
public class HuffmanTableTests
{
    private static byte[] Counts(params (int Length, int Count)[] codes)
    {
        var counts = new byte[16];
        foreach (var (length, count) in codes)
            counts[length - 1] = (byte)count;
        return counts;
    }

    private static byte[] Symbols(int count) => [.. Enumerable.Range(0, count).Select(i => (byte)i)];

    [Fact]
    public void Build_DeclinesThreeOneBitCodes()
    {
        var table = new HuffmanTable();

        Assert.False(table.Build(Counts((1, 3)), Symbols(3)));
    }

    [Theory]
    [InlineData(1, 2)]   // 0, 1
    [InlineData(2, 4)]   // 00 … 11
    [InlineData(16, 1)]  // after 1 + 2 + … codes that leave exactly one 16-bit code: see below
    public void Build_DeclinesATableThatUsesTheAllOnesCode(int length, int count)
    {
        var counts = length == 16 ? Counts([.. Enumerable.Range(1, 15).Select(l => (l, 1)), (16, 2)]) : Counts((length, count));
        var table = new HuffmanTable();

        Assert.False(table.Build(counts, Symbols(counts.Sum(c => c))));
    }

    [Fact]
    public void Build_TakesACodeSpaceFilledUpToTheAllOnesCode_AndDecodesItsLongestCode()
    {
        // One code of each length 1–15 and one of 16 bits: 0, 10, 110, …, 1111111111111110 (15 ones then a zero).
        var counts = Counts([.. Enumerable.Range(1, 16).Select(l => (l, 1))]);
        var table = new HuffmanTable();

        Assert.True(table.Build(counts, Symbols(16)));
        Assert.Equal((16, 15), table.DecodeLong(0xFFFE_0000));
        Assert.Equal((12, 11), table.DecodeLong(0xFFE0_0000));
        Assert.Equal((0, 0), table.DecodeLong(0xFFFF_0000)); // the all-ones code is no code
        Assert.Equal(1 | (0 << 8), table.Single[0]);           // "0": length 1, symbol 0
    }

    [Fact]
    public void Build_AfterABadTable_BuildsTheNextOneAfresh()
    {
        var table = new HuffmanTable();
        Assert.False(table.Build(Counts((1, 3)), Symbols(3)));

        Assert.True(table.Build(Counts((2, 3)), Symbols(3)));

        Assert.Equal(2 | (1 << 8), table.Single[0b01 << (HuffmanTable.LookupBits - 2)]);
        Assert.Equal(0, table.Single[0b11 << (HuffmanTable.LookupBits - 2)]);
    }

    // Whole files: the decoder declines, and the general decoder (libjpeg, through Skia) refuses the table as well.
    [Theory]
    [InlineData(false)] // three 1-bit DC codes
    [InlineData(true)]  // a complete DC code space of four 2-bit codes: 11 is all ones
    public void AFileWithABadTable_IsDeclined_AndRefusedInWordsAUserUnderstands(bool allOnes)
    {
        var jpeg = BadDcTable(allOnes);
        var buffer = Array.Empty<byte>();

        Assert.False(JpegThumbnailDecoder.TryDecode(jpeg, 8, PictureDecoder.MaxDeclaredPixels, ref buffer, out _));
        var refused = Assert.Throws<MosaicInputException>(() => PictureDecoder.TryDecodeOpaque(new MemoryStream(jpeg), 8, ref buffer));
        Assert.Contains("damaged", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>A 4:4:4 JPEG whose DC tables are replaced by a bad one (the AC tables kept).</summary>
    internal static byte[] BadDcTable(bool allOnes)
    {
        var jpeg = TestPictures.NoisyJpeg(64, 48, SKJpegEncoderDownsample.Downsample444);
        var ac = AcTables(jpeg);
        var (counts, symbols) = allOnes ? (Counts((2, 4)), Symbols(4)) : (Counts((1, 3)), Symbols(3));
        return JpegSegments.WithHuffmanTables(jpeg, [(0, 0, counts, symbols), (0, 1, counts, symbols), .. ac]);
    }

    private static List<(int Class, int Id, byte[] Counts, byte[] Symbols)> AcTables(byte[] jpeg)
    {
        var tables = new List<(int, int, byte[], byte[])>();
        foreach (var dht in JpegSegments.Read(jpeg).Where(s => s.Marker == 0xC4))
        {
            var s = jpeg.AsSpan(dht.PayloadOffset, dht.PayloadLength);
            while (s.Length >= 17)
            {
                var total = 0;
                foreach (var c in s.Slice(1, 16))
                    total += c;
                if (s[0] >> 4 == 1)
                    tables.Add((1, s[0] & 15, s.Slice(1, 16).ToArray(), s.Slice(17, total).ToArray()));
                s = s[(17 + total)..];
            }
        }

        return tables;
    }
}
