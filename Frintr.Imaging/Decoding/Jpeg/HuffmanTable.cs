using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Frintr.Imaging.Decoding.Jpeg;

/// <summary>One canonical JPEG Huffman table (ITU T.81 annex C), looked up on the next <see cref="LookupBits"/> bits.
/// At 1/8 scale only a block's DC coefficient matters, but every AC code still has to be read past; for AC tables
/// <see cref="Skip"/> therefore says how far to skip, up to two codes at a time, instead of what each code means. At
/// 1/4 scale the coefficients matter, and <see cref="Coefficients"/> gives a short code's value with the code.</summary>
internal sealed class HuffmanTable
{
    public const int LookupBits = 11;

    // Skip entries: total bits | coefficients advanced << 6 | ends with end-of-block << 13, then the same three for
    // the first code alone (<< 14, << 20, << 27) for when the two codes could cross the end of the block.
    public const int EndOfBlock = 1 << 13;
    public const int FirstEndOfBlock = 1 << 27;

    // Codes a skip entry may hold: each pass after the first adds one more where it fits (why two: docs/benchmarks.md,
    // "Frintr's JPEG decoder").
    private const int CodesPerSkip = 2;

    // Coefficient entries: bits (code and value) | zeros before << 6 | value << 16, or a marker of end of block or of
    // sixteen zeros (no value); 0 when code and value do not both fit in the lookup bits.
    public const int EndOfBlockOrZeros = 1 << 11;

    private readonly int[] _single = new int[1 << LookupBits]; // code length | symbol << 8; 0 when longer
    private readonly int[] _skip = new int[1 << LookupBits];   // 0 when the first code is longer
    private readonly int[] _coefficients = new int[1 << LookupBits];
    private bool _skipReady, _coefficientsReady; // each decoder builds only the lookups it reads
    private readonly int[] _maxCode = new int[17];
    private readonly int[] _valueOffset = new int[17];
    private readonly byte[] _values = new byte[256];
    private readonly byte[] _definition = new byte[16 + 256];
    private int _definitionLength = -1;

    /// <summary>Code length | symbol &lt;&lt; 8 for the code at the top of the lookup bits; 0 when it is longer.</summary>
    public int[] Single => _single;

    /// <summary>Skip entries by lookup value, one or two codes each. Built whole on first use, in two cheap passes:
    /// most encoders optimise the tables picture by picture, so a table is used for a few thousand lookups only
    /// (docs/benchmarks.md tells what the other ways measured).</summary>
    public int[] Skip
    {
        get
        {
            if (!_skipReady)
                BuildSkip();
            return _skip;
        }
    }

    /// <summary>Coefficient entries by lookup value (see <see cref="EndOfBlockOrZeros"/>), built whole on first use.</summary>
    public int[] Coefficients
    {
        get
        {
            if (!_coefficientsReady)
                BuildCoefficients();
            return _coefficients;
        }
    }

    /// <summary>Builds the table from a DHT segment's 16 counts and its symbols; false when they are inconsistent.
    /// Pictures from one encoder share their tables, so an unchanged definition is not built again.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Build(ReadOnlySpan<byte> counts, ReadOnlySpan<byte> symbols)
    {
        var definitionLength = 16 + symbols.Length;
        if (definitionLength == _definitionLength && counts.SequenceEqual(_definition.AsSpan(0, 16))
            && symbols.SequenceEqual(_definition.AsSpan(16, symbols.Length)))
        {
            return true;
        }

        _definitionLength = -1;
        _skipReady = _coefficientsReady = false;
        Array.Clear(_single);
        symbols.CopyTo(_values);
        int code = 0, k = 0;
        for (var length = 1; length <= 16; length++)
        {
            int n = counts[length - 1];
            // The codes of this length must fit in it, the all-ones code excluded (T.81 C.2; libjpeg's jdhuff.c
            // refuses such a table): checked before the lookup entries they would fill.
            if (code + n >= 1 << length)
                return false;
            _valueOffset[length] = k - code;
            for (var i = 0; i < n; i++, k++, code++)
            {
                if (length <= LookupBits)
                {
                    var shift = LookupBits - length;
                    _single.AsSpan(code << shift, 1 << shift).Fill(length | symbols[k] << 8);
                }
            }

            _maxCode[length] = n == 0 ? -1 : code - 1;
            code <<= 1;
        }

        counts.CopyTo(_definition);
        symbols.CopyTo(_definition.AsSpan(16));
        _definitionLength = definitionLength;
        return true;
    }

