using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Frintr.Web.Security;
using SkiaSharp;

namespace Frintr.Tests.Security;

/// <summary>One client cannot submit without bound or guess the admin password at leisure; others are not slowed by it.
/// The limits are token buckets (a burst of N, then one more every 60/N s), so a count is checked against what the
/// bucket could have refilled while the test ran.</summary>
[Collection(FrintrProcesses.Name)]
public sealed class RateLimitTests(ProxiedFrintr frintr)
{
    private static readonly RateLimitOptions Defaults = new();

    [Fact]
    public async Task Submissions_beyond_the_limit_get_429_with_Retry_After_and_nothing_is_kept()
    {
        using var http = frintr.ViaProxy("203.0.113.10");
        var (passed, refused, elapsed) = await SubmitUntilRefusedAsync(http);
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        var inputsBefore = InputFolders();
        using var valid = await MosaicApiClient.SubmitAsync(http, (TestPictures.Solid(SKColors.Red), "me.png"), [(TestPictures.Solid(SKColors.Blue), "f.png")]);
        using var otherClient = frintr.ViaProxy("203.0.113.11");
        using var other = await MosaicApiClient.SubmitAsync(otherClient, null, []);

        AssertWithinBucket(passed, elapsed, Defaults.SubmissionsPerMinute);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.InRange(retryAfter ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(Math.Ceiling(60.0 / Defaults.SubmissionsPerMinute)));
        Assert.Contains($"At most {Defaults.SubmissionsPerMinute} mosaics a minute", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, valid.StatusCode);
        Assert.Equal(inputsBefore, InputFolders());
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
    }

    [Fact]
    public async Task A_client_that_is_no_proxy_cannot_escape_the_limit_by_naming_other_clients()
    {
        using var http = frintr.Stranger();
        var (passed, refused, elapsed) = await SubmitUntilRefusedAsync(http,
            (request, i) => request.Headers.Add("X-Forwarded-For", $"198.51.100.{i % 250}"));

        AssertWithinBucket(passed, elapsed, Defaults.SubmissionsPerMinute);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }

    [Fact]
    public async Task Admin_sign_in_is_throttled_per_client_even_for_the_right_password_and_the_page_says_how_long_to_wait()
    {
        using var http = frintr.ViaProxy("203.0.113.20", followRedirects: false);
        var clock = Stopwatch.StartNew();
        var wrong = 0;
        HttpResponseMessage attempt;
        while ((attempt = await AdminSession.SignInAsync(http, "admin", "guess-" + wrong)).StatusCode == HttpStatusCode.Unauthorized && wrong < 100)
        {
            wrong++;
            attempt.Dispose();
        }

        var guessingPage = await attempt.Content.ReadAsStringAsync();
        using var right = await AdminSession.SignInAsync(http, "admin", FrintrHosts.AdminPassword);
        var rightPage = await right.Content.ReadAsStringAsync();
        using var dashboard = await http.GetAsync(new Uri("hangfire", UriKind.Relative));
        using var otherClient = frintr.ViaProxy("203.0.113.21", followRedirects: false);
        using var admin = await AdminSession.SignInAsync(otherClient, "admin", FrintrHosts.AdminPassword);

        AssertWithinBucket(wrong, clock.Elapsed, Defaults.SignInAttemptsPerMinute);
        Assert.Equal(HttpStatusCode.TooManyRequests, attempt.StatusCode);
        Assert.Contains("Too many sign-in attempts", guessingPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.InRange(right.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60.0 / Defaults.SignInAttemptsPerMinute));
        Assert.Contains("Please wait", rightPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, dashboard.StatusCode); // not signed in
        Assert.Equal(HttpStatusCode.Redirect, admin.StatusCode);
        Assert.EndsWith("/hangfire", admin.Headers.Location!.ToString(), StringComparison.Ordinal);
        attempt.Dispose();
    }

    /// <summary>At least the burst got through, and no more than the burst plus what refilled meanwhile.</summary>
    private static void AssertWithinBucket(int passed, TimeSpan elapsed, int perMinute) =>
        Assert.InRange(passed, perMinute, perMinute + 1 + (int)(elapsed.TotalMinutes * perMinute));

    /// <summary>Posts submissions with no target (each answered 400 at once, nothing stored) until one is refused.</summary>
    private static async Task<(int Passed, HttpResponseMessage Refused, TimeSpan Elapsed)> SubmitUntilRefusedAsync(
        HttpClient http, Action<HttpRequestMessage, int>? decorate = null)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 10 * Defaults.SubmissionsPerMinute; i++)
        {
            using var form = new MultipartFormDataContent { { new StringContent("10"), "columns" } };
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/mosaics") { Content = form };
            decorate?.Invoke(request, i);
            var response = await http.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                return (i, response, clock.Elapsed);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            response.Dispose();
        }

        throw new Xunit.Sdk.XunitException($"No submission was refused after {10 * Defaults.SubmissionsPerMinute}.");
    }

    private string[] InputFolders() =>
        Directory.Exists(Path.Combine(frintr.DataPath, "inputs")) ? [.. Directory.GetDirectories(Path.Combine(frintr.DataPath, "inputs")).Order()] : [];
}
