using Bunit;
using Frintr.Jobs.Contracts;
using Frintr.Web.Components.Mosaics;

namespace Frintr.Tests.Components;

/// <summary>MosaicProgress: what the owner sees of a mosaic in each state, and how live updates arrive.</summary>
public sealed class MosaicProgressTests : IDisposable
{
    private const string Id = "AAAAAAAAAAAAAAAAAAAAAA";
    private const string ResultUrl = "/results/AAAAAAAAAAAAAAAAAAAAAA/mosaic.jpg";

    private readonly BunitContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    private IRenderedComponent<MosaicProgress> Render(MosaicStatus? status, bool notFound = false, string? delivery = null) =>
        _ctx.Render<MosaicProgress>(p =>
        {
            p.Add(x => x.Status, status);
            p.Add(x => x.NotFound, notFound);
            if (delivery is not null)
                p.Add(x => x.Delivery, delivery);
        });

    private static MosaicStatus Queued() => new(Id, MosaicState.Queued, 0, "queued", null, null);

    private static MosaicStatus Running(double progress, string? stage) => new(Id, MosaicState.Running, progress, stage, null, null);

    private static MosaicStatus Succeeded() => new(Id, MosaicState.Succeeded, 1, "done", ResultUrl, null);

    private static MosaicStatus Failed(string error) => new(Id, MosaicState.Failed, 0, "done", null, error);

    private static string StateOf(IRenderedComponent<MosaicProgress> cut) => cut.Find("section.mosaic-progress").GetAttribute("data-state") ?? "";

    [Fact]
    public void Shows_not_found_alert_with_a_way_to_start_over_when_the_mosaic_is_unknown()
    {
        var cut = Render(status: null, notFound: true);

        var alert = cut.Find("[role=alert]");
        Assert.Contains("We can't find this mosaic", alert.TextContent, StringComparison.Ordinal);
        Assert.Equal("/", alert.QuerySelector("a")?.GetAttribute("href"));
        Assert.Equal("not-found", StateOf(cut));
        Assert.Empty(cut.FindAll(".delivery"));
    }

    [Fact]
    public void Not_found_wins_over_a_status()
    {
        var cut = Render(Running(0.5, "match"), notFound: true);

        Assert.Equal("not-found", StateOf(cut));
        Assert.Empty(cut.FindAll("progress"));
    }

    [Fact]
    public void Shows_loading_while_the_status_has_not_arrived()
    {
        var cut = Render(status: null);

        Assert.Equal("Loading…", cut.Find("p.waiting").TextContent);
        Assert.Equal("loading", StateOf(cut));
        Assert.Empty(cut.FindAll("[role=alert]"));
        Assert.Empty(cut.FindAll(".delivery"));
    }

    [Fact]
    public void Shows_waiting_for_a_worker_with_an_indeterminate_bar_when_queued()
    {
        var cut = Render(Queued());

        Assert.Equal("Waiting for a free worker…", cut.Find("p.waiting").TextContent);
        var bar = cut.Find("progress");
        Assert.Equal("Waiting in the queue", bar.GetAttribute("aria-label"));
        Assert.False(bar.HasAttribute("value"), "a queued mosaic has no known progress");
        Assert.Equal("queued", StateOf(cut));
    }

    [Fact]
    public void Shows_percent_and_stage_while_running()
    {
        var cut = Render(Running(0.42, "match"));

        Assert.StartsWith("Matching friends to cells", cut.Find("p.stage").TextContent, StringComparison.Ordinal);
        Assert.Equal("42%", cut.Find("span.percent").TextContent);
        var bar = cut.Find("progress");
        Assert.Equal("42", bar.GetAttribute("value"));
        Assert.Equal("100", bar.GetAttribute("max"));
        Assert.Equal("running", StateOf(cut));
    }

