using Frintr.Jobs.Cli;
using SkiaSharp;

namespace Frintr.Tests.Imaging;

public sealed class RenderCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("frintr-render-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Render_WritesMosaicAndReport_FromAFolder()
    {
        var (target, tiles) = Inputs();
        var output = Path.Combine(_dir, "m.png");
        var report = Path.Combine(_dir, "r.json");

        var code = await RenderCommand.RunAsync(["--target", target, "--tiles", tiles, "--out", output, "--columns", "8",
            "--tile-size", "6", "--repeat-distance", "1", "--blend", "0", "--seed", "4", "--report", report]);

        Assert.Equal(0, code);
        using var mosaic = TestPictures.DecodeBitmap(File.ReadAllBytes(output));
        Assert.Equal((48, 36), (mosaic.Width, mosaic.Height));
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(report));
        var result = json.RootElement.GetProperty("result");
        Assert.Equal(48, result.GetProperty("width").GetInt32());
        Assert.InRange(result.GetProperty("quality").GetProperty("meanDeltaE2000Blocks4").GetDouble(), 0.01, 100);
        Assert.Equal(8 * 6, result.GetProperty("map").GetProperty("cells").GetArrayLength());
    }

    [Fact]
    public async Task Render_EveryoneAppears_PutsEveryFriendInTheMosaic()
    {
        var (target, tiles) = Inputs();
        var report = Path.Combine(_dir, "r.json");

        var code = await RenderCommand.RunAsync(["--target", target, "--tiles", tiles, "--out", Path.Combine(_dir, "m.jpg"),
            "--columns", "8", "--tile-size", "6", "--repeat-distance", "1", "--everyone-appears", "--report", report]);

        Assert.Equal(0, code);
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(report));
        var map = json.RootElement.GetProperty("result").GetProperty("map");
        var used = map.GetProperty("cells").EnumerateArray().Select(c => c.GetInt32()).Distinct().Count();
        Assert.Equal(map.GetProperty("friends").GetArrayLength(), used);
    }

    [Theory]
    [InlineData("--columns", "0")]
    [InlineData("--columns", "many")]
    [InlineData("--tile-size", "2")]
    [InlineData("--blend", "150")]
    [InlineData("--colour", "red")]
    public async Task Render_ExitsWith2_OnBadInput(string option, string value)
    {
        var (target, tiles) = Inputs();

        var code = await RenderCommand.RunAsync(["--target", target, "--tiles", tiles, "--out", Path.Combine(_dir, "m.jpg"), option, value]);

        Assert.Equal(2, code);
        Assert.False(File.Exists(Path.Combine(_dir, "m.jpg")));
    }

    [Fact]
    public async Task Render_ExitsWith2_WhenTargetIsMissing()
    {
        var (_, tiles) = Inputs();

        var code = await RenderCommand.RunAsync(["--target", Path.Combine(_dir, "nope.jpg"), "--tiles", tiles, "--out", Path.Combine(_dir, "m.jpg")]);

        Assert.Equal(2, code);
    }

    private (string Target, string Tiles) Inputs()
    {
        var target = Path.Combine(_dir, "t.png");
        File.WriteAllBytes(target, TestPictures.Gradient(80, 60));
        var tiles = Path.Combine(_dir, "tiles");
        Directory.CreateDirectory(tiles);
        var i = 0;
        foreach (var color in new[] { SKColors.Red, SKColors.Green, SKColors.Blue, SKColors.Yellow, SKColors.Black, SKColors.White, SKColors.Orange, SKColors.Purple, SKColors.Gray })
            File.WriteAllBytes(Path.Combine(tiles, $"f{i++}.jpg"), TestPictures.Solid(color, 30, 30, SKEncodedImageFormat.Jpeg));
        return (target, tiles);
    }
}
