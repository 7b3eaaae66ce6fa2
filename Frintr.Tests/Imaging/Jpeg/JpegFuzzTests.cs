using System.Diagnostics;
using System.Globalization;
using SkiaSharp;
using Xunit.Abstractions;

namespace Frintr.Tests.Imaging.Jpeg;

/// <summary>The thumbnail decoder on damaged files: a bounded, seeded mutation run (the same inputs every run, so a
/// failure reproduces), and the folder of files that once broke it, which always runs. Each input must be declined
/// or decoded as Skia decodes it (<see cref="SkiaOracle"/>): never another exception, a hang, or a read past the
/// padding (debug builds check every unchecked read).</summary>
public class JpegFuzzTests(ITestOutputHelper output)
{
    /// <summary>Iterations and seed of the run in the suite; <c>FRINTR_FUZZ_ITERATIONS</c> and <c>FRINTR_FUZZ_SEED</c>
    /// override them for a longer local run.</summary>
    public const int Iterations = 50_000;
    public const int Seed = 12;

    private static readonly string RegressionFolder = Path.Combine(AppContext.BaseDirectory, "Imaging", "Jpeg", "Regressions");

    [Fact]
    public async Task MutatedJpegs_AreDeclinedOrDecodedAsSkiaDoes()
    {
        var iterations = FromEnvironment("FRINTR_FUZZ_ITERATIONS", Iterations);
        var seed = FromEnvironment("FRINTR_FUZZ_SEED", Seed);
        var seeds = FuzzSeeds();
        var (declined, same, current) = (0, 0, -1);
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();

        var run = Task.Run(() =>
        {
            for (var i = 0; i < iterations && failures.Count < 5; i++)
            {
                current = i;
                // Each iteration draws from its own generator: iteration i is the same input whatever came before.
                var random = new Random(HashCode.Combine(seed, i));
                var (name, original) = seeds[random.Next(seeds.Count)];
                var input = JpegMutator.Mutate(original, random);
                var side = MinShortSide(original, random);
                try
                {
                    if (SkiaOracle.Check(input, side) == SkiaOracle.Verdict.Declined)
                        declined++;
                    else
                        same++;
                    if (i % 16 == 0)
                        SkiaOracle.AssertPictureOrRefusal(input, side);
                }
                catch (Exception ex)
                {
                    failures.Add($"iteration {i} (seed {seed}, from {name}, short side {side}): {ex.GetType().Name}: {ex.Message}\n  input saved as {Save(input, seed, i)}");
                }
            }
        });

        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromMinutes(3))) == run;
        Assert.True(finished, $"no answer within 3 minutes at iteration {current} (seed {seed}): a hang");
        await run;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{iterations} mutated JPEGs (seed {seed}) in {clock.Elapsed.TotalSeconds:F1} s: {declined} declined, {same} decoded as Skia does, {failures.Count} failures"));
        Assert.True(failures.Count == 0, "Copy each saved input into Frintr.Tests/Imaging/Jpeg/Regressions/ once fixed.\n" + string.Join("\n", failures));
        Assert.True(same > iterations / 20 && declined > iterations / 20, $"the run should exercise both outcomes: {same} decoded, {declined} declined");
    }

    public static TheoryData<string> RegressionFiles() =>
        [.. Directory.GetFiles(RegressionFolder, "*.jpg").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(RegressionFiles))]
    public void FilesThatOnceBrokeTheDecoder_AreDeclinedOrDecodedAsSkiaDoes(string file)
    {
        var jpeg = File.ReadAllBytes(Path.Combine(RegressionFolder, file));

        foreach (var side in new[] { 1, 8, 20, 40, 100 })
        {
            SkiaOracle.Check(jpeg, side);
            SkiaOracle.AssertPictureOrRefusal(jpeg, side);
        }
    }

    // Small pictures of every layout the decoder takes, and a few it declines, so that mutations can reach both.
    private static List<(string Name, byte[] Jpeg)> FuzzSeeds()
    {
        var upright = TestPictures.NoisyJpeg(80, 64, SKJpegEncoderDownsample.Downsample420);
        return
        [
            ("4:4:4", TestPictures.NoisyJpeg(72, 56, SKJpegEncoderDownsample.Downsample444)),
            ("4:2:0", TestPictures.NoisyJpeg(120, 90, SKJpegEncoderDownsample.Downsample420)),
            ("4:2:0 odd", TestPictures.NoisyJpeg(37, 45, SKJpegEncoderDownsample.Downsample420, quality: 70)),
            ("4:2:2", TestPictures.NoisyJpeg(100, 72, SKJpegEncoderDownsample.Downsample422)),
            ("grey", TestPictures.NoisyJpeg(72, 64, SKJpegEncoderDownsample.Downsample444, grey: true)),
            ("EXIF upright", FormatPictures.JpegWithOrientation(upright, 1)),
            ("EXIF rotated", FormatPictures.JpegWithOrientation(upright, 6)),
            ("restarts", JpegSegments.InsertAfterSoi(upright, [0xFF, 0xDD, 0x00, 0x04, 0x00, 0x00])),
        ];
    }

    // 1/8, 1/4 and sizes in between or above, as a tile library asks.
    private static int MinShortSide(byte[] jpeg, Random random)
    {
        var frame = JpegSegments.Read(jpeg).FirstOrDefault(s => s.Marker is 0xC0 or 0xC1);
        var shortSide = frame.Length == 0 ? 64 : Math.Min(
            (jpeg[frame.PayloadOffset + 1] << 8) | jpeg[frame.PayloadOffset + 2], (jpeg[frame.PayloadOffset + 3] << 8) | jpeg[frame.PayloadOffset + 4]);
        return random.Next(5) switch
        {
            0 => 1,
            1 => (shortSide + 7) / 8,
            2 => ((shortSide + 7) / 8) + 1,
            3 => (shortSide + 3) / 4,
            _ => random.Next(1, 64),
        };
    }

    private static string Save(byte[] input, int seed, int iteration)
    {
        var folder = Path.Combine(Path.GetTempPath(), "frintr-fuzz");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"seed{seed}-iteration{iteration}.jpg");
        File.WriteAllBytes(path, input);
        return path;
    }

    private static int FromEnvironment(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
