using System.Globalization;
using Frintr.Imaging;
using SkiaSharp;

// crops SRC_LIST OUT_DIR COUNT [MIN MAX QUALITY]
//                                     : COUNT square-ish photo crops from the listed pictures, MIN–MAX px wide
//                                       (default 160–320), JPEG QUALITY (default 88); fixed seed
// target SRC OUT WIDTH HEIGHT         : SRC centre-cropped and scaled to exactly WIDTH×HEIGHT (PNG)
// compare TARGET MOSAIC CELL          : Frintr's quality figures of any mosaic against its target, one line
// decode DIR SIDE [ROUNDS]            : tile decoding alone, one thread: Frintr's tile decoder vs Skia's codec
// library SOURCES ROOT OUT COUNT VERSIONS : the built-in library (scripts/make-builtin-library)
// friends URL_FORMAT COUNT TARGET_URL ROUNDS [TILECACHE] : the worker's gathering stage, cold and warm (bench/friends.sh)
// import FRIENDS PER_PAGE LATENCY_MS ROUNDS : the Mastodon importer against a slow stand-in (bench/friends.sh)
return args switch
{
    ["crops", var list, var dir, var count] => Crops(File.ReadAllLines(list), dir, int.Parse(count, CultureInfo.InvariantCulture), 160, 320, 88),
    ["crops", var list, var dir, var count, var min, var max, var quality] => Crops(File.ReadAllLines(list), dir,
        int.Parse(count, CultureInfo.InvariantCulture), int.Parse(min, CultureInfo.InvariantCulture),
        int.Parse(max, CultureInfo.InvariantCulture), int.Parse(quality, CultureInfo.InvariantCulture)),
    ["target", var src, var dst, var w, var h] => Target(src, dst, int.Parse(w, CultureInfo.InvariantCulture), int.Parse(h, CultureInfo.InvariantCulture)),
    ["compare", var target, var mosaic, var cell] => Compare(target, mosaic, int.Parse(cell, CultureInfo.InvariantCulture)),
    ["decode", var dir, var side] => DecodeAll(dir, int.Parse(side, CultureInfo.InvariantCulture), 5),
    ["decode", var dir, var side, var rounds] => DecodeAll(dir, int.Parse(side, CultureInfo.InvariantCulture), int.Parse(rounds, CultureInfo.InvariantCulture)),
    ["library", var sources, var root, var dir, var count, var versions] => LibraryMaker.Make(sources, root, dir, int.Parse(count, CultureInfo.InvariantCulture), versions),
    ["friends", var url, var count, var target, var rounds] => await FriendsBench.RunAsync(url, Int(count), target, Int(rounds), null),
    ["friends", var url, var count, var target, var rounds, var cache] => await FriendsBench.RunAsync(url, Int(count), target, Int(rounds), cache),
    ["import", var friends, var perPage, var latency, var rounds] => await FriendsBench.ImportAsync(Int(friends), Int(perPage), Int(latency), Int(rounds)),
    _ => Usage(),
};

static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

static int Usage()
{
    Console.Error.WriteLine("usage: crops LIST DIR COUNT [MIN MAX QUALITY] | target SRC OUT W H | compare TARGET MOSAIC CELL | decode DIR SIDE [ROUNDS]");
    return 2;
}

