using Frintr.Jobs.Contracts;
using Frintr.Jobs.Status;
using Frintr.Web.Hosting;
using Frintr.Web.Mosaics.Status;
using Frintr.Web.Mosaics.Storage;
using Microsoft.Extensions.Options;

namespace Frintr.Tests.Delivery;

/// <summary>The status the pages read while a mosaic is made, and whose mosaics are whose.</summary>
public sealed class LiveStatusTests
{
    private const string Id = "AAAAAAAAAAAAAAAAAAAAAA";
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(10, 0.25, 30)]
    [InlineData(10, 0.5, 10)]
    [InlineData(10, 1.0, 0)]
    [InlineData(10, 0.01, null)]
    [InlineData(0.5, 0.5, null)]
    public void The_time_left_follows_the_pace_so_far_once_there_is_enough_to_go_on(double elapsed, double fraction, int? eta) =>
        Assert.Equal(eta, LiveStatus.Eta(Now.AddSeconds(-elapsed), fraction, Now));

    [Fact]
    public void A_pushed_report_becomes_the_status_with_worker_faces_preview_eta_and_friends_so_far()
    {
        var friends = new FriendCounts { Requested = 52, Fetched = 4, FromCache = 3, Failed = 1, WithoutPicture = 2, Reasons = [new("their server answered 500", 1, ["Ann"])] };
        var report = new ProgressReport(Id, "fetch", 0.1)
        {
            Worker = "w1",
            StartedAt = Now.AddSeconds(-9),
            Fetched = new FetchCount(5, 50),
            Friends = friends,
            Faces = [3, 4],
            PreviewVersion = 2,
        };

        var status = LiveStatus.FromReport(report, Now);

        Assert.Equal(MosaicState.Running, status.Status);
        Assert.Equal("w1", status.Worker);
        Assert.Equal(81, status.EtaSeconds);
        Assert.Equal(new FetchCount(5, 50), status.Fetched);
        Assert.Equal([$"/mosaics/{Id}/faces/3.jpg", $"/mosaics/{Id}/faces/4.jpg"], status.Faces);
        Assert.Equal($"/mosaics/{Id}/preview.jpg?v=2", status.PreviewUrl);
        Assert.Same(friends, status.Friends);
    }

    [Fact]
    public void The_board_keeps_the_friends_counts_each_report_carries_for_those_who_poll()
    {
        var board = new MosaicStatusBoard(new Hangfire.InMemory.InMemoryStorage());
        var friends = new FriendCounts { Requested = 9, Fetched = 5, Failed = 1, Reasons = [new("their server answered 500", 1, ["Ann"])] };
        board.MarkQueued(Id, "o");

        board.MarkProgress(new ProgressReport(Id, "fetch", 0.1) { Fetched = new FetchCount(6, 9), Friends = friends });
        var status = LiveStatus.FromBoard(Id, board.Read(Id)!, null, Now);

        Assert.Equal(new FetchCount(6, 9), status.Fetched);
        Assert.Equal((9, 5, 1), (status.Friends!.Requested, status.Friends.Fetched, status.Friends.Failed));
        Assert.Equal(["Ann"], status.Friends.Reasons.Single().Examples);
    }

    [Fact]
    public void The_board_gives_a_waiting_mosaic_its_place_but_no_worker_or_eta()
    {
        var live = new LiveState(MosaicState.Queued, "queued", 0, null, "o") { Worker = "old", StartedAt = Now, Width = 800, Height = 600 };

        var status = LiveStatus.FromBoard(Id, live, 4, Now);

        Assert.Equal(4, status.QueuePosition);
        Assert.Null(status.Worker);
        Assert.Null(status.EtaSeconds);
        Assert.Equal((800, 600), (status.Width, status.Height));
        Assert.Null(LiveStatus.FromBoard(Id, live with { State = MosaicState.Running }, 4, Now).QueuePosition);
    }

    [Fact]
    public void The_owner_index_lists_newest_first_and_keeps_owners_apart()
    {
        var data = Directory.CreateTempSubdirectory("frintr-owners-").FullName;
        try
        {
            var index = new OwnerIndex(Options.Create(new FrintrWebOptions { DataPath = data }));
            var (a, b, c) = (MosaicId.New(), MosaicId.New(), MosaicId.New());
            index.Add("browser:one", a, Now.AddMinutes(-5));
            index.Add("browser:one", b, Now);
            index.Add("browser:../../two", c, Now);

            Assert.Equal([b, a], index.List("browser:one").Select(m => m.Id));
            Assert.Equal([c], index.List("browser:../../two").Select(m => m.Id));
            Assert.False(index.Owns("browser:one", c));
            index.Remove("browser:one", b);
            Assert.Equal([a], index.List("browser:one").Select(m => m.Id));
            // A fresh index over the same folder (another instance, or after a restart) sees the same.
            Assert.Equal([a], new OwnerIndex(Options.Create(new FrintrWebOptions { DataPath = data })).List("browser:one").Select(m => m.Id));
            Assert.All(Directory.GetDirectories(Path.Combine(data, "owners")), d => Assert.Matches("^[0-9a-f]{32}$", Path.GetFileName(d)));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
