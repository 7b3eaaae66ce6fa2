using Bunit;
using Frintr.Web.Admin;
using Frintr.Web.Components.Admin;

namespace Frintr.Tests.Components;

/// <summary>The admin page's widgets: workers and what they make, the queue and the hour, failures and retry.</summary>
public sealed class AdminWidgetsTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 12, 0, 0, TimeSpan.Zero);
    private readonly BunitContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    [Fact]
    public void Worker_list_shows_each_worker_busy_or_idle_with_what_it_makes()
    {
        WorkerView[] workers =
        [
            new("worker-a:1:x", 2, Now.AddSeconds(-4), [new("AAAAAAAAAAAAAAAAAAAAAA", "match", 0.42, Now.AddSeconds(-10))]),
            new("worker-b:2:y", 1, Now.AddSeconds(-1), []),
        ];
        var cut = _ctx.Render<WorkerList>(p => p.Add(x => x.Workers, workers).Add(x => x.Now, Now));

        Assert.Equal("Workers online (2)", cut.Find("h2").TextContent);
        var a = cut.Find("[data-worker='worker-a:1:x']");
        Assert.Equal("1 of 2 busy", a.QuerySelector(".slots")!.TextContent);
        Assert.Equal("last heard 4 s ago", a.QuerySelector(".heartbeat")!.TextContent);
        Assert.Equal("AAAAAAAAAAAAAAAAAAAAAA — match, 42%", a.QuerySelector(".making li")!.TextContent);
        Assert.Equal("idle", cut.Find("[data-worker='worker-b:2:y'] .idle").TextContent);
    }

    [Fact]
    public void Worker_list_says_when_no_worker_is_online()
    {
        var cut = _ctx.Render<WorkerList>(p => p.Add(x => x.Workers, []));

        Assert.Contains("No worker is online", cut.Find("p.problem").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Stats_show_the_queue_and_the_last_hour_and_flag_failures()
    {
        var cut = _ctx.Render<ThroughputStats>(p => p.Add(x => x.QueueLength, 1234).Add(x => x.Succeeded, 56).Add(x => x.Failed, 2));

        Assert.Equal("1,234", cut.Find("[data-stat=queue]").TextContent);
        Assert.Equal("56", cut.Find("[data-stat=succeeded]").TextContent);
        Assert.Equal("problem", cut.Find("[data-stat=failed]").GetAttribute("class"));
    }

    [Fact]
    public void Failures_show_their_messages_and_retry_only_those_that_can_be()
    {
        var retried = new List<string>();
        FailureView[] failures =
        [
            new("AAAAAAAAAAAAAAAAAAAAAA", Now, "The target picture is too small.", CanRetry: true),
            new("BBBBBBBBBBBBBBBBBBBBBB", Now, "(retried, or deleted by its owner)", CanRetry: false),
        ];
        var cut = _ctx.Render<RecentFailures>(p => p.Add(x => x.Failures, failures).Add(x => x.Retry, id => retried.Add(id)));

        Assert.Equal("The target picture is too small.", cut.Find("[data-mosaic=AAAAAAAAAAAAAAAAAAAAAA] .message").TextContent);
        Assert.Null(cut.Find("[data-mosaic=BBBBBBBBBBBBBBBBBBBBBB]").QuerySelector("button"));
        cut.Find("[data-mosaic=AAAAAAAAAAAAAAAAAAAAAA] button.retry").Click();

        Assert.Equal(["AAAAAAAAAAAAAAAAAAAAAA"], retried);
    }

    [Fact]
    public void Failures_say_there_were_none()
    {
        var cut = _ctx.Render<RecentFailures>(p => p.Add(x => x.Failures, []));

        Assert.Equal("None in the last hour.", cut.Find("p").TextContent);
    }
}
