using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Frintr.Jobs.Contracts;
using Microsoft.Extensions.Options;

namespace Frintr.Jobs.Friends.Import;

/// <summary>GitHub: <c>GET /users/{login}/following</c> (or <c>followers</c>), <c>per_page=100</c>, following the
/// <c>Link</c> header. Avatars are asked for at about the tile's size (<c>s=</c>); GitHub's generated identicons are
/// recognised after download and left out. <c>Frintr:Friends:GitHub:Token</c>, when set, lifts the hourly limit.</summary>
public sealed class GitHubImporter(IHttpClientFactory http, IOptions<FriendsOptions> options, TimeProvider time) : IFriendImporter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public FriendsSource Source => FriendsSource.GitHub;

    public async Task<FriendList> ImportAsync(ImportRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var api = options.Value.GitHub.ApiUrl;
        var pager = new ImportPager(http.CreateClient(FriendImporters.Client), Source, time);
        var collector = new FriendCollector(Source, request, time);
        var login = Uri.EscapeDataString(request.Account);
        var size = Math.Clamp(request.AvatarSide * 2, 40, 460);

        GitHubUser? me = null;
        if (request.WantAccount)
        {
            var profile = await pager.GetAsync<GitHubUser>(ImportPager.Below(api, $"users/{login}"), request.Deadline, Json, cancellationToken, Sign);
            if (profile.LimitedUntil is { } until)
                throw collector.RateLimited(until);
            if (!profile.Ok)
                throw Failure(profile.Status, request.Account);
            me = profile.Body;
        }

        var relation = request.Relation == FriendsRelation.Followers ? "followers" : "following";
        await collector.CollectAsync<GitHubUser[]>(pager, ImportPager.Below(api, $"users/{login}/{relation}?per_page=100"), Json,
            page => (page.Body!.Select(u => new Candidate(u.Name, u.Login, u.HtmlUrl, Sized(u.AvatarUrl, size), MayBeIdenticon: true)), page.Next),
            page => Failure(page.Status, request.Account),
            cancellationToken, Sign);
        return collector.Result(
            me is null ? null : new FriendProfile(FriendText.CleanName(me.Name) ?? me.Login ?? request.Account, FriendText.SafeLink(me.HtmlUrl)),
            Sized(me?.AvatarUrl, size));
    }

    private void Sign(HttpRequestMessage request)
    {
        request.Headers.Accept.Clear();
        request.Headers.Accept.ParseAdd("application/vnd.github+json");
        request.Headers.Add("X-GitHub-Api-Version", "2022-11-28");
        if (options.Value.GitHub.Token is { Length: > 0 } token)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    private static FriendsUnavailableException Failure(HttpStatusCode status, string login) => status == HttpStatusCode.NotFound
        ? new FriendsUnavailableException($"No GitHub user {login} was found.")
        : new FriendsUnavailableException($"GitHub would not list whom {login} follows (it answered {(int)status}).");

    // GitHub scales avatars to s×s pixels.
    private static string? Sized(string? url, int size) =>
        url is null ? null : url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "s=" + size.ToString(CultureInfo.InvariantCulture);

    private sealed record GitHubUser(string? Login, string? Name, string? AvatarUrl, string? HtmlUrl);
}
