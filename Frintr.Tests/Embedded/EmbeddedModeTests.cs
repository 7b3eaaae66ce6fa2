using System.Net;
using System.Net.Http.Json;
using Frintr.Jobs.Contracts;
using Frintr.Tests.Infrastructure;
using SkiaSharp;

namespace Frintr.Tests.Embedded;

[Collection(FrintrProcesses.Name)]
public sealed class EmbeddedModeTests(EmbeddedFrintr frintr) : IClassFixture<EmbeddedFrintr>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Without_Redis_one_process_takes_a_submission_to_a_finished_mosaic()
    {
        using var http = frintr.Web.Client();
        var tiles = TestPictures.Palette(12).Select((c, i) => (TestPictures.Solid(c), $"f{i}.png"));

        var id = await MosaicApiClient.SubmitOkAsync(http, (TestPictures.Gradient(160, 160, SKColors.Black, SKColors.White), "me.png"), tiles,
            new Dictionary<string, string> { ["columns"] = "8", ["tileSize"] = "16" });
        var status = await MosaicWait.UntilFinishedAsync(http, id, Patience, () => frintr.Web.Process.Output);

        Assert.Equal(MosaicState.Succeeded, status.Status);
        using var picture = SKBitmap.Decode(await http.GetByteArrayAsync(new Uri(status.ResultUrl!, UriKind.Relative)));
        Assert.Equal((128, 128), (picture.Width, picture.Height));
        Assert.True(File.Exists(Path.Combine(frintr.DataPath, "results", id, "done.json")));
        Assert.False(Directory.Exists(Path.Combine(frintr.DataPath, "inputs", id)), "uploads are removed once the mosaic is done");
    }

    [Fact]
    public async Task The_builtin_library_makes_a_mosaic_from_nothing_but_a_target()
    {
        using var http = frintr.Web.Client();

        using var response = await MosaicApiClient.SubmitAsync(http, (TestPictures.Gradient(200, 200, SKColors.Orange, SKColors.DarkBlue), "me.png"), [],
            options: new Dictionary<string, string> { ["friendsSource"] = "builtin", ["columns"] = "20", ["tileSize"] = "8" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<MosaicStatus>(MosaicApiClient.Json))!.Id;
        var status = await MosaicWait.UntilFinishedAsync(http, id, Patience, () => frintr.Web.Process.Output);

        Assert.True(status.Status == MosaicState.Succeeded, status.Error);
        Assert.True(status.Friends!.Fetched >= 300, $"{status.Friends.Fetched} built-in pictures");
        Assert.Equal(0, status.Friends.Failed);
    }

    [Fact]
    public async Task Friend_url_on_a_private_address_is_never_fetched_and_the_mosaic_fails_saying_why()
    {
        using var intranet = new FakePictureHost(new Dictionary<string, byte[]> { ["secret.png"] = TestPictures.Solid(SKColors.Red) });
        using var http = frintr.Web.Client();

        using var response = await MosaicApiClient.SubmitAsync(http, (TestPictures.Gradient(50, 50, SKColors.Red, SKColors.Blue), "me.png"),
            [], [intranet.Url("secret.png")]);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<MosaicStatus>(MosaicApiClient.Json))!.Id;
        var status = await MosaicWait.UntilFinishedAsync(http, id, Patience, () => frintr.Web.Process.Output);

        Assert.Equal(MosaicState.Failed, status.Status);
        Assert.Contains("private network", status.Error, StringComparison.Ordinal);
        Assert.Empty(intranet.Requests);
    }
}