    [Theory]
    [InlineData("fetch", "Fetching your friends' pictures")]
    [InlineData("prepare", "Preparing the tiles")]
    [InlineData("match", "Matching friends to cells")]
    [InlineData("render", "Painting the mosaic")]
    [InlineData("encode", "Saving the picture")]
    [InlineData("upload", "Delivering it")]
    [InlineData("something-new", "Working")]
    [InlineData(null, "Working")]
    public void Names_each_stage_in_words_while_running(string? stage, string words)
    {
        var cut = Render(Running(0.1, stage));

        Assert.Equal($"{words} — 10%", cut.Find("p.stage").TextContent);
    }

    [Theory]
    [InlineData(-0.5, "0%")]
    [InlineData(0.0, "0%")]
    [InlineData(0.999, "100%")]
    [InlineData(1.7, "100%")]
    public void Keeps_the_percent_between_0_and_100(double progress, string shown)
    {
        var cut = Render(Running(progress, "render"));

        Assert.Equal(shown, cut.Find("span.percent").TextContent);
    }

    [Fact]
    public void Says_the_mosaic_is_ready_and_shows_no_bar_when_succeeded()
    {
        var cut = Render(Succeeded(), delivery: "push");

        Assert.Equal("Your mosaic is ready.", cut.Find("p.done").TextContent);
        Assert.Empty(cut.FindAll("progress"));
        Assert.Empty(cut.FindAll("[role=alert]"));
        Assert.Equal("succeeded", StateOf(cut));
        Assert.Equal("Your mosaic is ready.", cut.Find("[aria-live]").TextContent);
    }

    [Fact]
    public void Shows_the_error_in_an_alert_when_failed()
    {
        var cut = Render(Failed("The target picture is too small."), delivery: "push");

        var alert = cut.Find("[role=alert]");
        Assert.Equal("This mosaic could not be made: The target picture is too small.", alert.TextContent);
        Assert.Equal("/", cut.FindAll("a").Single(a => a.TextContent == "Try again").GetAttribute("href"));
        Assert.Empty(cut.FindAll("img"));
        Assert.Empty(cut.FindAll("progress"));
        Assert.Equal("failed", StateOf(cut));
    }

    [Theory]
    [InlineData("push", "Live: this page updates by itself.")]
    [InlineData("polling", "Live updates are unavailable; checking every few seconds instead.")]
    [InlineData("connecting", "Connecting for live updates…")]
    public void Says_how_updates_arrive_while_queued_or_running(string delivery, string words)
    {
        var queued = Render(Queued(), delivery: delivery);
        var running = Render(Running(0.3, "fetch"), delivery: delivery);

        Assert.Equal(words, queued.Find("p.delivery").TextContent);
        Assert.Equal(words, running.Find("p.delivery").TextContent);
    }

    [Fact]
    public void Says_it_is_connecting_when_no_delivery_is_given()
    {
        var cut = Render(Queued());

        Assert.Equal("Connecting for live updates…", cut.Find("p.delivery").TextContent);
    }

    [Theory]
    [InlineData("push")]
    [InlineData("polling")]
    [InlineData("connecting")]
    public void Hides_the_delivery_line_once_finished(string delivery)
    {
        var succeeded = Render(Succeeded(), delivery: delivery);
        var failed = Render(Failed("boom"), delivery: delivery);

        Assert.Empty(succeeded.FindAll(".delivery"));
        Assert.Empty(failed.FindAll(".delivery"));
    }

    [Fact]
    public void Follows_the_status_as_the_page_feeds_new_ones()
    {
        var cut = Render(Queued(), delivery: "push");

        cut.Render(p => p.Add(x => x.Status, Running(0.75, "render")));
        Assert.Equal("75%", cut.Find("span.percent").TextContent);
        Assert.Single(cut.FindAll("p.delivery"));

        cut.Render(p => p.Add(x => x.Status, Succeeded()));
        Assert.Equal("succeeded", StateOf(cut));
        Assert.Empty(cut.FindAll("p.delivery"));
    }

