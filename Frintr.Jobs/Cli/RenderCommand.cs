using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Frintr.Imaging;

namespace Frintr.Jobs.Cli;

/// <summary><c>render</c>: makes a mosaic offline from a folder of pictures.</summary>
internal static class RenderCommand
{
    private const string Usage =
        "usage: render --target T.jpg --tiles DIR --out M.jpg [--columns 50] [--tile-size 20] [--repeat-distance 5] [--blend 0] [--seed N] [--everyone-appears] [--report R.json]";

    private static readonly string[] PictureExtensions = [".jpg", ".jpeg", ".png", ".webp", ".gif", ".bmp"];

    public static async Task<int> RunAsync(string[] args)
    {
        RenderOptions options;
        try
        {
            options = RenderOptions.Parse(args);
        }
        catch (FormatException ex)
        {
            await Console.Error.WriteLineAsync($"render: {ex.Message}\n{Usage}");
            return 2;
        }

        if (!File.Exists(options.Target))
            return await Fail($"the target picture '{options.Target}' does not exist.");
        if (!Directory.Exists(options.Tiles))
            return await Fail($"the tiles folder '{options.Tiles}' does not exist.");

        var files = Directory.EnumerateFiles(options.Tiles, "*", SearchOption.AllDirectories)
            .Where(f => PictureExtensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Order(StringComparer.Ordinal)
            .ToList();
        var tiles = files.Select(f => new TileInput(Path.GetRelativePath(options.Tiles, f), () => File.OpenRead(f))).ToList();
        var stopwatch = Stopwatch.StartNew();
        var temp = options.Out + ".part";
        try
        {
            MosaicResult result;
            using (var bar = new ProgressBar(!Console.IsOutputRedirected))
            await using (var output = File.Create(temp))
            {
                result = new MosaicEngine().Render(
                    () => File.OpenRead(options.Target), tiles, options.Settings, output, bar, CancellationToken.None);
            }

            File.Move(temp, options.Out, overwrite: true);
            var seconds = stopwatch.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{options.Out}: {result.Width}×{result.Height}, {result.Map.Columns}×{result.Map.Rows} cells from {result.TilesUsed} pictures ({result.Skipped.Count} skipped) in {seconds:F2} s; ΔE2000 cells {result.Quality.MeanDeltaE2000Cells:F2}, 4-px blocks {result.Quality.MeanDeltaE2000Blocks4:F2}, SSIM {result.Quality.Ssim:F3}"));
            Console.WriteLine("  steps: " + string.Join(", ", result.Timings.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Step} {t.Seconds:F2} s"))));
            if (options.Report is { } report)
                await File.WriteAllTextAsync(report, JsonSerializer.Serialize(new RenderReport(seconds, result), RenderReportJson.Default.RenderReport));
            return 0;
        }
        catch (MosaicInputException ex)
        {
            File.Delete(temp);
            return await Fail(ex.Message);
        }
    }

    private static async Task<int> Fail(string message)
    {
        await Console.Error.WriteLineAsync($"render: {message}");
        return 2;
    }

    /// <summary>The <c>render</c> command's options; exactly these names, scripts outside the project use them.</summary>
    private sealed record RenderOptions(string Target, string Tiles, string Out, MosaicSettings Settings, string? Report)
    {
        public static RenderOptions Parse(string[] args)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            string[] known = ["--target", "--tiles", "--out", "--columns", "--tile-size", "--repeat-distance", "--blend", "--seed", "--report"];
            var flags = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < args.Length; i++)
            {
                var name = args[i];
                if (name == "--everyone-appears")
                {
                    flags.Add(name);
                    continue;
                }

                string value;
                var eq = name.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0)
                {
                    value = name[(eq + 1)..];
                    name = name[..eq];
                }
                else
                {
                    if (i + 1 >= args.Length)
                        throw new FormatException($"{name} needs a value.");
                    value = args[++i];
                }

                if (!known.Contains(name))
                    throw new FormatException($"unknown option '{name}'.");
                values[name] = value;
            }

            string Required(string name) => values.TryGetValue(name, out var v) ? v : throw new FormatException($"{name} is required.");
            var defaults = new MosaicSettings();
            int Number(string name, int fallback)
            {
                if (!values.TryGetValue(name, out var text))
                    return fallback;
                return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
                    ? n
                    : throw new FormatException($"{name} must be a whole number (got '{text}').");
            }

            var output = Required("--out");
            var settings = defaults with
            {
                Columns = Number("--columns", defaults.Columns),
                TileSize = Number("--tile-size", defaults.TileSize),
                RepeatDistance = Number("--repeat-distance", defaults.RepeatDistance),
                Blend = Number("--blend", defaults.Blend),
                Seed = Number("--seed", defaults.Seed),
                EveryoneAppears = flags.Contains("--everyone-appears"),
                Format = Path.GetExtension(output).ToLowerInvariant() switch
                {
                    ".png" => MosaicFormat.Png,
                    ".webp" => MosaicFormat.Webp,
                    ".jpg" or ".jpeg" => MosaicFormat.Jpeg,
                    var other => throw new FormatException($"--out must end in .jpg, .png or .webp (got '{other}')."),
                },
            };
            return new RenderOptions(Required("--target"), Required("--tiles"), output, settings, values.GetValueOrDefault("--report"));
        }
    }

    /// <summary>A one-line progress bar on a terminal; silent when the output is redirected (logs, scripts).</summary>
    private sealed class ProgressBar(bool enabled) : IProgress<RenderProgress>, IDisposable
    {
        private const int Width = 30;
        private int _shown = -1;

        public void Report(RenderProgress value)
        {
            if (!enabled)
                return;
            var percent = (int)(value.Fraction * 100);
            if (percent == _shown)
                return;
            _shown = percent;
            var filled = percent * Width / 100;
            Console.Write($"\r[{new string('#', filled)}{new string('.', Width - filled)}] {percent,3}% {value.Stage,-8}");
        }

        public void Dispose()
        {
            if (enabled && _shown >= 0)
                Console.WriteLine();
        }
    }
}

/// <summary>What <c>render --report</c> writes: the wall time and everything the engine says about the mosaic.</summary>
internal sealed record RenderReport(double Seconds, MosaicResult Result);

// Generated at build time: reflection-based serialisation cost ~0.1 s of a ~1 s render on first use.
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(RenderReport))]
internal sealed partial class RenderReportJson : JsonSerializerContext;
