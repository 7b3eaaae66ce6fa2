using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Frintr.Imaging.Decoding.Jpeg;

/// <summary>The headers of a JPEG up to its first scan, for the pictures <see cref="JpegThumbnailDecoder"/> can take:
/// baseline (sequential, Huffman, 8-bit), grey or YCbCr with full-size or halved chroma, one scan with every
/// component, no restart markers, upright. Anything else declines, and the caller uses the general decoder.</summary>
internal sealed class JpegFrame
{
    public int Width { get; private set; }
    public int Height { get; private set; }
    public int ComponentCount { get; private set; }
    /// <summary>Luma's sampling factors (chroma is always 1×1 here), i.e. an MCU is 8·H × 8·V pixels.</summary>
    public int LumaH { get; private set; }
    public int LumaV { get; private set; }
    /// <summary>Per component: the 64 dequantisation factors, in zigzag order (as the coefficients arrive).</summary>
    public int[][] Quant { get; } = new int[3][];
    public HuffmanTable[] DcTables { get; } = new HuffmanTable[3];
    public HuffmanTable[] AcTables { get; } = new HuffmanTable[3];
    /// <summary>Offset of the entropy-coded data of the scan.</summary>
    public int ScanStart { get; private set; }

    /// <summary>MCUs across and down (partial ones at the right and bottom edges included).</summary>
    public int McusX => (Width + (8 * LumaH) - 1) / (8 * LumaH);
    public int McusY => (Height + (8 * LumaV) - 1) / (8 * LumaV);

    /// <summary>Luma blocks per row, and the size of the luma plane in blocks; each chroma plane is McusX × McusY.</summary>
    public int LumaStride => McusX * LumaH;
    public int LumaBlocks => LumaStride * McusY * LumaV;
    public int ChromaBlocks => McusX * McusY;

    private readonly HuffmanTable[] _dc = [new(), new(), new(), new()];
    private readonly HuffmanTable[] _ac = [new(), new(), new(), new()];
    private readonly bool[] _dcBuilt = new bool[4];
    private readonly bool[] _acBuilt = new bool[4];
    private readonly int[][] _quant = [new int[64], new int[64], new int[64], new int[64]];
    private readonly bool[] _quantSeen = new bool[4];
    private readonly byte[] _componentIds = new byte[3];
    private readonly byte[] _componentQuant = new byte[3];

    /// <summary>Reads the headers; false when the picture is not one this decoder takes (or is malformed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryRead(ReadOnlySpan<byte> jpeg)
    {
        Array.Clear(_dcBuilt);
        Array.Clear(_acBuilt);
        Array.Clear(_quantSeen);
        ComponentCount = 0;
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
            return false;

        var pos = 2;
        while (pos + 4 <= jpeg.Length)
        {
            if (jpeg[pos] != 0xFF)
                return false;
            var marker = jpeg[pos + 1];
            if (marker == 0xFF)
            {
                pos++; // fill byte
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg[(pos + 2)..]);
            if (length < 2 || pos + 2 + length > jpeg.Length)
                return false;
            var segment = jpeg.Slice(pos + 4, length - 2);
            pos += 2 + length;
            // Only the markers libjpeg reads before a scan of a baseline picture; it refuses unknown ones, and the
            // rest (progressive, lossless, arithmetic, parameterless, a second SOI, EOI) is not for this decoder.
            var ok = marker switch
            {
                0xC0 or 0xC1 => ReadFrame(segment),
                0xC4 => ReadHuffman(segment),
                0xDB => ReadQuant(segment),
                0xDD => segment.Length == 2 && BinaryPrimitives.ReadUInt16BigEndian(segment) == 0, // restarts: declined
                0xE1 => ExifOrientation.IsUpright(segment),
                0xEE => false, // Adobe: RGB or CMYK transforms
                0xDA => ReadScan(segment),
                (>= 0xE0 and <= 0xEF) or 0xFE or 0xDC => true, // JFIF, ICC, XMP, comments, DNL: not needed (the
                                                                 // general decoder ignores ICC for tiles too)
                _ => false,
            };
            if (!ok)
                return false;
            if (marker == 0xDA)
            {
                ScanStart = pos;
                return true;
            }
        }

        return false;
    }

    // libjpeg's own limit on either side (jmorecfg.h): larger frames are refused, so they are declined here too.
    private const int MaxSide = 65500;

