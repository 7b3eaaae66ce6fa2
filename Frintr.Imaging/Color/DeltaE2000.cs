namespace Frintr.Imaging.Color;

/// <summary>CIEDE2000 colour difference (Sharma, Wu and Dalal's formulation, kL = kC = kH = 1).</summary>
internal static class DeltaE2000
{
    private const double Pow25To7 = 6103515625.0;

    public static double Between(Lab x, Lab y)
    {
        double l1 = x.L, a1 = x.A, b1 = x.B, l2 = y.L, a2 = y.A, b2 = y.B;
        var c1 = Math.Sqrt((a1 * a1) + (b1 * b1));
        var c2 = Math.Sqrt((a2 * a2) + (b2 * b2));
        var cMean = (c1 + c2) / 2;
        var cMean7 = Math.Pow(cMean, 7);
        var g = 0.5 * (1 - Math.Sqrt(cMean7 / (cMean7 + Pow25To7)));
        var a1p = (1 + g) * a1;
        var a2p = (1 + g) * a2;
        var c1p = Math.Sqrt((a1p * a1p) + (b1 * b1));
        var c2p = Math.Sqrt((a2p * a2p) + (b2 * b2));
        var h1p = Hue(b1, a1p);
        var h2p = Hue(b2, a2p);

        var dLp = l2 - l1;
        var dCp = c2p - c1p;
        double dhp;
        if (c1p * c2p == 0)
            dhp = 0;
        else if (Math.Abs(h2p - h1p) <= 180)
            dhp = h2p - h1p;
        else if (h2p - h1p > 180)
            dhp = h2p - h1p - 360;
        else
            dhp = h2p - h1p + 360;
        var dHp = 2 * Math.Sqrt(c1p * c2p) * Math.Sin(Radians(dhp / 2));

        var lMean = (l1 + l2) / 2;
        var cpMean = (c1p + c2p) / 2;
        double hpMean;
        if (c1p * c2p == 0)
            hpMean = h1p + h2p;
        else if (Math.Abs(h1p - h2p) <= 180)
            hpMean = (h1p + h2p) / 2;
        else if (h1p + h2p < 360)
            hpMean = (h1p + h2p + 360) / 2;
        else
            hpMean = (h1p + h2p - 360) / 2;

        var t = 1 - (0.17 * Math.Cos(Radians(hpMean - 30))) + (0.24 * Math.Cos(Radians(2 * hpMean)))
            + (0.32 * Math.Cos(Radians((3 * hpMean) + 6))) - (0.20 * Math.Cos(Radians((4 * hpMean) - 63)));
        var dTheta = 30 * Math.Exp(-Math.Pow((hpMean - 275) / 25, 2));
        var cpMean7 = Math.Pow(cpMean, 7);
        var rc = 2 * Math.Sqrt(cpMean7 / (cpMean7 + Pow25To7));
        var lm50 = (lMean - 50) * (lMean - 50);
        var sl = 1 + (0.015 * lm50 / Math.Sqrt(20 + lm50));
        var sc = 1 + (0.045 * cpMean);
        var sh = 1 + (0.015 * cpMean * t);
        var rt = -Math.Sin(Radians(2 * dTheta)) * rc;

        var tl = dLp / sl;
        var tc = dCp / sc;
        var th = dHp / sh;
        return Math.Sqrt((tl * tl) + (tc * tc) + (th * th) + (rt * tc * th));
    }

    private static double Hue(double b, double a)
    {
        if (a == 0 && b == 0)
            return 0;
        var h = Math.Atan2(b, a) * 180 / Math.PI;
        return h < 0 ? h + 360 : h;
    }

    private static double Radians(double degrees) => degrees * Math.PI / 180;
}
