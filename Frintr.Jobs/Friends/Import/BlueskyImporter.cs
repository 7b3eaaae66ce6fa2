using System.Net;
using System.Text.Json;
using Frintr.Jobs.Contracts;
using Microsoft.Extensions.Options;

namespace Frintr.Jobs.Friends.Import;

/// <summary>Bluesky: <c>GET /xrpc/app.bsky.graph.getFollows</c> (or <c>getFollowers</c>) on the public AppView with
/// <c>actor</c>, <c>limit=100</c> and the <c>cursor</c> of the page before. Accounts with no <c>avatar</c> have no
/// picture of their own; profile links are <c>https://bsky.app/profile/{handle}</c>.</summary>
public sealed class BlueskyImporter(IHttpClientFactory http, IOptions<FriendsOptions> options, TimeProvider time) : IFriendImporter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public FriendsSource Source => FriendsSource.Bluesky;

    public async Task<FriendList> ImportAsync(ImportRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var appView = options.Value.Bluesky.AppViewUrl;
        var method = request.Relation == FriendsRelation.Followers ? "app.bsky.graph.getFollowers" : "app.bsky.graph.getFollows";
        Uri PageUrl(string? cursor) => ImportPager.Below(appView, $"xrpc/{method}?actor={Uri.EscapeDataString(request.Account)}&limit=100"
            + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor)));

        var pager = new ImportPager(http.CreateClient(FriendImporters.Client), Source, time);
        var collector = new FriendCollector(Source, request, time);
        BlueskyProfile? subject = null;
        await collector.CollectAsync<BlueskyPage>(pager, PageUrl(null), Json,
            page =>
            {
                subject ??= page.Body!.Subject;
                var cursor = page.Body!.Cursor;
                return ((page.Body.Follows ?? page.Body.Followers ?? []).Select(Candidate), string.IsNullOrEmpty(cursor) ? null : PageUrl(cursor));
            },
            page => page.Status is HttpStatusCode.BadRequest or HttpStatusCode.NotFound
                ? new FriendsUnavailableException($"No Bluesky account {request.Account} was found{Detail(page.ErrorText)}.")
                : new FriendsUnavailableException($"Bluesky would not list whom {request.Account} follows (it answered {(int)page.Status})."),
            cancellationToken);
        return collector.Result(subject is null ? null : new FriendProfile(FriendText.CleanName(subject.DisplayName) ?? request.Account, ProfileLink(subject.Handle)), subject?.Avatar);
    }

    private static Candidate Candidate(BlueskyProfile profile) =>
        new(profile.DisplayName, profile.Handle, ProfileLink(profile.Handle), profile.Avatar);

    private static string? ProfileLink(string? handle) =>
        handle is null ? null : "https://bsky.app/profile/" + Uri.EscapeDataString(handle);

    // The AppView says why: {"error":"InvalidRequest","message":"Profile not found"}.
    private static string Detail(string? body)
    {
        try
        {
            return body is not null && JsonSerializer.Deserialize<XrpcError>(body, Json)?.Message is { Length: > 0 and < 200 } message
                ? $" (Bluesky says: {message})"
                : string.Empty;
        }
        catch (JsonException)
        {
            return string.Empty;
        }
    }

    private sealed record BlueskyProfile(string? Did, string? Handle, string? DisplayName, string? Avatar);

    private sealed record BlueskyPage(BlueskyProfile? Subject, string? Cursor, BlueskyProfile[]? Follows, BlueskyProfile[]? Followers);

    private sealed record XrpcError(string? Error, string? Message);
}