static int Crops(string[] sources, string dir, int count, int minSize, int maxSize, int quality)
{
    Directory.CreateDirectory(dir);
    var random = new Random(1);
    var plans = Enumerable.Range(0, count).Select(i => (Index: i, Source: sources[i % sources.Length],
        Side: 0.2 + (0.6 * random.NextDouble()), X: random.NextDouble(), Y: random.NextDouble(),
        Aspect: 0.75 + (0.55 * random.NextDouble()), Size: random.Next(minSize, maxSize + 1))).ToList();
    // One source at a time, its crops in parallel: bounded memory.
    foreach (var group in plans.GroupBy(p => p.Source))
    {
        using var bitmap = SKBitmap.Decode(group.Key);
        if (bitmap is null)
            continue;
        using var image = SKImage.FromBitmap(bitmap);
        Parallel.ForEach(group, p =>
        {
            var side = p.Side * Math.Min(bitmap.Width, bitmap.Height);
            var w = side * Math.Sqrt(p.Aspect);
            var h = side / Math.Sqrt(p.Aspect);
            w = Math.Min(w, bitmap.Width);
            h = Math.Min(h, bitmap.Height);
            var x = p.X * (bitmap.Width - w);
            var y = p.Y * (bitmap.Height - h);
            var outW = p.Size;
            var outH = (int)Math.Round(p.Size * h / w);
            using var crop = new SKBitmap(outW, outH);
            using (var canvas = new SKCanvas(crop))
            {
                canvas.Clear(SKColors.White);
                canvas.DrawImage(image, SKRect.Create((float)x, (float)y, (float)w, (float)h), SKRect.Create(outW, outH),
                    new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
            }

            using var file = File.Create(Path.Combine(dir, $"crop{p.Index:D5}.jpg"));
            crop.Encode(file, SKEncodedImageFormat.Jpeg, quality);
        });
    }

    return 0;
}

static int Target(string src, string dst, int width, int height)
{
    using var bitmap = SKBitmap.Decode(src) ?? throw new InvalidOperationException($"cannot decode {src}");
    var scale = Math.Max((double)width / bitmap.Width, (double)height / bitmap.Height);
    var w = width / scale;
    var h = height / scale;
    using var image = SKImage.FromBitmap(bitmap);
    using var result = new SKBitmap(width, height);
    using (var canvas = new SKCanvas(result))
    {
        canvas.Clear(SKColors.White);
        canvas.DrawImage(image, SKRect.Create((float)((bitmap.Width - w) / 2), (float)((bitmap.Height - h) / 2), (float)w, (float)h),
            SKRect.Create(width, height), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
    }

    using var file = File.Create(dst);
    result.Encode(file, SKEncodedImageFormat.Png, 100);
    return 0;
}

static int Compare(string target, string mosaic, int cell)
{
    var q = MosaicQuality.Compare(() => File.OpenRead(target), () => File.OpenRead(mosaic), cell);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"dE_cells={q.MeanDeltaE2000Cells:F3} dE_blocks4={q.MeanDeltaE2000Blocks4:F3} ssim={q.Ssim:F4}"));
    return 0;
}

// Tile decoding alone, one thread, pictures already in memory: Frintr's tile decoder (PictureDecoder.TryDecodeOpaque:
// its own 1/8- and 1/4-scale decoders for baseline JPEGs, else Skia) against Skia's codec at the scale Frintr would
// ask of it, into the same kind of buffer. The two take turns for ROUNDS rounds; times are medians. Then the same per
// scale Skia decodes at.
static int DecodeAll(string dir, int side, int rounds)
{
    var files = Directory.GetFiles(dir).Select(File.ReadAllBytes).ToList();
    var buffer = new byte[64 * 64 * 4];
    (double Skia, double Frintr) Time(List<byte[]> pictures)
    {
        var (skia, frintr) = (new List<double>(), new List<double>());
        for (var round = 0; round < rounds; round++)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            foreach (var bytes in pictures)
                SkiaDecode(bytes, side, ref buffer);
            skia.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            foreach (var bytes in pictures)
                _ = Frintr.Imaging.Decoding.PictureDecoder.TryDecodeOpaque(new MemoryStream(bytes), side, ref buffer);
            frintr.Add(clock.Elapsed.TotalMilliseconds);
        }

        return (skia.Order().ElementAt(rounds / 2), frintr.Order().ElementAt(rounds / 2));
    }

    var (s, f) = Time(files);
    var worst = files.Max(bytes => Difference(bytes, side));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{files.Count} pictures, {files.Sum(b => (long)b.Length) / 1e6:F1} MB, 1 thread, median of {rounds}: skia {s:F0} ms ({s * 1000 / files.Count:F0} µs each), frintr {f:F0} ms ({f * 1000 / files.Count:F0} µs each), {s / f:F2}×; largest mean difference in one picture {worst:F2} levels (2×2 pixel groups)"));
    foreach (var group in files.GroupBy(bytes => ScaleOf(bytes, side)).OrderBy(g => g.Key))
    {
        var list = group.ToList();
        var (gs, gf) = Time(list);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  at {group.Key}/8: {list.Count} pictures, {list.Average(b => b.Length) / 1e3:F1} kB each: skia {gs * 1000 / list.Count:F0} µs each, frintr {gf * 1000 / list.Count:F0} µs each, {gs / gf:F2}×"));
    }

    return 0;
}

