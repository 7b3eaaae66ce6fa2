using Frintr.Jobs.Contracts;
using Frintr.Jobs.Friends;
using Frintr.Jobs.Friends.Cache;
using Frintr.Jobs.Rendering;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace Frintr.Tests.Friends;

/// <summary>The job's first stage, end to end in this process: import, fetch, prepare, cache; what it counts and what
/// it tells the person.</summary>
public sealed class FriendsGathererTests : IAsyncLifetime
{
    private readonly FakeSocialNetworks _networks = new(people: 40, pageSize: 15);
    private readonly string _scratch = Directory.CreateTempSubdirectory("frintr-gather-").FullName;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        await _networks.StartAsync();
        _services = Services();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _networks.Server.DisposeAsync();
        Directory.Delete(_scratch, recursive: true);
    }

    private ServiceProvider Services(Dictionary<string, string?>? more = null) => FriendsServices.Build(new Dictionary<string, string?>
    {
        ["Frintr:Friends:GitHub:ApiUrl"] = _networks.Server.BaseUrl.ToString(),
    }.Concat(more ?? []).ToDictionary());

    private MosaicRequest Mastodon(bool targetFromAccount = true) => new()
    {
        MosaicId = MosaicId.New(),
        OwnerId = "test",
        Friends = [],
        FriendsSource = FriendsSource.Mastodon,
        Account = $"@{FakeSocialNetworks.Owner}@{_networks.Server.Authority}",
        TargetFromAccount = targetFromAccount,
        Options = new MosaicOptions { TileSize = 16 },
    };

    private Task<GatheredInputs> GatherAsync(MosaicRequest request, ServiceProvider? services = null) =>
        (services ?? _services).GetRequiredService<FriendsGatherer>().GatherAsync(request, _scratch, CancellationToken.None);

    private int AvatarRequests => _networks.Server.Count("/avatars/friend");

    /// <summary>Requests for avatars that are there (a dead one is asked for again: it may be back).</summary>
    private int PictureDownloads => _networks.Server.Requests.Count(r => r.StartsWith("/avatars/friend", StringComparison.Ordinal) && !r.StartsWith("/avatars/friend3.", StringComparison.Ordinal));

    [Fact]
    public async Task Imported_friends_arrive_as_prepared_tiles_with_names_links_and_the_reasons_for_the_missing()
    {
        var inputs = await GatherAsync(Mastodon());

        var friends = inputs.Friends;
        Assert.Equal(40, friends.Requested);
        Assert.Equal(4, friends.WithoutPicture);            // every tenth has Mastodon's missing.png
        Assert.Equal(1, friends.Failed);                    // one avatar is gone
        Assert.Equal(35, friends.Fetched);
        Assert.Equal(0, friends.FromCache);
        var reason = Assert.Single(friends.Reasons);
        Assert.Equal((FetchReason.Answered(404), 1, "Friend 3"), (reason.Reason, reason.Count, reason.Examples.Single()));
        Assert.Equal(35, inputs.Tiles.Count);
        Assert.Equal(inputs.Tiles.Count, inputs.Tiles.Select(t => t.FriendId).Distinct().Count());
        Assert.All(inputs.Tiles, t => Assert.Equal(16, t.Picture.TileSize));
        Assert.Equal(new FriendProfile("Friend 0", "https://mastodon.example/@friend0"), inputs.Profiles[inputs.Tiles[0].FriendId]);
        Assert.Contains(inputs.Unreachable, line => line.StartsWith("Friend 3:", StringComparison.Ordinal));
        // The account's own picture is the target.
        Assert.Equal(FakeSocialNetworks.AvatarBytes(999), await File.ReadAllBytesAsync(inputs.TargetPath));
    }

    [Fact]
    public async Task The_second_mosaic_with_the_same_friends_downloads_no_picture_and_says_from_cache()
    {
        var first = await GatherAsync(Mastodon());
        var downloads = PictureDownloads;

        var second = await GatherAsync(Mastodon());

        Assert.Equal(35, downloads);
        Assert.Equal(downloads, PictureDownloads);
        Assert.Equal(first.Friends.Fetched, second.Friends.Fetched);
        Assert.Equal(second.Friends.Fetched, second.Friends.FromCache);
        Assert.Equal(first.Tiles.Select(t => t.Picture.ToBytes()), second.Tiles.Select(t => t.Picture.ToBytes()));
    }

    [Fact]
    public async Task A_version_1_job_still_in_a_queue_from_before_the_upgrade_is_gathered_as_the_list_it_was()
    {
        // The package as version 1 put it on the queue (Hangfire's JSON of the old record): a target and friends'
        // addresses, no source.
        var target = _networks.Server.Url("avatars/me.jpg");
        var friend = _networks.Server.Url("avatars/friend1.jpg");
        var json = $$"""
            {"Version":1,"MosaicId":"{{MosaicId.New()}}","OwnerId":"api",
             "Target":{"Source":1,"Location":"{{target}}","Name":null},
             "Friends":[{"Source":1,"Location":"{{friend}}","Name":null},{"Source":1,"Location":"{{friend}}","Name":null}],
             "Options":{"Columns":10,"TileSize":16,"RepeatDistance":0,"Blend":0},"CreatedAt":"2026-11-30T10:00:00+00:00"}
            """;
        var request = Hangfire.Common.SerializationHelper.Deserialize<MosaicRequest>(json, Hangfire.Common.SerializationOption.User)!;

        Assert.Empty(MosaicRequestRules.Check(request));
        var inputs = await GatherAsync(request);

        Assert.Equal((1, 1), (inputs.Friends.Requested, inputs.Friends.Fetched));
        Assert.Equal(FakeSocialNetworks.AvatarBytes(999), await File.ReadAllBytesAsync(inputs.TargetPath));
    }

    [Fact]
    public async Task After_its_trust_runs_out_a_URL_is_asked_whether_it_changed_and_a_304_downloads_nothing()
    {
        var served = 0;
        var conditional = 0;
        await using var cdn = await FakeWebServer.StartAsync(app => app.MapGet("/p/{n}.jpg", (HttpContext http, int n) =>
        {
            if (http.Request.Headers.IfNoneMatch == $"\"v{n}\"")
            {
                Interlocked.Increment(ref conditional);
                return Results.StatusCode(304);
            }

            Interlocked.Increment(ref served);
            http.Response.Headers.ETag = $"\"v{n}\"";
            return Results.Bytes(FakeSocialNetworks.AvatarBytes(n), "image/jpeg");
        }));
        await using var services = Services(new() { ["Frintr:Friends:Cache:TrustUrlsFor"] = "00:00:00" });
        MosaicRequest Request() => new()
        {
            MosaicId = MosaicId.New(),
            OwnerId = "test",
            Target = PictureRef.Url(cdn.Url("p/100.jpg").ToString()),
            FriendsSource = FriendsSource.Urls,
            // The same address twice is one friend.
            Friends = [.. Enumerable.Range(0, 12).Select(i => PictureRef.Url(cdn.Url($"p/{i}.jpg").ToString())), PictureRef.Url(cdn.Url("p/0.jpg").ToString())],
        };

        var first = await GatherAsync(Request(), services);
        var second = await GatherAsync(Request(), services);

        Assert.Equal((12, 0), (first.Friends.Fetched, first.Friends.FromCache));
        Assert.Equal((12, 12), (second.Friends.Fetched, second.Friends.FromCache));
        Assert.Equal(12 + 2, served);                       // the targets are not cached, the friends are
        Assert.Equal(12, conditional);
    }

    [Fact]
    public async Task GitHub_identicons_count_as_no_picture_of_their_own()
    {
        var inputs = await GatherAsync(Mastodon(targetFromAccount: false) with
        {
            FriendsSource = FriendsSource.GitHub,
            Account = FakeSocialNetworks.Owner,
            Target = PictureRef.Url(_networks.Server.Url("avatars/me.jpg").ToString()),
        });

        Assert.Equal(5, inputs.Friends.WithoutPicture);     // identicons: friend5's, and GitHub's for the four without a picture
        Assert.Equal(1, inputs.Friends.Failed);             // friend3's dead avatar
        Assert.Equal(34, inputs.Friends.Fetched);
        Assert.DoesNotContain(inputs.Profiles.Values, p => p.Name is "friend5" or "friend9");
    }

    [Fact]
    public async Task Too_few_friends_fail_the_mosaic_saying_how_many_were_missing_and_why()
    {
        await using var strict = Services(new() { ["Frintr:Friends:MinimumFetched"] = "36" });

        var ex = await Assert.ThrowsAsync<FriendsUnavailableException>(() => GatherAsync(Mastodon(), strict));

        Assert.Equal("5 of 40 friends' pictures could not be used (1: their picture is gone (the server answered 404); 4: no picture of their own), so there is nothing to build the mosaic from.", ex.Message);
        Assert.Equal(35, ex.Friends?.Fetched);
    }

    [Fact]
    public async Task An_unknown_account_fails_the_mosaic_before_any_picture_is_asked_for()
    {
        var ex = await Assert.ThrowsAsync<FriendsUnavailableException>(() => GatherAsync(Mastodon() with { Account = $"@nobody@{_networks.Server.Authority}" }));

        Assert.StartsWith("No Mastodon account @nobody@", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, AvatarRequests);
    }

    [Fact]
    public async Task The_builtin_library_makes_friends_with_nothing_downloaded()
    {
        var inputs = await GatherAsync(new MosaicRequest
        {
            MosaicId = MosaicId.New(),
            OwnerId = "test",
            Target = PictureRef.Url(_networks.Server.Url("avatars/me.jpg").ToString()),
            Friends = [],
            FriendsSource = FriendsSource.Builtin,
        });

        Assert.True(inputs.Friends.Fetched >= 300, $"{inputs.Friends.Fetched} built-in pictures");
        Assert.Equal(0, inputs.Friends.Failed);
        Assert.All(inputs.Profiles.Values, p => Assert.Matches(@" — .+ \(.+\)$", p.Name));
    }

    [Fact]
    public async Task The_tile_cache_refuses_to_live_in_the_job_queues_Redis()
    {
        await using var shared = Services(new()
        {
            ["ConnectionStrings:Redis"] = "127.0.0.1:6399,password=x",
            ["ConnectionStrings:TileCache"] = "127.0.0.1:6399,password=x,defaultDatabase=3",
        });

        var ex = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => shared.GetRequiredService<ITileCache>());

        Assert.Contains("a Redis of its own", ex.Message, StringComparison.Ordinal);
    }
}
