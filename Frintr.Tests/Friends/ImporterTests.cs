using System.Diagnostics;
using Frintr.Jobs.Contracts;
using Frintr.Jobs.Friends;
using Frintr.Jobs.Friends.Import;
using Microsoft.Extensions.DependencyInjection;

namespace Frintr.Tests.Friends;

/// <summary>Each importer against a stand-in that answers in its network's documented shapes: every page, names and
/// profile links kept, default avatars left out and counted, rate limits waited out, unknown accounts said plainly.</summary>
public sealed class ImporterTests : IAsyncLifetime
{
    private readonly FakeSocialNetworks _networks = new(people: 73, pageSize: 20);
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        await _networks.StartAsync();
        _services = FriendsServices.Build(new Dictionary<string, string?>
        {
            ["Frintr:Friends:Bluesky:AppViewUrl"] = _networks.Server.BaseUrl.ToString(),
            ["Frintr:Friends:GitHub:ApiUrl"] = _networks.Server.BaseUrl.ToString(),
        });
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _networks.Server.DisposeAsync();
    }

    private string MastodonOwner => $"@{FakeSocialNetworks.Owner}@{_networks.Server.Authority}";

    private Task<FriendList> ImportAsync(FriendsSource source, string account, FriendsRelation relation = FriendsRelation.Following,
        TimeSpan? budget = null, bool wantAccount = false) =>
        _services.GetServices<IFriendImporter>().Single(i => i.Source == source).ImportAsync(
            new ImportRequest(account, relation, 2000, 25, DateTimeOffset.UtcNow + (budget ?? TimeSpan.FromSeconds(30)), wantAccount), CancellationToken.None);

    [Theory]
    [InlineData(FriendsSource.Mastodon)]
    [InlineData(FriendsSource.Bluesky)]
    [InlineData(FriendsSource.GitHub)]
    public async Task Follows_every_page_and_keeps_names_profile_links_and_pictures(FriendsSource source)
    {
        var list = await ImportAsync(source, Account(source));

        var withPicture = source == FriendsSource.GitHub ? _networks.People : _networks.People.Where(p => p.Picture != FakeAvatar.None).ToList();
        Assert.Equal(withPicture.Select(p => p.Handle), list.Friends.Select(f => Handle(f)));
        Assert.Equal(_networks.People.Count - withPicture.Count, list.WithoutPicture);
        Assert.Empty(list.Notes);
        var first = list.Friends[0];
        Assert.Equal(source == FriendsSource.GitHub ? "friend0" : "Friend 0", first.Profile.Name);
        Assert.Equal(source switch
        {
            FriendsSource.Mastodon => "https://mastodon.example/@friend0",
            FriendsSource.Bluesky => "https://bsky.app/profile/friend0.test",
            _ => "https://github.com/friend0",
        }, first.Profile.ProfileUrl);
        Assert.All(list.Friends, f => Assert.Equal(PictureSource.Url, f.Picture.Source));
        Assert.Equal(source == FriendsSource.GitHub, list.Friends.All(f => f.MayBeIdenticon));
        // 73 people, 20 a page: four pages, each asked for once.
        Assert.Equal(4, _networks.Server.Requests.Count(r => !r.StartsWith("/avatars", StringComparison.Ordinal) && !r.StartsWith("/api/v1/accounts/lookup", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task GitHub_avatars_are_asked_for_at_about_the_tiles_size()
    {
        var list = await ImportAsync(FriendsSource.GitHub, FakeSocialNetworks.Owner);

        Assert.All(list.Friends, f => Assert.EndsWith("?v=4&s=50", f.Picture.Location, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(FriendsSource.Mastodon, "/api/v1/accounts/1/followers")]
    [InlineData(FriendsSource.Bluesky, "/xrpc/app.bsky.graph.getFollowers")]
    [InlineData(FriendsSource.GitHub, "/users/alice/followers")]
    public async Task Followers_are_read_from_the_followers_list(FriendsSource source, string path)
    {
        var list = await ImportAsync(source, Account(source), FriendsRelation.Followers);

        Assert.NotEmpty(list.Friends);
        Assert.All(_networks.Server.Requests.Where(r => !r.StartsWith("/avatars", StringComparison.Ordinal) && !r.Contains("lookup", StringComparison.Ordinal)),
            r => Assert.StartsWith(path, r, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(FriendsSource.Mastodon)]
    [InlineData(FriendsSource.Bluesky)]
    [InlineData(FriendsSource.GitHub)]
    public async Task A_rate_limit_is_waited_out_within_the_budget(FriendsSource source)
    {
        _networks.RateLimitOnce = 2;
        var clock = Stopwatch.StartNew();

        var list = await ImportAsync(source, Account(source));

        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"waited {clock.Elapsed}");
        Assert.Equal(_networks.People.Count, list.Friends.Count + list.WithoutPicture);
        // The limited page was asked for again after the wait, and no page more than that.
        Assert.Equal(5, _networks.Server.Requests.Count(r => !r.StartsWith("/avatars", StringComparison.Ordinal) && !r.Contains("lookup", StringComparison.Ordinal)));
        Assert.Empty(list.Notes);
    }

    [Fact]
    public async Task A_rate_limit_longer_than_the_budget_stops_the_import_with_what_arrived_and_says_so()
    {
        _networks.RateLimitOnce = 3;
        _networks.RetryAfterSeconds = 600;

        var list = await ImportAsync(FriendsSource.Mastodon, MastodonOwner, budget: TimeSpan.FromSeconds(20));

        Assert.Equal(40, list.Friends.Count + list.WithoutPicture);
        Assert.Contains(list.Notes, n => n.Contains("rate limit stopped the import after", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(FriendsSource.Mastodon, "No Mastodon account @bob@")]
    [InlineData(FriendsSource.Bluesky, "No Bluesky account bob.test was found (Bluesky says: Profile not found)")]
    [InlineData(FriendsSource.GitHub, "No GitHub user bob was found")]
    public async Task An_unknown_account_is_a_clear_error(FriendsSource source, string message)
    {
        var account = source switch
        {
            FriendsSource.Mastodon => $"@bob@{_networks.Server.Authority}",
            FriendsSource.Bluesky => "bob.test",
            _ => "bob",
        };

        var ex = await Assert.ThrowsAsync<FriendsUnavailableException>(() => ImportAsync(source, account));

        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_accounts_own_picture_comes_along_for_use_as_the_target()
    {
        var mastodon = await ImportAsync(FriendsSource.Mastodon, MastodonOwner);
        var github = await ImportAsync(FriendsSource.GitHub, FakeSocialNetworks.Owner, wantAccount: true);

        Assert.Equal("Alice", mastodon.Account?.Name);
        Assert.Equal(_networks.Server.Url("avatars/me.jpg").ToString(), mastodon.AccountPicture);
        Assert.StartsWith(_networks.Server.Url("avatars/me.jpg").ToString(), github.AccountPicture, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("@alice@169.254.169.254")]
    [InlineData("@alice@127.0.0.1")]
    public async Task An_instance_on_a_private_network_is_never_asked(string account)
    {
        await using var strict = FriendsServices.Build(new Dictionary<string, string?> { ["Frintr:Worker:AllowPrivateNetworks"] = "false" });
        var importer = strict.GetServices<IFriendImporter>().Single(i => i.Source == FriendsSource.Mastodon);

        var ex = await Assert.ThrowsAsync<FriendsUnavailableException>(() => importer.ImportAsync(
            new ImportRequest(account, FriendsRelation.Following, 100, 25, DateTimeOffset.UtcNow.AddSeconds(10), false), CancellationToken.None));

        Assert.Contains("private network", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_instance_that_cannot_be_reached_is_said_so_without_the_systems_own_words()
    {
        var port = FreePort.Next();

        var refused = await Assert.ThrowsAsync<FriendsUnavailableException>(() => ImportAsync(FriendsSource.Mastodon, $"@alice@127.0.0.1:{port}"));
        await using var strict = FriendsServices.Build(new Dictionary<string, string?> { ["Frintr:Worker:AllowPrivateNetworks"] = "false" });
        var hidden = await Assert.ThrowsAsync<FriendsUnavailableException>(() => strict.GetServices<IFriendImporter>().Single(i => i.Source == FriendsSource.Mastodon)
            .ImportAsync(new ImportRequest($"@alice@localhost:{port}", FriendsRelation.Following, 100, 25, DateTimeOffset.UtcNow.AddSeconds(10), false), CancellationToken.None));

        // Neither the socket's text nor the port tells an anonymous person what listens where.
        Assert.Equal("Mastodon could not be reached at 127.0.0.1.", refused.Message);
        // A name that resolves only to private addresses reads like a name that does not exist.
        Assert.Equal("localhost could not be found on the public internet.", hidden.Message);
    }

    [Theory]
    [InlineData(FriendsSource.Mastodon, "@alice@mastodon.social", "@alice@mastodon.social")]
    [InlineData(FriendsSource.Mastodon, "alice@Mastodon.Social:8443", "@alice@mastodon.social:8443")]
    [InlineData(FriendsSource.Mastodon, "@alice@evil.com/path", null)]
    [InlineData(FriendsSource.Mastodon, "@alice@user:pass@host", null)]
    [InlineData(FriendsSource.Mastodon, "alice", null)]
    [InlineData(FriendsSource.Bluesky, "@Alice.bsky.social", "alice.bsky.social")]
    [InlineData(FriendsSource.Bluesky, "did:plc:z72i7hdynmk6r22z27h6tvur", "did:plc:z72i7hdynmk6r22z27h6tvur")]
    [InlineData(FriendsSource.Bluesky, "alice", null)]
    [InlineData(FriendsSource.GitHub, "octo-cat", "octo-cat")]
    [InlineData(FriendsSource.GitHub, "octo--cat", null)]
    [InlineData(FriendsSource.GitHub, "../users", null)]
    public void Accounts_are_checked_before_anything_is_asked(FriendsSource source, string account, string? normalized) =>
        Assert.Equal(normalized, FriendAccount.Normalize(source, account, out _));

    private string Account(FriendsSource source) => source switch
    {
        FriendsSource.Mastodon => MastodonOwner,
        FriendsSource.Bluesky => FakeSocialNetworks.Owner + ".test",
        _ => FakeSocialNetworks.Owner,
    };

    private static string Handle(FriendRef friend)
    {
        var name = new Uri(friend.Picture.Location).Segments[^1];
        return name[..name.IndexOf('.', StringComparison.Ordinal)];
    }
}
