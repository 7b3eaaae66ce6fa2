using Bunit;
using Frintr.Jobs.Contracts;
using Frintr.Web.Components.Mosaics;
using Frintr.Web.Components.Mosaics.Result;

namespace Frintr.Tests.Components;

/// <summary>The mosaic's place on the page, its preview, and the result with its details.</summary>
public sealed class ResultTests : IDisposable
{
    private const string Id = "AAAAAAAAAAAAAAAAAAAAAA";
    private readonly BunitContext _ctx = new();

    public ResultTests() => _ctx.JSInterop.Mode = JSRuntimeMode.Loose;

    public void Dispose() => _ctx.Dispose();

    private static CompletionNote Note(int width = 400, int height = 200, string? pyramid = "jpg", string contentType = "image/jpeg") => new()
    {
        MosaicId = Id,
        Status = MosaicState.Succeeded,
        Width = width,
        Height = height,
        ContentType = contentType,
        Columns = 20,
        Rows = 10,
        TileSize = 20,
        RepeatDistanceUsed = 3,
        FriendsRequested = 4,
        TilesUsed = 3,
        PyramidFormat = pyramid,
        Worker = "worker-a",
        SkippedTiles = ["http://example.com/gone.jpg could not be downloaded: the server answered 404."],
        Quality = new Dictionary<string, double> { ["meanDeltaE2000Cells"] = 7.25, ["ssim"] = 0.4321, ["distinctTiles"] = 3, ["mostUsesOfOneTile"] = 90 },
        Timings = new NoteTimings { WaitedInQueue = 1500, Fetch = 250, Render = 900, Pyramid = 120, Upload = 80, Total = 2850, Steps = [new("match", 600), new("render", 300)] },
    };

    private static MosaicMap Map() => new(2, 1, 20, [0, 2],
        [new("Ann", "https://social.example/@ann"), new("Bob"), new("Eve", "javascript:alert(1)")]);

    [Fact]
    public void Stage_keeps_the_outputs_aspect_from_the_start()
    {
        var cut = _ctx.Render<MosaicStage>(p => p.Add(x => x.Width, 3000).Add(x => x.Height, 1500));

        var spacer = cut.Find("canvas.spacer");
        Assert.Equal(("1000", "500"), (spacer.GetAttribute("width"), spacer.GetAttribute("height")));
        Assert.Equal("true", spacer.GetAttribute("aria-hidden"));
    }

    [Fact]
    public void Stage_keeps_a_four_by_three_place_while_the_size_is_unknown()
    {
        var cut = _ctx.Render<MosaicStage>();

        Assert.Equal(("1000", "750"), (cut.Find("canvas.spacer").GetAttribute("width"), cut.Find("canvas.spacer").GetAttribute("height")));
    }

    [Fact]
    public void Preview_shows_the_latest_frame_or_says_what_will_appear()
    {
        var cut = _ctx.Render<MosaicPreview>(p => p.Add(x => x.State, MosaicState.Queued));
        Assert.Equal("Your mosaic will appear here once a worker starts on it.", cut.Find(".preview-placeholder").TextContent);

        cut.Render(p => p.Add(x => x.State, MosaicState.Running).Add(x => x.Url, "/mosaics/x/preview.jpg?v=3"));

        Assert.Equal("/mosaics/x/preview.jpg?v=3", cut.Find("img.preview").GetAttribute("src"));
        Assert.Empty(cut.FindAll(".preview-placeholder"));
    }

