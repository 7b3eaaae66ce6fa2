using System.Buffers.Binary;

namespace Frintr.Tests.Imaging.Jpeg;

/// <summary>Damages a valid JPEG the ways strangers' files are damaged, and the ways a fuzzer finds: flipped and
/// replaced bytes, boundary values in length and size fields, cut or repeated ranges, added, removed or swapped
/// segments, Huffman counts that no longer add up. Half of the edits land in the headers (before the scan), where
/// most of the decoder's decisions are made.</summary>
internal static class JpegMutator
{
    private static readonly byte[] InterestingBytes = [0x00, 0x01, 0x02, 0x0F, 0x10, 0x11, 0x22, 0x3F, 0x7F, 0x80, 0xC0, 0xC2, 0xC4, 0xD0, 0xD8, 0xD9, 0xDA, 0xDB, 0xDD, 0xE1, 0xEE, 0xFE, 0xFF];
    private static readonly ushort[] InterestingWords = [0, 1, 2, 3, 7, 8, 9, 255, 256, 0x7FFF, 0x8000, 65500, 65501, 0xFFFF];
    private static readonly byte[] Markers = [0xC0, 0xC1, 0xC2, 0xC4, 0xCC, 0xD0, 0xDB, 0xDC, 0xDD, 0xDE, 0xE0, 0xE1, 0xE2, 0xEE, 0xF0, 0xFE, 0x01, 0x4F];

    /// <summary>A damaged copy of <paramref name="jpeg"/>: one edit drawn from <paramref name="random"/>, or (one
    /// time in three) up to four.</summary>
    public static byte[] Mutate(byte[] jpeg, Random random)
    {
        var file = jpeg;
        for (var edits = random.Next(3) == 0 ? random.Next(1, 5) : 1; edits > 0 && file.Length > 4; edits--)
            file = Edit(file, random);
        return file;
    }

    private static byte[] Edit(byte[] file, Random random)
    {
        var segments = JpegSegments.Read(file);
        var headerEnd = segments.Count > 0 ? segments[^1].Offset + segments[^1].Length : file.Length;
        var at = Position(file, headerEnd, random);
        var copy = file.ToArray();
        switch (random.Next(11))
        {
            case 0:
                copy[at] ^= (byte)(1 << random.Next(8));
                return copy;
            case 1:
                copy[at] = (byte)random.Next(256);
                return copy;
            case 2:
                copy[at] = InterestingBytes[random.Next(InterestingBytes.Length)];
                return copy;
            case 3 when at + 2 <= copy.Length:
                var word = random.Next(3) == 0
                    ? (ushort)(BinaryPrimitives.ReadUInt16BigEndian(copy.AsSpan(at)) + random.Next(-2, 3))
                    : InterestingWords[random.Next(InterestingWords.Length)];
                BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(at), word);
                return copy;
            case 4:
                return file[..Math.Max(2, at)];
            case 5:
                return [.. file.AsSpan(0, at), .. file.AsSpan(Math.Min(file.Length, at + random.Next(1, 64)))];
            case 6:
                var from = random.Next(2, file.Length);
                var run = file.AsSpan(from, Math.Min(file.Length - from, random.Next(1, 64)));
                return [.. file.AsSpan(0, at), .. run, .. file.AsSpan(at)];
            case 7 when segments.Count > 0:
                var boundary = segments[random.Next(segments.Count)].Offset;
                var payload = new byte[random.Next(0, 24)];
                random.NextBytes(payload);
                return [.. file.AsSpan(0, boundary), .. JpegSegments.Make(Markers[random.Next(Markers.Length)], payload), .. file.AsSpan(boundary)];
            case 8 when segments.Count > 0:
                var removed = segments[random.Next(segments.Count)];
                return removed.Marker == 0xDA ? copy : JpegSegments.Replace(file, removed, []);
            case 9 when segments.Count > 2:
                var (a, b) = (segments[random.Next(segments.Count - 1)], segments[random.Next(segments.Count - 1)]);
                if (a.Offset > b.Offset)
                    (a, b) = (b, a);
                return a.Offset == b.Offset ? copy :
                    [.. file.AsSpan(0, a.Offset), .. file.AsSpan(b.Offset, b.Length), .. file.AsSpan(a.Offset + a.Length, b.Offset - a.Offset - a.Length),
                        .. file.AsSpan(a.Offset, a.Length), .. file.AsSpan(b.Offset + b.Length)];
            case 10 when segments.Any(s => s.Marker == 0xC4):
                // A count (or the class/id byte) of a Huffman table: the code space over- or under-filled.
                var dhts = segments.Where(s => s.Marker == 0xC4).ToList();
                var dht = dhts[random.Next(dhts.Count)];
                var index = dht.PayloadOffset + random.Next(Math.Min(17, dht.PayloadLength));
                copy[index] = (byte)(random.Next(2) == 0 ? copy[index] + random.Next(-2, 3) : random.Next(256));
                return copy;
            default:
                copy[at] = (byte)~copy[at];
                return copy;
        }
    }

    private static int Position(byte[] file, int headerEnd, Random random) =>
        random.Next(2) == 0 && headerEnd > 2 ? random.Next(2, Math.Min(headerEnd, file.Length)) : random.Next(2, file.Length);
}
