using Frintr.Imaging.Color;
using Frintr.Imaging.Quality;

namespace Frintr.Tests.Imaging;

public class QualityMetricTests
{
    // Reference pairs from Sharma, Wu and Dalal (2005), "The CIEDE2000 color-difference formula", table 1.
    [Theory]
    [InlineData(50, 2.6772, -79.7751, 50, 0, -82.7485, 2.0425)]
    [InlineData(50, 2.5, 0, 50, 0, -2.5, 4.3065)]
    [InlineData(50, 2.5, 0, 73, 25, -18, 27.1492)]
    [InlineData(60.2574, -34.0099, 36.2677, 60.4626, -34.1751, 39.4387, 1.2644)]
    [InlineData(2.0776, 0.0795, -1.1350, 0.9033, -0.0636, -0.5514, 0.9082)]
    public void DeltaE2000_MatchesPublishedReferencePairs(double l1, double a1, double b1, double l2, double a2, double b2, double expected)
    {
        var d = DeltaE2000.Between(new Lab((float)l1, (float)a1, (float)b1), new Lab((float)l2, (float)a2, (float)b2));

        Assert.Equal(expected, d, 3);
    }

    [Fact]
    public void Lab_FastConversionAgreesWithExact()
    {
        for (int v = 0; v <= 255; v += 5)
        {
            var exact = Lab.FromSrgb(v, 255 - v, v / 2.0);
            var fast = Lab.FromSrgbFast(v, 255 - v, v / 2f);
            Assert.True(DeltaE2000.Between(exact, fast) < 0.01, $"at {v}");
        }
    }

    [Fact]
    public void Ssim_IsOneForIdenticalAndLowerForDifferentPictures()
    {
        var random = new Random(1);
        var x = Enumerable.Range(0, 400).Select(_ => (float)random.Next(256)).ToArray();
        var y = x.Select(v => 255 - v).ToArray();

        Assert.Equal(1, Ssim.Mean(x, x, 20, 20), 6);
        Assert.True(Ssim.Mean(x, y, 20, 20) < 0);
    }
}