    /// <summary>Decodes a code longer than the lookup from the next 32 bits: (length, symbol), or length 0 if corrupt.</summary>
    public (int Length, int Symbol) DecodeLong(uint bits)
    {
        for (var length = LookupBits + 1; length <= 16; length++)
        {
            var code = (int)(bits >> (32 - length));
            if (code <= _maxCode[length])
                return (length, _values[code + _valueOffset[length]]);
        }

        return (0, 0);
    }

    /// <summary>An AC symbol as (bits to skip: code and extra bits, coefficients advanced, whether it ends the block).
    /// A symbol of no bits is sixteen zeros when its run is 15 (0xF0), else the end of the block, whatever its run (as
    /// libjpeg reads it: T.81 defines only 0x00).</summary>
    public static (int Bits, int Advance, bool EndOfBlock) AcStep(int codeLength, int symbol) =>
        (symbol & 15) == 0 && symbol != 0xF0 ? (codeLength, 0, true) : (codeLength + (symbol & 15), (symbol >> 4) + 1, false);

    // One code per entry (code by code, as in Build), then, where a code with its extra bits leaves room for a whole
    // second code within the lookup bits, both. The upper fields still hold each index's first code alone, so the
    // pairing runs in place; it visits only the codes that can have a second.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void BuildSkip()
    {
        const int mask = (1 << LookupBits) - 1;
        var skip = _skip.AsSpan();
        skip.Clear();
        ref var first = ref MemoryMarshal.GetArrayDataReference(_skip);
        ref var single = ref MemoryMarshal.GetArrayDataReference(_single);
        for (var pass = 0; pass < CodesPerSkip; pass++)
        {
            int code = 0, k = 0;
            for (var length = 1; length <= LookupBits; length++, code <<= 1)
            {
                for (var i = 0; i < _definition[length - 1]; i++, k++, code++)
                {
                    var (bits, advance, end) = AcStep(length, _values[k]);
                    int start = code << (LookupBits - length), count = 1 << (LookupBits - length);
                    if (pass == 0)
                    {
                        skip.Slice(start, count).Fill(bits | advance << 6 | (end ? EndOfBlock : 0) | bits << 14 | advance << 20 | (end ? FirstEndOfBlock : 0));
                        continue;
                    }

                    if (end || bits >= LookupBits)
                        continue;
                    for (var index = start; index < start + count; index++)
                    {
                        ref var entry = ref Unsafe.Add(ref first, index);
                        var taken = entry & 63;
                        if ((entry & EndOfBlock) != 0 || taken >= LookupBits)
                            continue;
                        var at = (index << taken) & mask;
                        var next = Unsafe.Add(ref first, at) >> 14;
                        if (next != 0 && (Unsafe.Add(ref single, at) & 0xFF) <= LookupBits - taken && ((entry >> 6) & 127) + ((next >> 6) & 127) <= 64)
                            entry += (next & 63) + (next & (127 << 6)) + (next & EndOfBlock);
                    }
                }
            }
        }

        _skipReady = true;
    }

    // Code by code (canonical order, as in Build): a code's entries share its bits, and within them its value's.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void BuildCoefficients()
    {
        var entries = _coefficients.AsSpan();
        entries.Clear();
        int code = 0, k = 0;
        for (var length = 1; length <= LookupBits; length++, code <<= 1)
        {
            for (var i = 0; i < _definition[length - 1]; i++, k++, code++)
            {
                int symbol = _values[k], run = symbol >> 4, size = symbol & 15;
                var span = entries.Slice(code << (LookupBits - length), 1 << (LookupBits - length));
                if (size == 0)
                {
                    span.Fill(length | run << 6 | EndOfBlockOrZeros); // run 15: sixteen zeros, else end of block
                }
                else if (length + size <= LookupBits)
                {
                    var each = 1 << (LookupBits - length - size);
                    for (var raw = 0; raw < 1 << size; raw++)
                        span.Slice(raw * each, each).Fill((length + size) | run << 6 | JpegThumbnailDecoder.Extend(raw, size) << 16);
                }
            }
        }

        _coefficientsReady = true;
    }
}
