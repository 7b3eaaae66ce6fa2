using Bunit;
using Frintr.Jobs.Contracts;
using Frintr.Web.Components.Mosaics.Gallery;
using Frintr.Web.Mosaics.Gallery;

namespace Frintr.Tests.Components;

/// <summary>GalleryGrid: a visitor's mosaics, newest first as given, and deleting with one confirmation.</summary>
public sealed class GalleryGridTests : IDisposable
{
    private const string Ready = "AAAAAAAAAAAAAAAAAAAAAA";
    private const string Waiting = "BBBBBBBBBBBBBBBBBBBBBB";
    private readonly BunitContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    private static IReadOnlyList<GalleryItem> Items() =>
    [
        new(Ready, new DateTimeOffset(2026, 11, 2, 10, 30, 0, TimeSpan.Zero),
            new MosaicStatus(Ready, MosaicState.Succeeded, 1, "done", "/mosaics/a.jpg", null) { Width = 1000, Height = 800, PreviewUrl = "/mosaics/a/preview.jpg?v=0" }),
        new(Waiting, new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero),
            new MosaicStatus(Waiting, MosaicState.Queued, 0, "queued", null, null)),
    ];

    [Fact]
    public void Lists_each_mosaic_with_its_state_thumbnail_and_link()
    {
        var cut = _ctx.Render<GalleryGrid>(p => p.Add(x => x.Items, Items()));

        var rows = cut.FindAll(".gallery li");
        Assert.Equal([Ready, Waiting], rows.Select(r => r.GetAttribute("data-id")));
        Assert.Equal("ready · 1,000 × 800", rows[0].QuerySelector(".state")!.TextContent);
        Assert.Equal("/mosaics/a/preview.jpg?v=0", rows[0].QuerySelector("img.thumbnail")!.GetAttribute("src"));
        Assert.Equal($"/m/{Ready}", rows[0].QuerySelector("a.open")!.GetAttribute("href"));
        Assert.Equal("waiting in the queue", rows[1].QuerySelector(".state")!.TextContent);
        Assert.Null(rows[1].QuerySelector("img"));
        Assert.Equal("Mosaic of 2 Nov 2026, 10:30 UTC", rows[0].QuerySelector(".title")!.TextContent);
    }

    [Fact]
    public void Says_there_are_none_yet_with_a_way_to_make_one()
    {
        var cut = _ctx.Render<GalleryGrid>(p => p.Add(x => x.Items, []));

        Assert.Equal("/", cut.Find("p.empty a").GetAttribute("href"));
        Assert.Empty(cut.FindAll(".gallery"));
    }

    [Fact]
    public void Deletes_only_after_the_visitor_confirms()
    {
        var deleted = new List<string>();
        var cut = _ctx.Render<GalleryGrid>(p => p.Add(x => x.Items, Items()).Add(x => x.Delete, id => deleted.Add(id)));

        cut.Find($"li[data-id={Ready}] button.delete").Click();
        Assert.Empty(deleted);
        Assert.Equal("Delete for good?", cut.Find($"li[data-id={Ready}] .confirm").GetAttribute("aria-label"));
        cut.Find($"li[data-id={Ready}] button.yes").Click();

        Assert.Equal([Ready], deleted);
    }

    [Fact]
    public void Keeping_it_takes_the_question_back()
    {
        var deleted = new List<string>();
        var cut = _ctx.Render<GalleryGrid>(p => p.Add(x => x.Items, Items()).Add(x => x.Delete, id => deleted.Add(id)));

        cut.Find($"li[data-id={Waiting}] button.delete").Click();
        cut.Find($"li[data-id={Waiting}] button.no").Click();

        Assert.Empty(deleted);
        Assert.Empty(cut.FindAll(".confirm"));
        Assert.Equal(2, cut.FindAll("button.delete").Count);
    }
}
