using System.Globalization;
using System.Text.Json;
using Frintr.Jobs.Contracts;

namespace Frintr.Jobs.Friends.Import;

/// <summary>The paging loop every importer shares: follow the next page until the end, the friends cap, the deadline
/// or a rate limit, keep friends who have a picture of their own and count those who do not, and note for the person
/// where and why it stopped early.</summary>
internal sealed class FriendCollector(FriendsSource network, ImportRequest request, TimeProvider time)
{
    /// <summary>Pages read at most, whatever the server says (a page of one account, for ever, ends too).</summary>
    private const int MaxPages = 500;

    private readonly List<FriendRef> _friends = [];
    private readonly HashSet<string> _pictures = new(StringComparer.Ordinal);
    private readonly List<string> _notes = [];
    private int _withoutPicture;

    /// <summary>Reads pages from <paramref name="first"/> on; <paramref name="read"/> turns a page into its friends and
    /// the next page's address. A first page that fails fails the import (<paramref name="firstPageFailure"/>).</summary>
    public async Task CollectAsync<TPage>(
        ImportPager pager, Uri first, JsonSerializerOptions json, Func<Page<TPage>, (IEnumerable<Candidate> Friends, Uri? Next)> read,
        Func<Page<TPage>, Exception> firstPageFailure, CancellationToken cancellationToken, Action<HttpRequestMessage>? prepare = null)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (Uri? url = first; url is not null && _friends.Count < request.MaxFriends; )
        {
            if (!seen.Add(url.AbsoluteUri) || seen.Count > MaxPages)
                break;
            if (time.GetUtcNow() > request.Deadline)
            {
                _notes.Add($"Importing from {network.DisplayName()} took too long; it stopped after {_friends.Count:N0} friends.");
                break;
            }

            var page = await pager.GetAsync<TPage>(url, request.Deadline, json, cancellationToken, prepare);
            if (page.LimitedUntil is { } until)
            {
                if (seen.Count == 1)
                    throw RateLimited(until);
                _notes.Add($"{network.DisplayName()}'s rate limit stopped the import after {_friends.Count:N0} friends (it lifts at {until.UtcDateTime:HH:mm} UTC).");
                break;
            }

            if (!page.Ok)
            {
                if (seen.Count == 1)
                    throw firstPageFailure(page);
                _notes.Add($"{network.DisplayName()} stopped answering after {_friends.Count:N0} friends (it answered {(int)page.Status}).");
                break;
            }

            var (friends, next) = read(page);
            var any = false;
            foreach (var friend in friends)
            {
                any = true;
                Add(friend);
                if (_friends.Count >= request.MaxFriends)
                {
                    _notes.Add($"Only the first {request.MaxFriends:N0} friends were used (the most one mosaic takes here).");
                    break;
                }
            }

            url = any ? next : null;
        }
    }

    public FriendsUnavailableException RateLimited(DateTimeOffset until) =>
        new($"{network.DisplayName()}'s rate limit is reached for now; please try again after {until.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture)} UTC.");

    public FriendList Result(FriendProfile? account = null, string? accountPicture = null) => new(_friends)
    {
        WithoutPicture = _withoutPicture,
        Notes = _notes,
        Account = account,
        AccountPicture = accountPicture,
    };

    private void Add(Candidate candidate)
    {
        var picture = FriendText.SafeLink(candidate.PictureUrl);
        if (picture is null)
        {
            _withoutPicture++;
            return;
        }

        // One account listed twice (pages that overlap while the list changes) is one friend.
        if (!_pictures.Add(picture))
            return;
        var name = FriendText.CleanName(candidate.Name) ?? FriendText.CleanName(candidate.FallbackName) ?? "a friend";
        _friends.Add(new FriendRef(new FriendProfile(name, FriendText.SafeLink(candidate.ProfileUrl)), PictureRef.Url(picture, name))
        {
            MayBeIdenticon = candidate.MayBeIdenticon,
        });
    }
}

/// <summary>A friend as a page lists them; a null <see cref="PictureUrl"/> is a friend without a picture of their own.</summary>
internal sealed record Candidate(string? Name, string? FallbackName, string? ProfileUrl, string? PictureUrl, bool MayBeIdenticon = false);
