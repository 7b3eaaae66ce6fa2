using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SkiaSharp;

namespace Frintr.Tests.Infrastructure;

/// <summary>Someone on a fake network: <see cref="Picture"/> says what their avatar is.</summary>
internal sealed record FakePerson(string Handle, string Name, FakeAvatar Picture, int Index);

internal enum FakeAvatar
{
    Own,

    /// <summary>The network's default (Mastodon's missing.png, Bluesky's absent avatar).</summary>
    None,

    /// <summary>An address that answers 404.</summary>
    Dead,

    /// <summary>A GitHub-style identicon: a mirrored pattern of one colour on #F0F0F0.</summary>
    Identicon,
}

/// <summary>Mastodon, Bluesky and GitHub as their documentation shows them, on one loopback server: Mastodon's
/// accounts lookup and following/followers with <c>Link</c> headers, Bluesky's <c>getFollows</c>/<c>getFollowers</c>
/// with cursors, GitHub's users/{login}/following with <c>Link</c> headers and <c>per_page</c>; avatars under
/// <c>/avatars/</c> (real pictures, each its own colour). The owner of every list is <see cref="Owner"/>; any other
/// account is unknown. <see cref="RateLimitOnce"/> answers one page 429 with <c>Retry-After: 1</c>.</summary>
internal sealed class FakeSocialNetworks
{
    public const string Owner = "alice";

    private int _rateLimited;

    public FakeSocialNetworks(int people, int pageSize = 25)
    {
        PageSize = pageSize;
        People = [.. Enumerable.Range(0, people).Select(i => new FakePerson(
            $"friend{i}", $"Friend {i}",
            i % 10 == 9 ? FakeAvatar.None : i == 3 ? FakeAvatar.Dead : i == 5 ? FakeAvatar.Identicon : FakeAvatar.Own, i))];
    }

    public IReadOnlyList<FakePerson> People { get; }

    public int PageSize { get; }

    /// <summary>The page (from 1) answered 429 once; 0 for none.</summary>
    public int RateLimitOnce { get; set; }

    /// <summary>Seconds the 429 asks to wait.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    public FakeWebServer Server { get; private set; } = null!;

    public int WithOwnPicture(bool identiconsCount) =>
        People.Count(p => p.Picture == FakeAvatar.Own || (identiconsCount && p.Picture == FakeAvatar.Identicon));

    public async Task<FakeSocialNetworks> StartAsync(string address = "127.0.0.1")
    {
        Server = await FakeWebServer.StartAsync(Map, address);
        return this;
    }

    public static byte[] AvatarBytes(int index, bool identicon = false)
    {
        var color = SKColor.FromHsl(index * 137.5f % 360, 65, 30 + (index % 4 * 12));
        return identicon
            ? TestPictures.Draw(420, 420, SKEncodedImageFormat.Png, canvas =>
            {
                canvas.Clear(new SKColor(240, 240, 240));
                using var paint = new SKPaint { Color = color };
                foreach (var (x, y) in new[] { (0, 0), (4, 0), (1, 1), (3, 1), (2, 2), (0, 3), (4, 3), (2, 4) })
                    canvas.DrawRect(35 + (x * 70), 35 + (y * 70), 70, 70, paint);
            })
            : TestPictures.Gradient(120, 120, color, SKColors.White, SKEncodedImageFormat.Jpeg);
    }

