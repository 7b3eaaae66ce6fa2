using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Frintr.Web.Security;

namespace Frintr.Tests.Security;

/// <summary>HTTPS as the browser sees it: behind a known proxy that says so, every cookie is <c>Secure</c> and HSTS is
/// sent; over plain HTTP, or when anyone but a known proxy claims HTTPS, neither. And the headers that lock pages to
/// Frintr itself are on every response.</summary>
[Collection(FrintrProcesses.Name)]
public sealed partial class TransportSecurityTests(ProxiedFrintr frintr, FrintrCluster cluster)
{
    private const string PublicHost = "frintr.example"; // HSTS is never sent for localhost names

    [Fact]
    public async Task Behind_a_known_proxy_an_https_request_gets_Secure_cookies_and_HSTS()
    {
        using var http = frintr.ViaProxy("203.0.113.30", https: true, followRedirects: false, keepCookies: false);

        using var home = await GetAsync(http, "/");
        using var signInPage = await GetAsync(http, "admin/sign-in");
        using var signedIn = await SignInKeepingSecureCookiesAsync(http, signInPage);

        Assert.All(Cookies(home).Concat(Cookies(signInPage)).Concat(Cookies(signedIn)), cookie =>
        {
            Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("; httponly", cookie, StringComparison.OrdinalIgnoreCase);
        });
        Assert.Contains(Cookies(home), c => c.StartsWith(OwnerCookie.Name + "=", StringComparison.Ordinal));
        Assert.Contains(Cookies(signInPage), c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.Contains(Cookies(signedIn), c => c.StartsWith("frintr-admin=", StringComparison.Ordinal));
        Assert.StartsWith("max-age=", home.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        Assert.EndsWith("upgrade-insecure-requests", home.Headers.GetValues("Content-Security-Policy").First(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Over_plain_http_through_the_proxy_cookies_are_not_Secure_and_there_is_no_HSTS()
    {
        using var http = frintr.ViaProxy("203.0.113.31");
        using var home = await GetAsync(http, "/");

        AssertPlainHttp(home);
    }

    [Theory]
    [InlineData("stranger")]
    [InlineData("no proxies configured")]
    public async Task Claiming_https_from_an_address_that_is_no_known_proxy_changes_nothing(string who)
    {
        using var http = who == "stranger" ? frintr.Stranger() : cluster.WebA.Client();
        http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        http.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.32");

        using var home = await GetAsync(http, "/");

        AssertPlainHttp(home);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("admin/sign-in")]
    [InlineData("api/mosaics/AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("hangfire")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        using var http = cluster.WebA.Client(followRedirects: false);
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));

        var policy = string.Join("; ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("'unsafe-eval'", policy, StringComparison.Ordinal);
        Assert.DoesNotMatch("script-src[^;]*'unsafe-inline'", policy);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task The_one_inline_script_of_a_page_is_allowed_by_its_hash_and_nothing_else_is()
    {
        using var http = cluster.WebA.Client();
        using var response = await http.GetAsync(new Uri("/", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        var inline = InlineScripts().Matches(html).Select(m => m.Groups[1].Value).ToList();
        var policy = response.Headers.GetValues("Content-Security-Policy").First();
        var scriptSource = policy.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));
        var allowed = ScriptHashes().Matches(scriptSource).Select(m => m.Groups[1].Value).ToList();

        var importMap = Assert.Single(inline);
        Assert.Equal([Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(importMap)))], allowed);
    }

    private static void AssertPlainHttp(HttpResponseMessage response)
    {
        Assert.NotEmpty(Cookies(response));
        Assert.All(Cookies(response), cookie => Assert.DoesNotContain("; secure", cookie, StringComparison.OrdinalIgnoreCase));
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.DoesNotContain("upgrade-insecure-requests", response.Headers.GetValues("Content-Security-Policy").First(), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient http, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = PublicHost;
        return await http.SendAsync(request);
    }

    /// <summary>Signs in the way a browser on HTTPS does. The client here talks plain HTTP to the proxy's side, and
    /// would never send a Secure cookie back: it is sent by hand.</summary>
    private static async Task<HttpResponseMessage> SignInKeepingSecureCookiesAsync(HttpClient http, HttpResponseMessage signInPage)
    {
        var token = AdminSession.TokenOf(await signInPage.Content.ReadAsStringAsync());
        using var request = new HttpRequestMessage(HttpMethod.Post, "admin/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["_handler"] = "admin-sign-in",
                ["Input.UserName"] = "admin",
                ["Input.Password"] = FrintrHosts.AdminPassword,
            }),
        };
        request.Headers.Host = PublicHost;
        request.Headers.Add("Cookie", string.Join("; ", Cookies(signInPage).Select(c => c.Split(';')[0])));
        var response = await http.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in answered {(int)response.StatusCode}");
        return response;
    }

    private static string[] Cookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) ? [.. cookies] : [];

    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex InlineScripts();

    [GeneratedRegex("'sha256-([^']+)'")]
    private static partial Regex ScriptHashes();
}
