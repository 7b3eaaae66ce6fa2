using System.Globalization;
using Frintr.Imaging;
using SkiaSharp;

// crops SRC_LIST OUT_DIR COUNT [MIN MAX QUALITY]
//                                     : COUNT square-ish photo crops from the listed pictures, MIN–MAX px wide
//                                       (default 160–320), JPEG QUALITY (default 88); fixed seed
// target SRC OUT WIDTH HEIGHT         : SRC centre-cropped and scaled to exactly WIDTH×HEIGHT (PNG)
// compare TARGET MOSAIC CELL          : Frintr's quality figures of any mosaic against its target, one line
// decode DIR SIDE                     : decode cost probe (one thread): PictureDecoder vs raw SKCodec
return args switch
{
    ["crops", var list, var dir, var count] => Crops(File.ReadAllLines(list), dir, int.Parse(count, CultureInfo.InvariantCulture), 160, 320, 88),
    ["crops", var list, var dir, var count, var min, var max, var quality] => Crops(File.ReadAllLines(list), dir,
        int.Parse(count, CultureInfo.InvariantCulture), int.Parse(min, CultureInfo.InvariantCulture),
        int.Parse(max, CultureInfo.InvariantCulture), int.Parse(quality, CultureInfo.InvariantCulture)),
    ["target", var src, var dst, var w, var h] => Target(src, dst, int.Parse(w, CultureInfo.InvariantCulture), int.Parse(h, CultureInfo.InvariantCulture)),
    ["compare", var target, var mosaic, var cell] => Compare(target, mosaic, int.Parse(cell, CultureInfo.InvariantCulture)),
    ["decode", var dir, var side] => DecodeAll(dir, int.Parse(side, CultureInfo.InvariantCulture)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: crops LIST DIR COUNT [MIN MAX QUALITY] | target SRC OUT W H | compare TARGET MOSAIC CELL");
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

static int DecodeAll(string dir, int side)
{
    var files = Directory.GetFiles(dir);
    var sw = System.Diagnostics.Stopwatch.StartNew();
    long read = 0;
    foreach (var f in files)
        read += File.ReadAllBytes(f).Length;
    var tRead = sw.ElapsedMilliseconds;
    sw.Restart();
    foreach (var f in files)
    {
        using var s = File.OpenRead(f);
        using var b = Frintr.Imaging.Decoding.PictureDecoder.Decode(s, side);
    }

    var tDecode = sw.ElapsedMilliseconds;
    sw.Restart();
    long px = 0;
    foreach (var f in files)
    {
        var bytes = File.ReadAllBytes(f);
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        var d = codec.GetScaledDimensions((float)side / Math.Min(codec.Info.Width, codec.Info.Height));
        var info = new SKImageInfo(d.Width, d.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var bmp = new SKBitmap(info);
        codec.GetPixels(info, bmp.GetPixels());
        px += d.Width * d.Height;
    }

    Console.WriteLine($"{files.Length} files {read / 1e6:F1} MB: read {tRead} ms, decode {tDecode} ms, raw {sw.ElapsedMilliseconds} ms {px / files.Length} px avg (1 thread)");
    return 0;
}
