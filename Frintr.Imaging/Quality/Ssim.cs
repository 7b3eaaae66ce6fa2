namespace Frintr.Imaging.Quality;

/// <summary>Mean SSIM (Wang et al. 2004) of two grey images with a 7×7 uniform window, 8-bit constants.</summary>
internal static class Ssim
{
    private const int Window = 7;
    private const double C1 = 6.5025;   // (0.01 · 255)²
    private const double C2 = 58.5225;  // (0.03 · 255)²

    public static double Mean(float[] x, float[] y, int width, int height)
    {
        var win = Math.Min(Window, Math.Min(width, height));
        if (win == 0)
            return 1;
        var sx = Integral(width, height, i => x[i]);
        var sy = Integral(width, height, i => y[i]);
        var sxx = Integral(width, height, i => x[i] * (double)x[i]);
        var syy = Integral(width, height, i => y[i] * (double)y[i]);
        var sxy = Integral(width, height, i => x[i] * (double)y[i]);
        double n = win * win, total = 0;
        var count = 0;
        for (int r = 0; r + win <= height; r++)
        {
            for (int c = 0; c + win <= width; c++)
            {
                var mx = Box(sx, width, c, r, win) / n;
                var my = Box(sy, width, c, r, win) / n;
                var vx = (Box(sxx, width, c, r, win) / n) - (mx * mx);
                var vy = (Box(syy, width, c, r, win) / n) - (my * my);
                var cxy = (Box(sxy, width, c, r, win) / n) - (mx * my);
                total += ((2 * mx * my) + C1) * ((2 * cxy) + C2) / (((mx * mx) + (my * my) + C1) * (vx + vy + C2));
                count++;
            }
        }

        return total / count;
    }

    // Summed-area table with a zero first row and column: (width + 1) × (height + 1).
    private static double[] Integral(int width, int height, Func<int, double> value)
    {
        var s = new double[(width + 1) * (height + 1)];
        for (int r = 0; r < height; r++)
        {
            double row = 0;
            for (int c = 0; c < width; c++)
            {
                row += value((r * width) + c);
                s[((r + 1) * (width + 1)) + c + 1] = s[(r * (width + 1)) + c + 1] + row;
            }
        }

        return s;
    }

    private static double Box(double[] s, int width, int c, int r, int win)
    {
        var w = width + 1;
        return s[((r + win) * w) + c + win] - s[(r * w) + c + win] - s[((r + win) * w) + c] + s[(r * w) + c];
    }
}