    [Theory]
    [InlineData(1, "Waiting for a free worker… you are next in the queue.")]
    [InlineData(3, "Waiting for a free worker… you are number 3 in the queue.")]
    [InlineData(1001, "Waiting for a free worker… more than 1,000 mosaics are ahead of yours.")]
    public void Says_the_place_in_the_queue(int place, string words)
    {
        var cut = Render(Queued() with { QueuePosition = place });

        Assert.Equal(words, cut.Find("p.waiting").TextContent);
        Assert.Equal(words, cut.Find("[aria-live]").TextContent);
    }

    [Fact]
    public void Names_the_worker_and_marks_the_stages_done_current_and_pending()
    {
        var cut = Render(Running(0.5, "match") with { Worker = "worker-7" });

        Assert.Equal("Being made by worker-7", cut.Find("p.worker").TextContent);
        var stages = cut.FindAll("ol.stages li").ToDictionary(li => li.GetAttribute("data-stage")!, li => li.GetAttribute("data-status"));
        Assert.Equal("done", stages["fetch"]);
        Assert.Equal("done", stages["prepare"]);
        Assert.Equal("current", stages["match"]);
        Assert.Equal("pending", stages["render"]);
        Assert.Equal("pending", stages["upload"]);
        Assert.Equal("step", cut.Find("li[data-stage=match]").GetAttribute("aria-current"));
    }

    [Fact]
    public void Counts_the_friends_fetched_and_shows_their_faces_as_they_arrive()
    {
        var faces = new[] { "/mosaics/x/faces/1.jpg", "/mosaics/x/faces/2.jpg" };
        var cut = Render(Running(0.05, "fetch") with { Fetched = new FetchCount(12, 40), Faces = faces });

        Assert.EndsWith("Fetching your friends' pictures — 12 of 40", cut.Find("li[data-stage=fetch]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal(faces, cut.FindAll(".faces img").Select(i => i.GetAttribute("src")));
        Assert.All(cut.FindAll(".faces img"), i => Assert.False(string.IsNullOrEmpty(i.GetAttribute("alt"))));
    }

    [Theory]
    [InlineData(3, "almost done")]
    [InlineData(42, "about 42 s left")]
    [InlineData(600, "about 10 min left")]
    public void Says_the_time_left_when_it_is_known(int seconds, string words)
    {
        var cut = Render(Running(0.4, "render") with { EtaSeconds = seconds });

        Assert.Equal(" · " + words, cut.Find("span.eta").TextContent);
    }

    [Fact]
    public void Says_nothing_of_the_time_left_while_it_is_unknown()
    {
        var cut = Render(Running(0.01, "fetch"));

        Assert.Empty(cut.FindAll("span.eta"));
    }

    [Fact]
    public void Says_the_connection_was_lost_and_that_it_keeps_up_by_polling()
    {
        var cut = Render(Running(0.3, "render"), delivery: "lost");

        Assert.Equal("Connection lost — checking every few seconds while it reconnects by itself.", cut.Find("p.delivery").TextContent);
        Assert.Equal("lost", cut.Find("p.delivery").GetAttribute("data-delivery"));

        cut.Render(p => p.Add(x => x.Delivery, "push"));
        Assert.Equal("Live: this page updates by itself.", cut.Find("p.delivery").TextContent);
    }

    [Fact]
    public void Announces_progress_to_screen_readers_in_steps_of_ten_percent()
    {
        var cut = Render(Running(0.43, "render"));
        Assert.Equal("Painting the mosaic, 40 percent.", cut.Find("[aria-live=polite]").TextContent);

        cut.Render(p => p.Add(x => x.Status, Running(0.47, "render")));
        Assert.Equal("Painting the mosaic, 40 percent.", cut.Find("[aria-live=polite]").TextContent);

        cut.Render(p => p.Add(x => x.Status, Running(0.51, "render")));
        Assert.Equal("Painting the mosaic, 50 percent.", cut.Find("[aria-live=polite]").TextContent);
    }
}
