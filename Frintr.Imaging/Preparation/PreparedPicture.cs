using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Frintr.Imaging.Features;

namespace Frintr.Imaging.Preparation;

/// <summary>What the engine keeps of one picture for one tile size once it is decoded: the square thumbnail
/// (RGB) and the features of its variants. Never the original. Immutable, so one instance can serve every mosaic
/// that uses the picture, and small (a few kB), so it can be cached and shipped between workers
/// (<see cref="ToBytes"/>, <see cref="FromBytes"/>).</summary>
public sealed class PreparedPicture
{
    /// <summary>Bumped when the byte layout of <see cref="ToBytes"/> changes.</summary>
    public const byte LayoutVersion = 1;

    private const uint Magic = 0x50545246; // "FRTP"
    private const int HeaderBytes = 12;

    internal PreparedPicture(int tileSize, byte[] pixels, float[] fine, float[] coarse)
    {
        TileSize = tileSize;
        Side = TileLibrary.ThumbSideFor(tileSize);
        Pixels = pixels;
        Fine = fine;
        Coarse = coarse;
    }

    public int TileSize { get; }

    /// <summary>Side of the square thumbnail, in pixels.</summary>
    public int Side { get; }

    /// <summary>The thumbnail, RGB, row after row (<see cref="Side"/>² · 3 bytes).</summary>
    internal byte[] Pixels { get; }

    /// <summary>Fine features, <c>[variant · FineLength + i]</c> (no padding).</summary>
    internal float[] Fine { get; }

    /// <summary>Coarse features, <c>[variant · CoarseLength + d]</c>.</summary>
    internal float[] Coarse { get; }

    public ReadOnlySpan<byte> Thumbnail => Pixels;

    /// <summary>Bytes this picture takes in memory (its stored form, <see cref="ToBytes"/>, is often smaller).</summary>
    public int SizeInBytes => HeaderBytes + Pixels.Length + ((Fine.Length + Coarse.Length) * sizeof(float));

