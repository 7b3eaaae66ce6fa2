using Frintr.Imaging;
using Frintr.Imaging.DeepZoom;
using Frintr.Imaging.Rendering;
using SkiaSharp;

namespace Frintr.Tests.Imaging;

/// <summary>What the engine and the worker make for the pages: the progressive preview, the crop, the Deep Zoom
/// pyramid and the faces.</summary>
public sealed class PreviewAndPyramidTests
{
    private static MosaicResult Render(MosaicSettings settings, MosaicEngineOptions options, Stream? output = null, byte[]? target = null) =>
        new MosaicEngine(options).Render(() => new MemoryStream(target ?? TestPictures.Gradient(240, 160)), TestPictures.SolidLibrary(27),
            settings, output ?? new MemoryStream());

    [Fact]
    public void The_preview_ends_with_the_whole_mosaic_small_and_within_its_byte_limit()
    {
        var frames = new List<PreviewFrame>();
        var settings = new MosaicSettings { Columns = 60, TileSize = 12, RepeatDistance = 1 };
        using var output = new MemoryStream();
        Render(settings, new MosaicEngineOptions { Preview = new PreviewOptions { Frame = f => { lock (frames) frames.Add(f); }, MaxSide = 600, MaxBytes = 30_000 } }, output);

        Assert.NotEmpty(frames);
        Assert.All(frames, f => Assert.True(f.Jpeg.Length <= 30_000, $"{f.Jpeg.Length} bytes"));
        var last = frames[^1];
        Assert.Equal((600, 400), (last.Width, last.Height)); // 10 pixels a cell, 60 × 40 cells
        using var preview = SKBitmap.Decode(last.Jpeg);
        using var mosaic = SKBitmap.Decode(output.ToArray());
        Assert.Equal((600, 400), (preview.Width, preview.Height));
        // Each preview cell is its painted cell averaged down: a cell's centre is as light as the mosaic's there.
        static double Luma(SKColor c) => (0.299 * c.Red) + (0.587 * c.Green) + (0.114 * c.Blue);
        foreach (var (col, row) in new[] { (30, 20), (5, 5), (50, 35) })
        {
            var a = preview.GetPixel((col * 10) + 5, (row * 10) + 5);
            var b = mosaic.GetPixel((col * 12) + 6, (row * 12) + 6);
            Assert.True(Math.Abs(Luma(a) - Luma(b)) < 20, $"cell {col},{row}: {a} vs {b}");
        }
    }

    [Fact]
    public void Frames_come_no_more_often_than_asked_while_painting()
    {
        var times = new List<long>();
        var settings = new MosaicSettings { Columns = 200, TileSize = 16, RepeatDistance = 0 };
        Render(settings, new MosaicEngineOptions { Preview = new PreviewOptions { Frame = _ => { lock (times) times.Add(Environment.TickCount64); }, Every = TimeSpan.FromSeconds(10) } });

        // The first row's frame and the finished one: ten seconds never pass in between here.
        Assert.InRange(times.Count, 1, 2);
    }

    [Fact]
    public void A_crop_rebuilds_only_that_part_with_its_aspect()
    {
        // Left half red, right half blue: a crop of the right quarter is all blue.
        var target = TestPictures.Draw(200, 100, SKEncodedImageFormat.Png, c =>
        {
            c.Clear(SKColors.Red);
            using var blue = new SKPaint { Color = SKColors.Blue };
            c.DrawRect(100, 0, 100, 100, blue);
        });
        using var output = new MemoryStream();
        var result = Render(new MosaicSettings { Columns = 10, TileSize = 8, Crop = new CropBox(0.75, 0, 0.25, 1), Blend = 100, RepeatDistance = 0 }, new(), output, target);

        Assert.Equal((80, 160), (result.Width, result.Height)); // 50 × 100 pixels: twice as tall as wide
        using var mosaic = SKBitmap.Decode(output.ToArray());
        var centre = mosaic.GetPixel(40, 80);
        Assert.True(centre.Blue > 150 && centre.Red < 100, centre.ToString());
    }

