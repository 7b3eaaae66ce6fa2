using System.Buffers.Binary;

namespace Frintr.Tests.Imaging.Jpeg;

/// <summary>A JPEG's marker segments up to its first scan, for crafting files: where each is, and copies of the file
/// with one replaced or added.</summary>
internal static class JpegSegments
{
    /// <summary>One segment: its marker (the byte after FF), where its FF is and its whole length (marker included).</summary>
    public readonly record struct Segment(byte Marker, int Offset, int Length)
    {
        public int PayloadOffset => Offset + 4;
        public int PayloadLength => Length - 4;
    }

    /// <summary>The segments after SOI, up to and including the first SOS (whose length excludes its entropy data).</summary>
    public static List<Segment> Read(ReadOnlySpan<byte> jpeg)
    {
        var segments = new List<Segment>();
        var pos = 2;
        while (pos + 4 <= jpeg.Length && jpeg[pos] == 0xFF)
        {
            var length = 2 + BinaryPrimitives.ReadUInt16BigEndian(jpeg[(pos + 2)..]);
            if (length < 4 || pos + length > jpeg.Length)
                break;
            segments.Add(new Segment(jpeg[pos + 1], pos, length));
            if (jpeg[pos + 1] == 0xDA)
                break;
            pos += length;
        }

        return segments;
    }

    public static Segment First(ReadOnlySpan<byte> jpeg, byte marker) =>
        Read(jpeg).First(s => s.Marker == marker);

    /// <summary>A segment with <paramref name="marker"/> and <paramref name="payload"/> (its length field written).</summary>
    public static byte[] Make(byte marker, ReadOnlySpan<byte> payload)
    {
        var segment = new byte[4 + payload.Length];
        (segment[0], segment[1]) = (0xFF, marker);
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(segment.AsSpan(4));
        return segment;
    }

    /// <summary>The file with <paramref name="segment"/> replaced by <paramref name="replacement"/> (whole segments).</summary>
    public static byte[] Replace(byte[] jpeg, Segment segment, ReadOnlySpan<byte> replacement) =>
        [.. jpeg.AsSpan(0, segment.Offset), .. replacement, .. jpeg.AsSpan(segment.Offset + segment.Length)];

    /// <summary>The file with <paramref name="segment"/> (a whole segment) inserted right after SOI.</summary>
    public static byte[] InsertAfterSoi(byte[] jpeg, ReadOnlySpan<byte> segment) =>
        [.. jpeg.AsSpan(0, 2), .. segment, .. jpeg.AsSpan(2)];

    /// <summary>The file with every DHT segment replaced by one defining the given tables.</summary>
    public static byte[] WithHuffmanTables(byte[] jpeg, params (int Class, int Id, byte[] Counts, byte[] Symbols)[] tables)
    {
        var payload = new List<byte>();
        foreach (var (tableClass, id, counts, symbols) in tables)
        {
            payload.Add((byte)((tableClass << 4) | id));
            payload.AddRange(counts);
            payload.AddRange(symbols);
        }

        var result = jpeg;
        var dhts = Read(result).Where(s => s.Marker == 0xC4).ToList();
        result = Replace(result, dhts[0], Make(0xC4, payload.ToArray()));
        // Later DHTs moved by the replacement: drop them from the last.
        foreach (var dht in Read(result).Where(s => s.Marker == 0xC4).Skip(1).Reverse())
            result = Replace(result, dht, []);
        return result;
    }
}