    private void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/avatars/{name}", (string name) =>
        {
            var person = People.FirstOrDefault(p => name.StartsWith(p.Handle + ".", StringComparison.Ordinal));
            if (name == "me.jpg")
                return Results.Bytes(AvatarBytes(999), "image/jpeg");
            // GitHub gives everyone without a picture an identicon (asked for as .png here).
            var identicon = person?.Picture == FakeAvatar.Identicon || (person?.Picture == FakeAvatar.None && name.EndsWith(".png", StringComparison.Ordinal));
            return person is null || person.Picture == FakeAvatar.Dead || (person.Picture == FakeAvatar.None && !identicon)
                ? Results.NotFound()
                : Results.Bytes(AvatarBytes(person.Index, identicon), identicon ? "image/png" : "image/jpeg");
        });

        // Mastodon
        app.MapGet("/api/v1/accounts/lookup", (string acct) => acct == Owner
            ? Results.Json(MastodonAccount(Owner, "Alice", 1, "me.jpg"))
            : Results.Json(new { error = "Record not found" }, statusCode: 404));
        app.MapGet("/api/v1/accounts/{id}/{relation}", (HttpContext http, string id, string relation, int? limit, int? max_id) =>
        {
            if (id != "1")
                return Results.Json(new { error = "Record not found" }, statusCode: 404);
            var start = max_id ?? 0;
            if (Limited(start, http))
                return Results.Json(new { error = "Too many requests" }, statusCode: 429);
            var page = People.Skip(start).Take(Math.Min(limit ?? 40, PageSize)).ToList();
            if (start + page.Count < People.Count)
                http.Response.Headers.Link = $"<{Server.Url($"api/v1/accounts/1/{relation}?limit={limit ?? 40}&max_id={start + page.Count}")}>; rel=\"next\", <{Server.Url($"api/v1/accounts/1/{relation}?since_id=0")}>; rel=\"prev\"";
            return Results.Json(page.Select(p => MastodonAccount(p.Handle, p.Name, 100 + p.Index,
                p.Picture == FakeAvatar.None ? null : p.Handle + ".jpg")));
        });

        // Bluesky
        app.MapGet("/xrpc/{method}", (HttpContext http, string method, string actor, int? limit, string? cursor) =>
        {
            if (actor != Owner + ".test")
                return Results.Json(new { error = "InvalidRequest", message = "Profile not found" }, statusCode: 400);
            var start = cursor is null ? 0 : int.Parse(cursor, CultureInfo.InvariantCulture);
            if (Limited(start, http))
                return Results.Json(new { error = "RateLimitExceeded", message = "Rate Limit Exceeded" }, statusCode: 429);
            var page = People.Skip(start).Take(Math.Min(limit ?? 50, PageSize)).Select(p => BlueskyProfile(p.Handle + ".test", p.Name,
                p.Picture == FakeAvatar.None ? null : p.Handle + ".jpg")).ToList();
            var next = start + page.Count < People.Count ? (start + page.Count).ToString(CultureInfo.InvariantCulture) : null;
            var subject = BlueskyProfile(Owner + ".test", "Alice", "me.jpg");
            return method == "app.bsky.graph.getFollowers"
                ? Results.Json(new { subject, cursor = next, followers = page })
                : Results.Json(new { subject, cursor = next, follows = page });
        });

        // GitHub
        app.MapGet("/users/{login}", (string login) => login == Owner
            ? Results.Json(GitHubUser(Owner, "me.jpg"))
            : Results.Json(new { message = "Not Found", documentation_url = "https://docs.github.com/rest" }, statusCode: 404));
        app.MapGet("/users/{login}/{relation}", (HttpContext http, string login, string relation, int? per_page, int? page) =>
        {
            if (login != Owner)
                return Results.Json(new { message = "Not Found" }, statusCode: 404);
            var size = Math.Min(per_page ?? 30, PageSize);
            var number = page ?? 1;
            if (Limited((number - 1) * size, http))
            {
                http.Response.Headers["x-ratelimit-remaining"] = "0";
                http.Response.Headers["x-ratelimit-reset"] = DateTimeOffset.UtcNow.AddSeconds(RetryAfterSeconds + 1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                http.Response.Headers.RetryAfter = default;
                return Results.Json(new { message = "API rate limit exceeded" }, statusCode: 403);
            }

            var users = People.Skip((number - 1) * size).Take(size).ToList();
            if (number * size < People.Count)
                http.Response.Headers.Link = $"<{Server.Url($"users/{login}/{relation}?per_page={per_page}&page={number + 1}")}>; rel=\"next\", <{Server.Url($"users/{login}/{relation}?per_page={per_page}&page=1")}>; rel=\"first\"";
            return Results.Json(users.Select(p => GitHubUser(p.Handle, p.Handle + (p.Picture is FakeAvatar.Identicon or FakeAvatar.None ? ".png" : ".jpg"))));
        });
    }

    // The page starting at item `start` is answered 429 once, when RateLimitOnce says so.
    private bool Limited(int start, HttpContext http)
    {
        if (RateLimitOnce == 0 || start != (RateLimitOnce - 1) * PageSize || Interlocked.Exchange(ref _rateLimited, 1) != 0)
            return false;
        http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return true;
    }

    private Dictionary<string, object?> MastodonAccount(string username, string name, int id, string? avatar) => new Dictionary<string, object?>
    {
        ["id"] = id.ToString(CultureInfo.InvariantCulture),
        ["username"] = username,
        ["acct"] = username,
        ["display_name"] = name,
        ["url"] = $"https://mastodon.example/@{username}",
        ["avatar"] = Server.Url("avatars/" + (avatar ?? "missing.png")).ToString(),
        ["avatar_static"] = avatar is null ? "https://mastodon.example/avatars/original/missing.png" : Server.Url("avatars/" + avatar).ToString(),
    };

    private object BlueskyProfile(string handle, string name, string? avatar) => avatar is null
        ? new { did = "did:plc:" + handle.Replace(".", "", StringComparison.Ordinal), handle, displayName = name }
        : new { did = "did:plc:" + handle.Replace(".", "", StringComparison.Ordinal), handle, displayName = name, avatar = Server.Url("avatars/" + avatar).ToString() };

    private Dictionary<string, object?> GitHubUser(string login, string avatar) => new Dictionary<string, object?>
    {
        ["login"] = login,
        ["id"] = 1,
        ["avatar_url"] = Server.Url("avatars/" + avatar + "?v=4").ToString(),
        ["html_url"] = "https://github.com/" + login,
        ["type"] = "User",
    };
}