    private bool ReadFrame(ReadOnlySpan<byte> s)
    {
        if (ComponentCount != 0 || s.Length < 6 || s[0] != 8)
            return false;
        Height = BinaryPrimitives.ReadUInt16BigEndian(s[1..]);
        Width = BinaryPrimitives.ReadUInt16BigEndian(s[3..]);
        int n = s[5];
        if (Width == 0 || Height == 0 || Width > MaxSide || Height > MaxSide || n is not (1 or 3) || s.Length != 6 + (3 * n))
            return false;
        for (var c = 0; c < n; c++)
        {
            var f = s.Slice(6 + (3 * c), 3);
            _componentIds[c] = f[0];
            _componentQuant[c] = f[2];
            int h = f[1] >> 4, v = f[1] & 15;
            if (f[2] > 3 || h is < 1 or > 4 || v is < 1 or > 4 || _componentIds.AsSpan(0, c).Contains(f[0]))
                return false;
            if (c == 0)
            {
                // A grey picture is one non-interleaved scan: its sampling factors do not matter.
                (LumaH, LumaV) = n == 1 ? (1, 1) : (h, v);
                if (LumaH is not (1 or 2) || LumaV is not (1 or 2))
                    return false;
            }
            else if (h != 1 || v != 1)
            {
                return false;
            }
        }

        // Components named R, G, B (without JFIF) are RGB, not YCbCr.
        if (n == 3 && _componentIds[0] == 'R' && _componentIds[1] == 'G' && _componentIds[2] == 'B')
            return false;
        ComponentCount = n;
        return true;
    }

    private bool ReadHuffman(ReadOnlySpan<byte> s)
    {
        while (s.Length > 0)
        {
            if (s.Length < 17)
                return false;
            int tableClass = s[0] >> 4, id = s[0] & 15;
            var counts = s.Slice(1, 16);
            var total = 0;
            foreach (var count in counts)
                total += count;
            if (tableClass > 1 || id > 3 || total > 256 || s.Length < 17 + total)
                return false;
            // A DC symbol is a difference's size in bits: libjpeg refuses a table with one above 15.
            if (tableClass == 0 && s.Slice(17, total).IndexOfAnyInRange((byte)16, (byte)255) >= 0)
                return false;
            var table = tableClass == 0 ? _dc[id] : _ac[id];
            if (!table.Build(counts, s.Slice(17, total)))
                return false;
            (tableClass == 0 ? _dcBuilt : _acBuilt)[id] = true;
            s = s[(17 + total)..];
        }

        return true;
    }

    private bool ReadQuant(ReadOnlySpan<byte> s)
    {
        while (s.Length > 0)
        {
            int precision = s[0] >> 4, id = s[0] & 15;
            var size = precision == 0 ? 64 : 128;
            if (precision > 1 || id > 3 || s.Length < 1 + size)
                return false;
            for (var k = 0; k < 64; k++)
                _quant[id][k] = precision == 0 ? s[1 + k] : BinaryPrimitives.ReadUInt16BigEndian(s[(1 + (2 * k))..]);
            // 16-bit factors above 32,767 overflow libjpeg's 16-bit multipliers in its SIMD builds: declined, so that
            // what is decoded here is what libjpeg gives in every build.
            if (precision == 1 && _quant[id].AsSpan().IndexOfAnyInRange(32768, int.MaxValue) >= 0)
                return false;
            _quantSeen[id] = true;
            s = s[(1 + size)..];
        }

        return true;
    }

    private bool ReadScan(ReadOnlySpan<byte> s)
    {
        var n = ComponentCount;
        if (n == 0 || s.Length != 1 + (2 * n) + 3 || s[0] != n)
            return false;
        for (var c = 0; c < n; c++)
        {
            int id = s[1 + (2 * c)], tables = s[2 + (2 * c)];
            int dc = tables >> 4, ac = tables & 15;
            if (id != _componentIds[c] || dc > 3 || ac > 3 || !_dcBuilt[dc] || !_acBuilt[ac] || !_quantSeen[_componentQuant[c]])
                return false;
            DcTables[c] = _dc[dc];
            AcTables[c] = _ac[ac];
            Quant[c] = _quant[_componentQuant[c]];
        }

        // Baseline: spectral selection 0–63, no successive approximation.
        var tail = s.Slice(1 + (2 * n), 3);
        return tail[0] == 0 && tail[1] == 63 && tail[2] == 0;
    }
}
