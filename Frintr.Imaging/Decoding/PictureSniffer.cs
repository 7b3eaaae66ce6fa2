namespace Frintr.Imaging.Decoding;

/// <summary>Recognises a picture from its first bytes, whatever its name or declared type says: a download can be
/// refused after its first packet, before it is kept or decoded.</summary>
public static class PictureSniffer
{
    /// <summary>Bytes <see cref="Recognize"/> wants to see (fewer only when the file is shorter).</summary>
    public const int HeadLength = 12;

    /// <summary>"JPEG", "PNG", "GIF", "WebP" or "BMP"; null for anything else.</summary>
    public static string? Recognize(ReadOnlySpan<byte> head) => head switch
    {
        [0xFF, 0xD8, 0xFF, ..] => "JPEG",
        [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => "PNG",
        [(byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'7' or (byte)'9', (byte)'a', ..] => "GIF",
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => "WebP",
        [(byte)'B', (byte)'M', ..] when head.Length >= 6 => "BMP",
        _ => null,
    };

    /// <summary>Whether the bytes start like a web page or other markup (after any byte-order mark and spaces).</summary>
    public static bool LooksLikeMarkup(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            head = head[3..];
        var start = head.IndexOfAnyExcept(" \t\r\n"u8);
        return start >= 0 && head[start] == (byte)'<';
    }
}
