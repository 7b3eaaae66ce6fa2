namespace Frintr.Imaging;

/// <summary>One friend's picture. <paramref name="Open"/> is called when the engine needs the bytes, so that
/// thousands of tiles never sit in memory as originals.</summary>
public sealed record TileInput(string FriendId, Func<Stream> Open)
{
    public static TileInput FromFile(string path) =>
        new(Path.GetFileName(path), () => File.OpenRead(path));

    public static TileInput FromBytes(string friendId, byte[] bytes) =>
        new(friendId, () => new MemoryStream(bytes, writable: false));
}
