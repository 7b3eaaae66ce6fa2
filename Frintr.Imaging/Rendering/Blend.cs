using Frintr.Imaging.Pixels;

namespace Frintr.Imaging.Rendering;

/// <summary>Moves a tile toward its cell: a mean shift (keeps the friend's picture, fixes its colour) and, at
/// high strength, a light overlay of the target (keeps the target's shapes).</summary>
internal static class Blend
{
    public static void Toward(Span<byte> patch, int side, RgbImage target, int x0, int y0, int blend)
    {
        var t = blend / 100f;
        // Overlay grows with the square of the strength: little at low blend, half at 100.
        var overlay = 0.5f * t * t;
        Span<float> shift = stackalloc float[3];
        Span<long> tileSum = stackalloc long[3];
        Span<long> cellSum = stackalloc long[3];
        for (int y = 0; y < side; y++)
        {
            var row = target.Data.AsSpan(((y0 + y) * target.Stride) + (x0 * 3), side * 3);
            var tile = patch.Slice(y * side * 3, side * 3);
            for (int i = 0; i < row.Length; i++)
            {
                cellSum[i % 3] += row[i];
                tileSum[i % 3] += tile[i];
            }
        }

        float n = side * side;
        for (int c = 0; c < 3; c++)
            shift[c] = t * (cellSum[c] - tileSum[c]) / n;

        for (int y = 0; y < side; y++)
        {
            var row = target.Data.AsSpan(((y0 + y) * target.Stride) + (x0 * 3), side * 3);
            var tile = patch.Slice(y * side * 3, side * 3);
            for (int i = 0; i < row.Length; i++)
            {
                var shifted = tile[i] + shift[i % 3];
                var value = ((1 - overlay) * shifted) + (overlay * row[i]);
                tile[i] = (byte)Math.Clamp((int)MathF.Round(value), 0, 255);
            }
        }
    }
}
