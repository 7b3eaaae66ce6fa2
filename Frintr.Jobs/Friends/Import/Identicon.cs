namespace Frintr.Jobs.Friends.Import;

/// <summary>Recognises GitHub's generated identicons in a prepared thumbnail: a left-right mirrored pattern of one
/// colour on GitHub's light grey (#F0F0F0), every pixel a blend of the two. Photos and drawn avatars are neither
/// two-toned nor mirrored to the pixel, so a friend with an identicon has no picture of their own.</summary>
public static class Identicon
{
    private const int Background = 240;
    private const int Tolerance = 12;

    /// <param name="rgb">A square thumbnail, RGB, row after row.</param>
    public static bool Looks(ReadOnlySpan<byte> rgb, int side)
    {
        if (side < 4 || rgb.Length != side * side * 3)
            return false;

        // The foreground: the pixel farthest from the background.
        var (fr, fg, fb, far) = (Background, Background, Background, 0);
        for (int i = 0; i < rgb.Length; i += 3)
        {
            var d = Distance(rgb[i], rgb[i + 1], rgb[i + 2], Background, Background, Background);
            if (d > far)
                (fr, fg, fb, far) = (rgb[i], rgb[i + 1], rgb[i + 2], d);
        }

        if (far < 40 * 40)
            return false;

        int near = 0, full = 0;
        for (int y = 0; y < side; y++)
        {
            for (int x = 0; x < side; x++)
            {
                var i = ((y * side) + x) * 3;
                var m = ((y * side) + (side - 1 - x)) * 3;
                if (Distance(rgb[i], rgb[i + 1], rgb[i + 2], rgb[m], rgb[m + 1], rgb[m + 2]) > Tolerance * Tolerance * 3)
                    return false;
                if (!OnSegment(rgb[i], rgb[i + 1], rgb[i + 2], fr, fg, fb))
                    return false;
                var background = Distance(rgb[i], rgb[i + 1], rgb[i + 2], Background, Background, Background);
                near += background <= Tolerance * Tolerance * 3 ? 1 : 0;
                full += Distance(rgb[i], rgb[i + 1], rgb[i + 2], fr, fg, fb) <= Tolerance * Tolerance * 3 ? 1 : 0;
            }
        }

        // Both colours cover a real part of the picture (an identicon's margin alone is a sixth of it).
        var pixels = side * side;
        return near >= pixels / 8 && full >= pixels / 12;
    }

    // Whether the pixel is a blend of the background and the foreground (near the segment between them).
    private static bool OnSegment(int r, int g, int b, int fr, int fg, int fb)
    {
        double dr = fr - Background, dg = fg - Background, db = fb - Background;
        double pr = r - Background, pg = g - Background, pb = b - Background;
        var length = (dr * dr) + (dg * dg) + (db * db);
        var t = Math.Clamp(((pr * dr) + (pg * dg) + (pb * db)) / length, 0, 1);
        double er = pr - (t * dr), eg = pg - (t * dg), eb = pb - (t * db);
        return (er * er) + (eg * eg) + (eb * eb) <= Tolerance * Tolerance * 3;
    }

    private static int Distance(int r1, int g1, int b1, int r2, int g2, int b2) =>
        ((r1 - r2) * (r1 - r2)) + ((g1 - g2) * (g1 - g2)) + ((b1 - b2) * (b1 - b2));
}
