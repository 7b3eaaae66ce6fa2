using System.Diagnostics;
using System.Globalization;
using SkiaSharp;

// poster OUT.jpg WIDTH HEIGHT : a synthetic mosaic-like poster (20-px cells of noisy gradients), JPEG q90
// vips IN OUTDIR             : the Deep Zoom pyramid by libvips' dzsave (NetVips)
// skia IN OUTDIR             : the same pyramid by SkiaSharp (decode whole, halve per level, tiles in parallel)
// Each prints one line: tool, seconds, peak resident memory (VmHWM), tiles, bytes.
return args switch
{
    ["poster", var output, var w, var h] => Poster(output, int.Parse(w, CultureInfo.InvariantCulture), int.Parse(h, CultureInfo.InvariantCulture)),
    ["vips", var input, var dir] => Measure("netvips-dzsave", dir, () => Vips(input, dir)),
    ["skia", var input, var dir] => Measure("skiasharp", dir, () => Skia(input, dir)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: poster OUT W H | vips IN DIR | skia IN DIR");
    return 2;
}

static int Measure(string tool, string dir, Action work)
{
    if (Directory.Exists(dir))
        Directory.Delete(dir, recursive: true);
    Directory.CreateDirectory(dir);
    var clock = Stopwatch.StartNew();
    work();
    var seconds = clock.Elapsed.TotalSeconds;
    var files = Directory.GetFiles(dir, "*", SearchOption.AllDirectories);
    var peak = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{tool}\t{seconds:0.00} s\tpeak {long.Parse(peak.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024} MB\t{files.Length} files\t{files.Sum(f => new FileInfo(f).Length) / 1024 / 1024} MB"));
    return 0;
}

static void Vips(string input, string dir)
{
    using var image = NetVips.Image.NewFromFile(input, access: NetVips.Enums.Access.Sequential);
    image.Dzsave(Path.Combine(dir, "mosaic"), tileSize: 254, overlap: 1, suffix: ".jpg[Q=85]");
}

static void Skia(string input, string dir)
{
    const int TileSize = 254, Overlap = 1;
    var level = SKBitmap.Decode(input) ?? throw new InvalidOperationException("not decodable");
    var maxLevel = (int)Math.Ceiling(Math.Log2(Math.Max(level.Width, level.Height)));
    for (var z = maxLevel; z >= 0; z--)
    {
        var folder = Path.Combine(dir, "mosaic_files", z.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        var columns = (level.Width + TileSize - 1) / TileSize;
        var rows = (level.Height + TileSize - 1) / TileSize;
        var current = level;
        Parallel.For(0, columns * rows, i =>
        {
            var (col, row) = (i % columns, i / columns);
            var x = Math.Max(0, (col * TileSize) - Overlap);
            var y = Math.Max(0, (row * TileSize) - Overlap);
            var right = Math.Min(current.Width, ((col + 1) * TileSize) + Overlap);
            var bottom = Math.Min(current.Height, ((row + 1) * TileSize) + Overlap);
            using var subset = new SKBitmap();
            current.ExtractSubset(subset, new SKRectI(x, y, right, bottom));
            using var data = subset.Encode(SKEncodedImageFormat.Jpeg, 85);
            File.WriteAllBytes(Path.Combine(folder, $"{col}_{row}.jpg"), data.ToArray());
        });
        if (z == 0)
            break;
        var next = new SKBitmap(Math.Max(1, (level.Width + 1) / 2), Math.Max(1, (level.Height + 1) / 2));
        level.ScalePixels(next, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None));
        level.Dispose();
        level = next;
    }

    level.Dispose();
}

static int Poster(string output, int width, int height)
{
    const int Cell = 20;
    var random = new Random(7);
    using var bitmap = new SKBitmap(width, height);
    using (var canvas = new SKCanvas(bitmap))
    using (var paint = new SKPaint())
    {
        for (var y = 0; y < height; y += Cell)
        {
            for (var x = 0; x < width; x += Cell)
            {
                var a = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
                var b = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
                paint.Shader = SKShader.CreateLinearGradient(new SKPoint(x, y), new SKPoint(x + Cell, y + Cell), [a, b], SKShaderTileMode.Clamp);
                canvas.DrawRect(x, y, Cell, Cell, paint);
                paint.Shader.Dispose();
            }
        }
    }

    using var stream = File.Create(output);
    bitmap.Encode(stream, SKEncodedImageFormat.Jpeg, 90);
    return 0;
}