    [Theory]
    [InlineData(-0.1, 0, 0.5, 0.5)]
    [InlineData(0.6, 0, 0.5, 0.5)]
    [InlineData(0, 0, 0.01, 1)]
    [InlineData(double.NaN, 0, 1, 1)]
    public void A_crop_outside_the_picture_is_refused_in_words(double left, double top, double width, double height)
    {
        var problem = MosaicLimits.CheckCrop(new CropBox(left, top, width, height));

        Assert.Equal("The crop must lie inside the picture and keep at least 5% of each side.", problem);
        Assert.Throws<MosaicInputException>(() => Render(new MosaicSettings { Crop = new CropBox(left, top, width, height) }, new()));
    }

    [Fact]
    public void The_pyramid_has_every_level_down_to_one_pixel_and_a_descriptor()
    {
        var folder = Directory.CreateTempSubdirectory("frintr-pyramid-").FullName;
        try
        {
            var picture = Path.Combine(folder, "mosaic");
            File.WriteAllBytes(picture, TestPictures.Gradient(600, 300, SKEncodedImageFormat.Jpeg));

            var layout = DeepZoomPyramid.Write(picture, Path.Combine(folder, "out"), "mosaic", MosaicFormat.Jpeg);

            Assert.Equal(new DeepZoomLayout(600, 300, 254, 1, "jpg"), layout);
            var levels = Path.Combine(folder, "out", "mosaic_files");
            Assert.Equal(DeepZoomPyramid.MaxLevel(600, 300) + 1, Directory.GetDirectories(levels).Length);
            using (var one = SKBitmap.Decode(Path.Combine(levels, "0", "0_0.jpg")))
                Assert.Equal((1, 1), (one.Width, one.Height));
            Assert.Equal(["0_0.jpg", "0_1.jpg", "1_0.jpg", "1_1.jpg", "2_0.jpg", "2_1.jpg"], Directory.GetFiles(Path.Combine(levels, "10")).Select(Path.GetFileName).Order());
            var dzi = File.ReadAllText(Path.Combine(folder, "out", "mosaic.dzi"));
            Assert.Contains("TileSize=\"254\"", dzi, StringComparison.Ordinal);
            Assert.Contains("Width=\"600\"", dzi, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_lossless_mosaic_gets_png_tiles()
    {
        var folder = Directory.CreateTempSubdirectory("frintr-pyramid-").FullName;
        try
        {
            var picture = Path.Combine(folder, "mosaic");
            File.WriteAllBytes(picture, TestPictures.Gradient(100, 100));

            var layout = DeepZoomPyramid.Write(picture, Path.Combine(folder, "out"), "mosaic", MosaicFormat.Png);

            Assert.Equal("png", layout.Format);
            Assert.True(File.Exists(Path.Combine(folder, "out", "mosaic_files", "7", "0_0.png")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_face_is_the_pictures_centre_square_and_a_non_picture_has_none()
    {
        var folder = Directory.CreateTempSubdirectory("frintr-face-").FullName;
        try
        {
            var wide = Path.Combine(folder, "wide");
            File.WriteAllBytes(wide, TestPictures.Draw(300, 100, SKEncodedImageFormat.Png, c =>
            {
                c.Clear(SKColors.Black);
                using var green = new SKPaint { Color = SKColors.Lime };
                c.DrawRect(100, 0, 100, 100, green);
            }));
            var text = Path.Combine(folder, "text");
            File.WriteAllText(text, "not a picture");

            using var face = SKBitmap.Decode(FaceThumbnail.TryMake(wide, 48));

            Assert.Equal((48, 48), (face.Width, face.Height));
            Assert.True(face.GetPixel(5, 24).Green > 200, "the face is the green centre, not the black sides");
            Assert.Null(FaceThumbnail.TryMake(text));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
