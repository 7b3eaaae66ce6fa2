using Bunit;
using Frintr.Jobs.Contracts;
using Frintr.Web.Components.Mosaics;

namespace Frintr.Tests.Components;

/// <summary>FriendsSummary: the page says plainly how many friends could not be fetched, and why, grouped.</summary>
public sealed class FriendsSummaryTests : IDisposable
{
    private readonly BunitContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    private IRenderedComponent<FriendsSummary> Render(FriendCounts? friends, bool soFar = false) =>
        _ctx.Render<FriendsSummary>(p => p.Add(x => x.Friends, friends).Add(x => x.SoFar, soFar));

    [Fact]
    public void Says_how_many_could_not_be_fetched_with_the_reasons_grouped_and_who_had_no_picture()
    {
        var cut = Render(new FriendCounts
        {
            Requested = 500,
            Fetched = 450,
            FromCache = 400,
            Failed = 42,
            WithoutPicture = 8,
            Reasons = [new("their picture is gone (the server answered 404)", 30, ["Ann", "Bob"]), new("their picture took too long to download", 12, [])],
            Notes = ["GitHub's rate limit stopped the import after 500 friends."],
        });

        Assert.Equal("450 of 500 friends are in the mosaic (400 straight from the tile cache).", cut.Find(".friends-count").TextContent.Trim());
        Assert.Equal("42 of 500 friends could not be fetched:", cut.Find(".friends-failed").TextContent);
        Assert.Equal(
            ["30 — their picture is gone (the server answered 404) (Ann, Bob, …)", "12 — their picture took too long to download"],
            cut.FindAll(".friends-reasons li").Select(li => li.TextContent));
        Assert.Equal("8 have no picture of their own and were left out.", cut.Find(".friends-without-picture").TextContent);
        Assert.Equal("GitHub's rate limit stopped the import after 500 friends.", cut.Find(".friends-note").TextContent);
    }

    [Fact]
    public void Says_nothing_before_the_friends_are_known_and_no_failures_when_there_are_none()
    {
        Assert.Empty(Render(null).Markup.Trim());
        var cut = Render(new FriendCounts { Requested = 12, Fetched = 12 });

        Assert.Equal("12 of 12 friends are in the mosaic.", cut.Find(".friends-count").TextContent.Trim());
        Assert.Empty(cut.FindAll(".friends-failed"));
    }

    [Fact]
    public void While_the_mosaic_is_made_the_counts_are_those_so_far()
    {
        var cut = Render(new FriendCounts { Requested = 500, Fetched = 120, FromCache = 100, Failed = 3, Reasons = [new("their server answered 500", 3, [])] }, soFar: true);

        Assert.Equal("So far 120 of 500 friends have arrived (100 straight from the tile cache).", cut.Find(".friends-count").TextContent.Trim());
        Assert.Equal("3 of 500 friends could not be fetched:", cut.Find(".friends-failed").TextContent);
    }
}