    [Fact]
    public void Details_give_the_quality_figures_the_friends_and_where_the_time_went()
    {
        var cut = _ctx.Render<MosaicDetails>(p => p.Add(x => x.Note, Note()).Add(x => x.Map, Map()));

        Assert.Equal("7.3", cut.Find("[data-figure=meanDeltaE2000Cells]").TextContent);
        Assert.Equal("0.432", cut.Find("[data-figure=ssim]").TextContent);
        Assert.Equal("400 × 200 pixels, 20 × 10 tiles of 20 px", cut.Find("[data-figure=size]").TextContent);
        Assert.Equal("3 of the 4 friends asked for are in it.", cut.Find(".used").TextContent);
        Assert.Equal(["Ann", "Eve"], cut.FindAll(".names li").Select(li => li.TextContent));
        Assert.Equal("https://social.example/@ann", cut.Find(".names a").GetAttribute("href"));
        Assert.Single(cut.FindAll(".names a"));
        Assert.Contains("404", cut.Find(".missing li").TextContent, StringComparison.Ordinal);
        Assert.Equal("1.50 s", cut.Find("tr[data-step='Waiting in the queue'] td").TextContent);
        Assert.Equal("0.60 s", cut.Find("tr[data-step='Rendering: match'] td").TextContent);
        Assert.Equal("2.85 s", cut.Find("tr[data-step=total] td").TextContent);
        Assert.Contains("worker-a", cut.Find(".made-by").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Result_opens_the_zoomable_viewer_over_the_pyramid_with_the_map()
    {
        var module = _ctx.JSInterop.SetupModule("./js/mosaic-viewer.js");
        var map = Map();
        var cut = _ctx.Render<MosaicResult>(p => p.Add(x => x.Note, Note()).Add(x => x.Map, map).Add(x => x.ShareUrl, "http://frintr.test/m/" + Id));

        var viewer = cut.Find(".viewer");
        Assert.Equal($"/mosaics/{Id}.dzi", viewer.GetAttribute("data-dzi"));
        var call = Assert.Single(module.Invocations, i => i.Identifier == "open");
        Assert.Equal($"/mosaics/{Id}.dzi", call.Arguments[2]);
        Assert.Same(map, call.Arguments[3]);
        Assert.Equal($"/mosaics/{Id}.jpg", cut.Find("img.result").GetAttribute("src"));
        Assert.Equal(["Zoom in", "Zoom out", "Fit"], cut.FindAll(".zoom button").Select(b => b.TextContent));
    }

    [Fact]
    public void Result_offers_the_download_in_its_format_and_a_share_link()
    {
        var cut = _ctx.Render<MosaicResult>(p => p.Add(x => x.Note, Note(contentType: "image/png", pyramid: "png")).Add(x => x.ShareUrl, "http://frintr.test/m/" + Id));

        var download = cut.Find("a.download");
        Assert.Equal($"/mosaics/{Id}.png", download.GetAttribute("href"));
        Assert.Equal($"frintr-mosaic-{Id}.png", download.GetAttribute("download"));
        Assert.Equal("Download PNG", download.TextContent);
        Assert.Equal("http://frintr.test/m/" + Id, cut.Find("#share-url").GetAttribute("value"));
        Assert.NotNull(cut.Find("label[for=share-url]"));
    }

    [Fact]
    public void Copying_the_share_link_says_it_was_copied()
    {
        _ctx.JSInterop.SetupModule("./js/mosaic-viewer.js").Setup<bool>("copy", "http://frintr.test/m/" + Id).SetResult(true);
        var cut = _ctx.Render<MosaicResult>(p => p.Add(x => x.Note, Note(pyramid: null)).Add(x => x.ShareUrl, "http://frintr.test/m/" + Id));

        cut.Find("button.copy").Click();

        cut.WaitForAssertion(() => Assert.Equal("Copied", cut.Find("button.copy").TextContent));
    }

    [Fact]
    public void A_large_mosaic_lies_under_the_viewer_as_its_preview_not_as_the_whole_picture()
    {
        var cut = _ctx.Render<MosaicResult>(p => p.Add(x => x.Note, Note(10_000, 10_000)).Add(x => x.PreviewUrl, "/mosaics/p.jpg"));

        Assert.Equal("/mosaics/p.jpg", cut.Find("img.result").GetAttribute("src"));
    }

    [Fact]
    public void Without_a_pyramid_the_plain_picture_is_shown_and_no_viewer()
    {
        var cut = _ctx.Render<MosaicResult>(p => p.Add(x => x.Note, Note(10_000, 10_000, pyramid: null)));

        Assert.Empty(cut.FindAll(".viewer"));
        Assert.Empty(cut.FindAll(".zoom"));
        Assert.Equal($"/mosaics/{Id}.jpg", cut.Find("img.result").GetAttribute("src"));
    }

    [Theory]
    [InlineData("https://x.example/a", "https://x.example/a")]
    [InlineData("javascript:alert(1)", null)]
    [InlineData("data:text/html,hi", null)]
    [InlineData(null, null)]
    public void Only_web_links_are_profile_links(string? url, string? safe) =>
        Assert.Equal(safe, MosaicDetails.Safe(url));
}