// How far Frintr's pixels are from Skia's for one picture: the mean, over 2×2 pixel groups (one chroma block of a
// 4:2:0 JPEG at 1/8 scale) and channels, of the groups' mean difference. 0 where Frintr used Skia itself.
static double Difference(byte[] bytes, int side)
{
    var skia = Array.Empty<byte>();
    var frintr = Array.Empty<byte>();
    var size = SkiaDecode(bytes, side, ref skia);
    var pixels = Frintr.Imaging.Decoding.PictureDecoder.TryDecodeOpaque(new MemoryStream(bytes), side, ref frintr)
        ?? throw new InvalidOperationException("not an opaque, upright picture");
    if ((pixels.Width, pixels.Height) != (size.Width, size.Height))
        throw new InvalidOperationException($"sizes differ: {pixels.Width}×{pixels.Height} against Skia's {size}");
    double sum = 0;
    var groups = 0;
    for (var y = 0; y + 1 < size.Height; y += 2)
    {
        for (var x = 0; x + 1 < size.Width; x += 2)
        {
            for (var channel = 0; channel < 3; channel++)
            {
                var difference = 0;
                foreach (var (dx, dy) in new[] { (0, 0), (1, 0), (0, 1), (1, 1) })
                {
                    var i = ((y + dy) * pixels.RowBytes) + ((x + dx) * 4) + channel;
                    difference += frintr[i] - skia[i];
                }

                sum += Math.Abs(difference) / 4.0;
                groups++;
            }
        }
    }

    return groups == 0 ? 0 : sum / groups;
}

// The k of the k/8 scale Skia decodes BYTES at for SIDE.
static int ScaleOf(byte[] bytes, int side)
{
    using var data = SKData.CreateCopy(bytes);
    using var codec = SKCodec.Create(data);
    var scratch = Array.Empty<byte>();
    var size = SkiaDecode(bytes, side, ref scratch);
    return (int)Math.Round(8.0 * size.Width / codec.Info.Width);
}

// Skia's codec at the first k/8 scale whose short side reaches SIDE (as PictureDecoder asks it), RGBA, into BUFFER.
static SKSizeI SkiaDecode(byte[] bytes, int side, ref byte[] buffer)
{
    using var data = SKData.CreateCopy(bytes);
    using var codec = SKCodec.Create(data);
    var shortSide = Math.Min(codec.Info.Width, codec.Info.Height);
    var size = codec.Info.Size;
    for (var scale = (float)side / shortSide; scale < 1; scale *= 1.2f)
    {
        var scaled = codec.GetScaledDimensions(scale);
        if (Math.Min(scaled.Width, scaled.Height) >= side)
        {
            size = scaled;
            break;
        }
    }

    var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
    if (buffer.Length < info.BytesSize)
        buffer = new byte[info.BytesSize];
    unsafe
    {
        fixed (byte* pixels = buffer)
            codec.GetPixels(info, (nint)pixels);
    }

    return size;
}
