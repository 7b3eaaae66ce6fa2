using System.Buffers.Binary;

namespace Frintr.Imaging.Decoding.Jpeg;

/// <summary>Whether an APP1 segment leaves a picture as stored, read the way Skia reads EXIF (SkExif, and before it
/// SkParseEncodedOrigin: the TIFF header, IFD0 and the Exif sub-IFD it points to; an orientation is a SHORT of
/// count 1, from 1 to 8). A rotated
/// picture goes to the general decoder, which turns it upright, so the answer must never be "upright" where Skia
/// would rotate: what Skia cannot read counts as upright, as for Skia; where Skia would take the first of several
/// orientations, every one must say upright.</summary>
internal static class ExifOrientation
{
    private const ushort OrientationTag = 0x0112;
    private const ushort ExifIfdTag = 0x8769;
    private const ushort TypeShort = 3;
    private const ushort TypeLong = 4;
    private const int EntryBytes = 12;

    public static bool IsUpright(ReadOnlySpan<byte> app1)
    {
        // Skia's signature is "Exif\0" and one byte of padding; with nothing after them it reads no orientation.
        if (!app1.StartsWith("Exif\0"u8) || app1.Length <= 6)
            return true; // XMP and others
        var tiff = app1[6..];
        if (tiff.Length < 8 || !(tiff.StartsWith("II"u8) || tiff.StartsWith("MM"u8)))
            return true; // no TIFF header: Skia reads nothing either
        var little = tiff[0] == 'I';
        return IsUpright(tiff, little, U32(tiff[4..], little), isRoot: true);
    }

    private static bool IsUpright(ReadOnlySpan<byte> tiff, bool little, uint offset, bool isRoot)
    {
        // Skia versions differ on an IFD that overruns the data (older ones read the entries that fit, newer ones
        // none): the entries that fit are read here, which covers both.
        if (offset > (uint)tiff.Length - 2)
            return true;
        var entries = Math.Min(U16(tiff[(int)offset..], little), (tiff.Length - (int)offset - 2) / EntryBytes);
        for (var i = 0; i < entries; i++)
        {
            var entry = tiff.Slice((int)offset + 2 + (EntryBytes * i), EntryBytes);
            var (tag, type, count) = (U16(entry, little), U16(entry[2..], little), U32(entry[4..], little));
            if (count != 1)
                continue;
            if (tag == OrientationTag && type == TypeShort && U16(entry[8..], little) is > 1 and <= 8)
                return false;
            if (tag == ExifIfdTag && type == TypeLong && isRoot && !IsUpright(tiff, little, U32(entry[8..], little), isRoot: false))
                return false;
        }

        return true;
    }

    private static uint U32(ReadOnlySpan<byte> b, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(b) : BinaryPrimitives.ReadUInt32BigEndian(b);

    private static ushort U16(ReadOnlySpan<byte> b, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(b) : BinaryPrimitives.ReadUInt16BigEndian(b);
}