    /// <summary>The picture as bytes. Where a mirrored variant's features are the unmirrored ones reversed (most tile
    /// sizes), only the unmirrored half is stored: a cache entry is ~40% smaller, and reads back to the same numbers.</summary>
    public byte[] ToBytes()
    {
        var stored = StoredVariants(TileSize);
        var fine = stored * (Fine.Length / Variants.PerTile);
        var coarse = stored * FeatureLayout.CoarseLength;
        var bytes = new byte[HeaderBytes + Pixels.Length + ((fine + coarse) * sizeof(float))];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, Magic);
        span[4] = LayoutVersion;
        span[5] = (byte)stored;
        BinaryPrimitives.WriteUInt16LittleEndian(span[6..], (ushort)TileSize);
        BinaryPrimitives.WriteUInt16LittleEndian(span[8..], (ushort)Side);
        BinaryPrimitives.WriteUInt16LittleEndian(span[10..], (ushort)(Fine.Length / Variants.PerTile));
        Pixels.CopyTo(span[HeaderBytes..]);
        var floats = span[(HeaderBytes + Pixels.Length)..];
        WriteFloats(Fine.AsSpan(0, fine), floats);
        WriteFloats(Coarse.AsSpan(0, coarse), floats[(fine * sizeof(float))..]);
        return bytes;
    }

    // The same rule CandidateSet.Build follows: mirrored features are derived when block boundaries are symmetric.
    private static int StoredVariants(int tileSize)
    {
        var layout = FeatureLayout.For(tileSize);
        return LabGrid.IsSymmetric(tileSize, layout.Fine) && LabGrid.IsSymmetric(tileSize, FeatureLayout.Coarse) ? Variants.Mirrors : Variants.PerTile;
    }

    /// <summary>The picture stored by <see cref="ToBytes"/>, or null when the bytes are not one for
    /// <paramref name="tileSize"/> in this engine's layout (another version, another tile size, cut short).</summary>
    public static PreparedPicture? FromBytes(ReadOnlySpan<byte> bytes, int tileSize)
    {
        if (tileSize is < MosaicLimits.MinTileSize or > MosaicLimits.MaxTileSize || bytes.Length < HeaderBytes)
            return null;
        var side = TileLibrary.ThumbSideFor(tileSize);
        var layout = FeatureLayout.For(tileSize);
        var stored = StoredVariants(tileSize);
        if (BinaryPrimitives.ReadUInt32LittleEndian(bytes) != Magic || bytes[4] != LayoutVersion || bytes[5] != stored
            || BinaryPrimitives.ReadUInt16LittleEndian(bytes[6..]) != tileSize
            || BinaryPrimitives.ReadUInt16LittleEndian(bytes[8..]) != side
            || BinaryPrimitives.ReadUInt16LittleEndian(bytes[10..]) != layout.FineLength)
        {
            return null;
        }

        var pixels = side * side * 3;
        var fine = stored * layout.FineLength;
        var coarse = stored * FeatureLayout.CoarseLength;
        if (bytes.Length != HeaderBytes + pixels + ((fine + coarse) * sizeof(float)))
            return null;

        var floats = bytes[(HeaderBytes + pixels)..];
        var fineFeatures = new float[Variants.PerTile * layout.FineLength];
        var coarseFeatures = new float[Variants.PerTile * FeatureLayout.CoarseLength];
        ReadFloats(floats[..(fine * sizeof(float))], fineFeatures);
        ReadFloats(floats[(fine * sizeof(float))..], coarseFeatures);
        for (int v = stored; v < Variants.PerTile; v++)
        {
            var unmirrored = v - Variants.Mirrors;
            CandidateSet.MirrorGrid(fineFeatures.AsSpan(unmirrored * layout.FineLength, layout.FineLength), layout.Fine,
                fineFeatures.AsSpan(v * layout.FineLength, layout.FineLength));
            CandidateSet.MirrorGrid(coarseFeatures.AsSpan(unmirrored * FeatureLayout.CoarseLength, FeatureLayout.CoarseLength), FeatureLayout.Coarse,
                coarseFeatures.AsSpan(v * FeatureLayout.CoarseLength, FeatureLayout.CoarseLength));
        }

        return new PreparedPicture(tileSize, bytes.Slice(HeaderBytes, pixels).ToArray(), fineFeatures, coarseFeatures);
    }

    /// <summary>Tile <paramref name="tile"/> of a library whose features are in <paramref name="candidates"/>.</summary>
    internal static PreparedPicture From(TileLibrary library, CandidateSet candidates, int tile)
    {
        var length = candidates.Layout.FineLength;
        var fine = new float[Variants.PerTile * length];
        var coarse = new float[Variants.PerTile * FeatureLayout.CoarseLength];
        for (int v = 0; v < Variants.PerTile; v++)
        {
            candidates.FineOf((tile * Variants.PerTile) + v)[..length].CopyTo(fine.AsSpan(v * length));
            for (int d = 0; d < FeatureLayout.CoarseLength; d++)
                coarse[(v * FeatureLayout.CoarseLength) + d] = candidates.CoarseAt(d, tile, v);
        }

        return new PreparedPicture(library.TileSize, library.Thumb(tile).ToArray(), fine, coarse);
    }

    private static void WriteFloats(ReadOnlySpan<float> values, Span<byte> destination)
    {
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(values).CopyTo(destination);
            return;
        }

        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteSingleLittleEndian(destination[(i * sizeof(float))..], values[i]);
    }

    private static void ReadFloats(ReadOnlySpan<byte> source, Span<float> values)
    {
        if (BitConverter.IsLittleEndian)
        {
            source.CopyTo(MemoryMarshal.AsBytes(values));
            return;
        }

        for (int i = 0; i < source.Length / sizeof(float); i++)
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(source[(i * sizeof(float))..]);
    }
}
