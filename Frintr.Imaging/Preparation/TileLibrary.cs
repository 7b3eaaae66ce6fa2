namespace Frintr.Imaging.Preparation;

/// <summary>The usable friends' pictures as square thumbnails of <see cref="ThumbSide"/> pixels (RGB, one pool),
/// large enough that an offset sub-crop is exactly one tile at 1:1. Originals are never kept.</summary>
internal sealed class TileLibrary
{
    public TileLibrary(int tileSize, int thumbSide, IReadOnlyList<string> friends, byte[] pool)
    {
        TileSize = tileSize;
        ThumbSide = thumbSide;
        Friends = friends;
        Pool = pool;
    }

    public int TileSize { get; }

    public int ThumbSide { get; }

    /// <summary>Friend id per usable tile, in input order.</summary>
    public IReadOnlyList<string> Friends { get; }

    public int Count => Friends.Count;

    public byte[] Pool { get; }

    public int ThumbBytes => ThumbSide * ThumbSide * 3;

    public ReadOnlySpan<byte> Thumb(int tile) => Pool.AsSpan(tile * ThumbBytes, ThumbBytes);

    /// <summary>Thumbnail side for a tile size: a sub-crop of 80% of the side is exactly one tile.</summary>
    public static int ThumbSideFor(int tileSize) => (int)Math.Round(tileSize / 0.8);
}
