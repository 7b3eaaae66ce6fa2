using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Frintr.Jobs.Contracts;
using Microsoft.Extensions.Options;

namespace Frintr.Jobs.Friends.Import;

/// <summary>Mastodon: <c>GET /api/v1/accounts/lookup?acct=user</c> on the handle's instance, then
/// <c>/api/v1/accounts/{id}/following</c> (or <c>followers</c>), 80 a page, following the <c>Link</c> header.
/// Accounts whose <c>avatar_static</c> is the instance's default (<c>…/missing.png</c>) have no picture of their own.</summary>
public sealed partial class MastodonImporter(IHttpClientFactory http, IOptions<FriendsOptions> options, TimeProvider time) : IFriendImporter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public FriendsSource Source => FriendsSource.Mastodon;

    public async Task<FriendList> ImportAsync(ImportRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (user, instance) = FriendAccount.SplitMastodon(request.Account);
        var server = new Uri($"{options.Value.Mastodon.Scheme}://{instance}/");
        var pager = new ImportPager(http.CreateClient(FriendImporters.Client), Source, time);
        var collector = new FriendCollector(Source, request, time);

        var lookup = await pager.GetAsync<MastodonAccount>(
            new Uri(server, $"api/v1/accounts/lookup?acct={Uri.EscapeDataString(user)}"), request.Deadline, Json, cancellationToken);
        if (lookup.LimitedUntil is { } until)
            throw collector.RateLimited(until);
        if (lookup.Status is HttpStatusCode.NotFound or HttpStatusCode.Gone)
            throw new FriendsUnavailableException($"No Mastodon account {request.Account} was found on {instance}.");
        if (!lookup.Ok || lookup.Body!.Id is not { } id || !AccountId().IsMatch(id))
            throw new FriendsUnavailableException($"{instance} did not answer as a Mastodon server does (it answered {(int)lookup.Status}).");

        var me = lookup.Body;
        var relation = request.Relation == FriendsRelation.Followers ? "followers" : "following";
        await collector.CollectAsync<MastodonAccount[]>(pager, new Uri(server, $"api/v1/accounts/{id}/{relation}?limit=80"), Json,
            page => (page.Body!.Select(Candidate), page.Next),
            page => new FriendsUnavailableException($"{instance} would not list whom {request.Account} follows (it answered {(int)page.Status})."),
            cancellationToken);
        return collector.Result(new FriendProfile(FriendText.CleanName(me.DisplayName) ?? me.Username ?? user, FriendText.SafeLink(me.Url)), Picture(me));
    }

    private static Candidate Candidate(MastodonAccount account) => new(account.DisplayName, account.Username, account.Url, Picture(account));

    // The instance's placeholder for accounts without a picture is served as …/avatars/original/missing.png.
    private static string? Picture(MastodonAccount account)
    {
        var url = account.AvatarStatic ?? account.Avatar;
        return url is null || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.AbsolutePath.EndsWith("/missing.png", StringComparison.OrdinalIgnoreCase))
            ? null
            : url;
    }

    [GeneratedRegex("^[A-Za-z0-9]{1,64}$")]
    private static partial Regex AccountId();

    private sealed record MastodonAccount(string? Id, string? Username, string? DisplayName, string? Url, string? Avatar, string? AvatarStatic);
}
