using System.Runtime.CompilerServices;
using Frintr.Imaging;
using SkiaSharp;

namespace Frintr.Tests.Imaging;

/// <summary>A small fixed input rendered and compared with a committed reference picture (160×120 PNG).
/// Tolerance: mean absolute channel difference ≤ 1.5 (of 255) and at most 2% of pixels off by more than 24,
/// so that codec or resampler rounding passes but a changed match or layout fails.
/// Regenerate with FRINTR_UPDATE_REFERENCES=1 after an intended change, and look at the picture.</summary>
public class ReferenceImageTests
{
    private const double MaxMeanDifference = 1.5;
    private const double MaxFarPixelShare = 0.02;
    private const int FarDifference = 24;

    [Fact]
    public void Render_SmallFixedInput_MatchesReferencePicture()
    {
        var path = Path.Combine(Here(), "Reference", "small-mosaic.png");
        var actual = RenderFixed(out var result);

        if (Environment.GetEnvironmentVariable("FRINTR_UPDATE_REFERENCES") == "1")
            File.WriteAllBytes(path, actual);
        Assert.True(File.Exists(path), $"missing reference {path}; run once with FRINTR_UPDATE_REFERENCES=1");

        using var expected = TestPictures.DecodeBitmap(File.ReadAllBytes(path));
        using var got = TestPictures.DecodeBitmap(actual);
        Assert.Equal((expected.Width, expected.Height), (got.Width, got.Height));
        var (mean, farShare) = Difference(expected, got);
        Assert.True(mean <= MaxMeanDifference, $"mean difference {mean:F2}");
        Assert.True(farShare <= MaxFarPixelShare, $"{farShare:P1} of pixels differ by more than {FarDifference}");

        // And the mosaic is a faithful one, not just a stable one.
        Assert.InRange(result.Quality.MeanDeltaE2000Cells, 0, 14); // 12.0 when the reference was made: 64 solid colours are coarse
        Assert.InRange(result.Quality.Ssim, 0.3, 1); // 0.47 when made
    }

    private static byte[] RenderFixed(out MosaicResult result)
    {
        var tiles = TestPictures.SolidLibrary(64);
        for (int i = 0; i < 8; i++)
        {
            var bytes = TestPictures.Draw(48, 36, SKEncodedImageFormat.Png, canvas =>
            {
                using var paint = new SKPaint();
                paint.Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(48, 36 * (i % 3)),
                    [SKColor.FromHsv(i * 45, 80, 90), SKColor.FromHsv((i * 45) + 120, 60, 30)], SKShaderTileMode.Clamp);
                canvas.DrawRect(0, 0, 48, 36, paint);
            });
            tiles.Add(TileInput.FromBytes($"gradient{i}", bytes));
        }

        using var output = new MemoryStream();
        result = new MosaicEngine().Render(() => new MemoryStream(TestPictures.Gradient(160, 120)), tiles,
            new MosaicSettings { Columns = 16, TileSize = 10, RepeatDistance = 1, Seed = 3, Format = MosaicFormat.Png },
            output, null, CancellationToken.None);
        return output.ToArray();
    }

    private static (double Mean, double FarShare) Difference(SKBitmap a, SKBitmap b)
    {
        long sum = 0, far = 0;
        for (int y = 0; y < a.Height; y++)
        {
            for (int x = 0; x < a.Width; x++)
            {
                var p = a.GetPixel(x, y);
                var q = b.GetPixel(x, y);
                var d = Math.Abs(p.Red - q.Red) + Math.Abs(p.Green - q.Green) + Math.Abs(p.Blue - q.Blue);
                sum += d;
                if (d / 3 > FarDifference)
                    far++;
            }
        }

        double pixels = a.Width * a.Height;
        return (sum / (pixels * 3), far / pixels);
    }

    private static string Here([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
