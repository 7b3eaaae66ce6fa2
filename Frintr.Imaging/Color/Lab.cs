using System.Runtime.CompilerServices;

namespace Frintr.Imaging.Color;

/// <summary>A CIELAB colour (D65).</summary>
internal readonly record struct Lab(float L, float A, float B)
{
    private const double Epsilon = 216.0 / 24389.0;
    private const double Kappa = 24389.0 / 27.0;

    // sRGB → linear on a fine grid over 0–255 with linear interpolation: block means are fractional, and the exact
    // power function dominated feature extraction. Error below 1e-5, far under one ΔE step.
    private const int TableSteps = 4096;
    private static readonly float[] LinearTable = BuildTable();

    // The CIELAB curve f(t) on 0–1 the same way: the cube root was the other half of the conversion's cost.
    // Above Epsilon the curve is smooth enough that 4,096 steps keep the error near 1e-5 (under 0.002 L).
    private static readonly float[] CurveTable = BuildCurveTable();

    /// <summary>Fast conversion for feature extraction (tabled transfer curve, single precision).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lab FromSrgbFast(float r, float g, float b)
    {
        var lr = Linear(r);
        var lg = Linear(g);
        var lb = Linear(b);
        var x = ((0.4124564f * lr) + (0.3575761f * lg) + (0.1804375f * lb)) / 0.95047f;
        var y = (0.2126729f * lr) + (0.7151522f * lg) + (0.0721750f * lb);
        var z = ((0.0193339f * lr) + (0.1191920f * lg) + (0.9503041f * lb)) / 1.08883f;
        var fx = FFast(x);
        var fy = FFast(y);
        var fz = FFast(z);
        return new Lab((116 * fy) - 16, 500 * (fx - fy), 200 * (fy - fz));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Linear(float c)
    {
        var p = Math.Clamp(c, 0f, 255f) * (TableSteps / 255f);
        var i = Math.Min((int)p, TableSteps - 1);
        var f = p - i;
        return LinearTable[i] + (f * (LinearTable[i + 1] - LinearTable[i]));
    }

    private static float[] BuildTable()
    {
        var table = new float[TableSteps + 1];
        for (int i = 0; i <= TableSteps; i++)
            table[i] = (float)ToLinear(i / (double)TableSteps);
        return table;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float FFast(float t)
    {
        // XYZ of an sRGB colour stays within 0–1 after white-point scaling (up to rounding).
        var p = Math.Clamp(t, 0f, 1f) * TableSteps;
        var i = Math.Min((int)p, TableSteps - 1);
        var f = p - i;
        return CurveTable[i] + (f * (CurveTable[i + 1] - CurveTable[i]));
    }

    private static float[] BuildCurveTable()
    {
        var table = new float[TableSteps + 1];
        for (int i = 0; i <= TableSteps; i++)
            table[i] = (float)F(i / (double)TableSteps);
        return table;
    }

    /// <summary>Converts an sRGB colour given as 0–255 channel values (fractions allowed: block means).</summary>
    public static Lab FromSrgb(double r, double g, double b)
    {
        var lr = ToLinear(r / 255.0);
        var lg = ToLinear(g / 255.0);
        var lb = ToLinear(b / 255.0);
        var x = ((0.4124564 * lr) + (0.3575761 * lg) + (0.1804375 * lb)) / 0.95047;
        var y = (0.2126729 * lr) + (0.7151522 * lg) + (0.0721750 * lb);
        var z = ((0.0193339 * lr) + (0.1191920 * lg) + (0.9503041 * lb)) / 1.08883;
        var fx = F(x);
        var fy = F(y);
        var fz = F(z);
        return new Lab((float)((116 * fy) - 16), (float)(500 * (fx - fy)), (float)(200 * (fy - fz)));
    }

    private static double ToLinear(double c) => c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);

    private static double F(double t) => t > Epsilon ? Math.Cbrt(t) : ((Kappa * t) + 16) / 116;
}
