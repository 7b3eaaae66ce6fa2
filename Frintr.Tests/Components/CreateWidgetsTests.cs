using Bunit;
using Frintr.Imaging;
using Frintr.Web.Components.Mosaics.Create;

namespace Frintr.Tests.Components;

/// <summary>The create page's parts: presets, the output estimate, the list of uploads.</summary>
public sealed class CreateWidgetsTests : IDisposable
{
    private readonly BunitContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    [Fact]
    public void Preset_picker_offers_every_preset_and_raises_the_one_chosen()
    {
        MosaicPreset? picked = null;
        var cut = _ctx.Render<PresetPicker>(p => p.Add(x => x.Picked, preset => picked = preset));

        Assert.Equal(["profile", "poster", "everyone", "custom"], cut.FindAll("label.preset").Select(l => l.GetAttribute("data-preset")));
        cut.Find("label[data-preset=everyone] input").Change("everyone");

        Assert.Same(MosaicPreset.Everyone, picked);
        Assert.True(picked!.EveryoneAppears);
    }

    [Fact]
    public void Preset_picker_checks_the_selected_preset_or_custom()
    {
        var cut = _ctx.Render<PresetPicker>(p => p.Add(x => x.Selected, "poster"));
        Assert.True(cut.Find("label[data-preset=poster] input").HasAttribute("checked"));
        Assert.False(cut.Find("label[data-preset=custom] input").HasAttribute("checked"));

        cut.Render(p => p.Add(x => x.Selected, null));
        Assert.True(cut.Find("label[data-preset=custom] input").HasAttribute("checked"));
    }

    [Fact]
    public void Every_preset_is_a_valid_request_within_the_pixel_limit_for_its_own_shape()
    {
        foreach (var preset in MosaicPreset.All)
        {
            var aspect = MosaicPreset.AspectOf(preset.Shape) ?? 4.0 / 3;
            var (width, height) = MosaicLimits.OutputSize(preset.Columns, preset.TileSize, 1000 * aspect, 1000);
            Assert.Empty(MosaicLimits.CheckLayout(preset.Columns, preset.TileSize, preset.RepeatDistance, preset.Blend));
            Assert.Null(MosaicLimits.CheckOutputSize(width, height));
        }
    }

    [Fact]
    public void Estimate_shows_the_output_size_of_the_picture_or_crop()
    {
        var cut = _ctx.Render<OutputEstimate>(p => p.Add(x => x.Columns, 40).Add(x => x.TileSize, 20).Add(x => x.Picture, (400.0, 300.0)));

        Assert.Equal("800 × 600 pixels", cut.Find(".pixels").TextContent);
        Assert.Equal("(0.5 megapixels, 40 × 30 tiles)", cut.Find(".megapixels").TextContent);
        Assert.Empty(cut.FindAll("[role=alert]"));
    }

    [Fact]
    public void Estimate_says_in_the_servers_words_when_the_output_is_too_large()
    {
        var cut = _ctx.Render<OutputEstimate>(p => p.Add(x => x.Columns, 400).Add(x => x.TileSize, 128).Add(x => x.Picture, (100.0, 100.0)));

        var alert = cut.Find("[data-field=output]");
        Assert.Equal(MosaicLimits.CheckOutputSize(51_200, 51_200), alert.TextContent);
        Assert.StartsWith("The mosaic would be 51,200×51,200 pixels", alert.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Estimate_without_a_picture_gives_the_width_and_the_servers_word_if_it_has_one()
    {
        var cut = _ctx.Render<OutputEstimate>(p => p.Add(x => x.Columns, 50).Add(x => x.TileSize, 20).Add(x => x.ServerProblem, "too large"));

        Assert.Equal("1,000 pixels wide", cut.Find(".pixels").TextContent);
        Assert.Equal("too large", cut.Find("[data-field=output]").TextContent);
    }

    [Fact]
    public void Upload_list_shows_each_files_progress_and_counts_those_beyond_the_list()
    {
        var files = Enumerable.Range(0, UploadList.Shown + 3).Select(i => new UploadProgress($"f{i}.jpg", 2048)).ToList();
        files[0].Read = 1024;
        files[0].State = UploadState.Sending;
        files[1].Read = 2048;
        files[1].State = UploadState.Sent;
        files[2].State = UploadState.Failed;
        files[^1].State = UploadState.Sent;

        var cut = _ctx.Render<UploadList>(p => p.Add(x => x.Files, files));

        var rows = cut.FindAll(".uploads li");
        Assert.Equal(UploadList.Shown, rows.Count);
        Assert.Equal("50", rows[0].QuerySelector("progress")!.GetAttribute("value"));
        Assert.Equal("50%", rows[0].QuerySelector(".file-state")!.TextContent);
        Assert.Equal("sent", rows[1].QuerySelector(".file-state")!.TextContent);
        Assert.Equal("Failed", rows[2].GetAttribute("data-state"));
        Assert.Equal("2 kB", rows[3].QuerySelector(".file-state")!.TextContent);
        Assert.Equal("Upload of f0.jpg", rows[0].QuerySelector("progress")!.GetAttribute("aria-label"));
        Assert.Equal("…and 3 more (1 sent).", cut.Find("p.more").TextContent);
    }

    [Fact]
    public void Upload_list_is_empty_until_files_are_chosen()
    {
        var cut = _ctx.Render<UploadList>(p => p.Add(x => x.Files, []));

        Assert.Empty(cut.FindAll("*"));
    }
}
