using System.Runtime.CompilerServices;

namespace Frintr.Imaging.Decoding.Jpeg;

/// <summary>One canonical JPEG Huffman table (ITU T.81 annex C), looked up on the next <see cref="LookupBits"/> bits.
/// At 1/8 scale only a block's DC coefficient matters, but every AC code still has to be read past; for AC tables
/// <see cref="Skip"/> therefore says how far to skip, several codes at a time, instead of what each code means.</summary>
internal sealed class HuffmanTable
{
    public const int LookupBits = 11;

    // Skip entries: total bits | coefficients advanced << 6 | ends with end-of-block << 13, then the same three for
    // the first code alone (<< 14, << 20, << 27) for when the run of codes could cross the end of the block.
    public const int EndOfBlock = 1 << 13;
    public const int FirstEndOfBlock = 1 << 27;

    private readonly int[] _single = new int[1 << LookupBits]; // code length | symbol << 8; 0 when longer
    private readonly int[] _skip = new int[1 << LookupBits];   // 0 when the first code is longer, -1 until needed
    private readonly int[] _maxCode = new int[17];
    private readonly int[] _valueOffset = new int[17];
    private readonly byte[] _values = new byte[256];
    private readonly byte[] _definition = new byte[16 + 256];
    private int _definitionLength = -1;

    /// <summary>Code length | symbol &lt;&lt; 8 for the code at the top of the lookup bits; 0 when it is longer.</summary>
    public int[] Single => _single;

    /// <summary>Skip entries by lookup value; a negative one is not worked out yet (<see cref="SkipAt"/>): a small
    /// picture meets a fraction of them, and most encoders optimise the tables picture by picture.</summary>
    public int[] Skip => _skip;

    /// <summary>Builds the table from a DHT segment's 16 counts and its symbols; false when they are inconsistent.
    /// Pictures from one encoder share their tables, so an unchanged definition is not built again.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Build(ReadOnlySpan<byte> counts, ReadOnlySpan<byte> symbols, bool ac)
    {
        var definitionLength = 16 + symbols.Length;
        if (definitionLength == _definitionLength && counts.SequenceEqual(_definition.AsSpan(0, 16))
            && symbols.SequenceEqual(_definition.AsSpan(16, symbols.Length)))
        {
            return true;
        }

        _definitionLength = -1;
        Array.Clear(_single);
        symbols.CopyTo(_values);
        int code = 0, k = 0;
        for (var length = 1; length <= 16; length++)
        {
            int n = counts[length - 1];
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
            if (code > 1 << length)
                return false;
            code <<= 1;
        }

        if (ac)
            Array.Fill(_skip, -1);
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

    /// <summary>An AC symbol as (bits to skip: code and extra bits, coefficients advanced, whether it ends the block).</summary>
    public static (int Bits, int Advance, bool EndOfBlock) AcStep(int codeLength, int symbol) =>
        symbol == 0 ? (codeLength, 0, true) : (codeLength + (symbol & 15), (symbol >> 4) + 1, false); // 0xF0: 16 zeros

    /// <summary>Works out the skip entry for <paramref name="index"/>: the AC codes that start within its bits,
    /// taken greedily up to an end of block.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public int SkipAt(int index)
    {
        const int mask = (1 << LookupBits) - 1;
        var first = _single[index];
        if (first == 0)
            return _skip[index] = 0;

        var (firstBits, firstAdvance, firstEnd) = AcStep(first & 0xFF, first >> 8);
        int bits = firstBits, advance = firstAdvance;
        var end = firstEnd;
        while (!end && bits < LookupBits)
        {
            var next = _single[(index << bits) & mask];
            if (next == 0 || (next & 0xFF) > LookupBits - bits)
                break; // the next code does not lie within the lookup bits
            var (stepBits, stepAdvance, stepEnd) = AcStep(next & 0xFF, next >> 8);
            if (advance + stepAdvance > 64)
                break; // past any block's end anyway (and the field holds up to 127)
            bits += stepBits;
            advance += stepAdvance;
            end = stepEnd;
        }

        return _skip[index] = bits | advance << 6 | (end ? EndOfBlock : 0)
            | firstBits << 14 | firstAdvance << 20 | (firstEnd ? FirstEndOfBlock : 0);
    }
}
