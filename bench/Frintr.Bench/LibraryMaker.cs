using System.Globalization;
using System.Text;
using System.Text.Json;
using SkiaSharp;

/// <summary><c>library SOURCES.tsv ROOT OUT COUNT VERSIONS</c>: the built-in library, COUNT square details
/// (128 px, JPEG 85) cut from the listed pictures at various places and scales (fixed seed), and library.json
/// with each detail's title, author, licence and source (package, version, file, crop).</summary>
internal static class LibraryMaker
{
    private const int Side = 128;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static int Make(string sourcesFile, string root, string outDir, int count, string versions)
    {
        var packageVersions = versions.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(v => v.Split(' ', 2)).ToDictionary(v => v[0], v => v.Length > 1 ? v[1] : "?");
        var sources = File.ReadAllLines(sourcesFile).Where(l => l.Length > 0).Select(l => l.Split('\t'))
            .Where(f => f.Length == 6 && File.Exists(Path.Combine(root, f[0]))).ToList();
        Directory.CreateDirectory(outDir);
        var random = new Random(9);
        var entries = new List<Dictionary<string, string>>();
        for (int s = 0; s < sources.Count; s++)
        {
            var (path, title, author, licence, licenceUrl, package) = (sources[s][0], sources[s][1], sources[s][2], sources[s][3], sources[s][4], sources[s][5]);
            using var bitmap = SKBitmap.Decode(Path.Combine(root, path));
            if (bitmap is null)
                continue;
            using var image = SKImage.FromBitmap(bitmap);
            var details = (count / sources.Count) + (s < count % sources.Count ? 1 : 0);
            for (int d = 0; d < details; d++)
            {
                var shortSide = Math.Min(bitmap.Width, bitmap.Height);
                var side = (int)(shortSide * (0.15 + (0.65 * random.NextDouble())));
                var x = random.Next(0, bitmap.Width - side + 1);
                var y = random.Next(0, bitmap.Height - side + 1);
                using var surface = SKSurface.Create(new SKImageInfo(Side, Side, SKColorType.Rgba8888, SKAlphaType.Premul));
                surface.Canvas.Clear(SKColors.White);
                surface.Canvas.DrawImage(image, SKRect.Create(x, y, side, side), SKRect.Create(Side, Side), new SKSamplingOptions(SKCubicResampler.Mitchell));
                using var snapshot = surface.Snapshot();
                using var jpeg = snapshot.Encode(SKEncodedImageFormat.Jpeg, 85);
                var file = $"{entries.Count + 1:D3}-{Slug(title)}.jpg";
                File.WriteAllBytes(Path.Combine(outDir, file), jpeg.ToArray());
                entries.Add(new()
                {
                    ["file"] = file,
                    ["title"] = $"{title}, detail {d + 1}",
                    ["author"] = author,
                    ["licence"] = licence,
                    ["licenceUrl"] = licenceUrl,
                    ["source"] = string.Create(CultureInfo.InvariantCulture,
                        $"Debian package {package} {packageVersions.GetValueOrDefault(package, "?")}: /{path}, square {side} px at ({x}, {y}), scaled to {Side} px"),
                });
            }
        }

        File.WriteAllText(Path.Combine(outDir, "library.json"),
            JsonSerializer.Serialize(new { pictures = entries }, Json) + "\n");
        File.WriteAllText(Path.Combine(outDir, "LICENSES.md"), Licences(entries));
        Console.WriteLine($"{entries.Count} pictures from {sources.Count} sources");
        return 0;
    }

    // One line per source picture: who made it, under which licence, and which of the library's files are cut from it.
    private static string Licences(List<Dictionary<string, string>> entries)
    {
        var text = new StringBuilder();
        text.AppendLine("# Licences of the built-in library").AppendLine();
        text.AppendLine("Every picture in this folder is a 128-pixel square detail, cut and scaled by `scripts/make-builtin-library`,");
        text.AppendLine("of a picture that Debian ships under a free licence. A detail is a derivative work of its source and is");
        text.AppendLine("distributed under the same licence, with the same attribution. `library.json` records, for each file, its");
        text.AppendLine("title, author, licence, and exact source (Debian package and version, file, crop). The licence texts: CC BY-SA");
        text.AppendLine("3.0 and 4.0 at creativecommons.org/licenses/by-sa/, CC0 1.0 at creativecommons.org/publicdomain/zero/1.0/,");
        text.AppendLine("GPL 2 and LGPL 3 at gnu.org/licenses/ (on Debian also in /usr/share/common-licenses/). The public-domain pictures");
        text.AppendLine("(NASA, SpaceX) carry no restrictions.").AppendLine();
        text.AppendLine("| files | source picture | author | licence |");
        text.AppendLine("| --- | --- | --- | --- |");
        foreach (var group in entries.GroupBy(e => e["source"][..e["source"].IndexOf(", square", StringComparison.Ordinal)]))
        {
            var first = group.First();
            text.AppendLine(CultureInfo.InvariantCulture, $"| {group.First()["file"]} … {group.Last()["file"]} | {group.Key} | {first["author"]} | [{first["licence"]}]({first["licenceUrl"]}) |");
        }

        return text.ToString();
    }

    private static string Slug(string title)
    {
        var slug = new StringBuilder();
        foreach (var c in title.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
                slug.Append(char.ToLowerInvariant(c));
            else if (c is ' ' or '-' or '_' && slug.Length > 0 && slug[^1] != '-')
                slug.Append('-');
        }

        return slug.ToString().Trim('-');
    }
}
