using System.Net;
using Frintr.Tests.Infrastructure;

namespace Frintr.Tests.Admin;

[Collection(FrintrProcesses.Name)]
public sealed class DashboardAccessTests(FrintrCluster cluster)
{
    [Fact]
    public async Task Anonymous_visitor_from_loopback_gets_the_sign_in_page_not_the_dashboard()
    {
        using var http = cluster.WebA.Client(followRedirects: false);

        using var dashboard = await http.GetAsync(new Uri("hangfire", UriKind.Relative));
        using var api = await http.GetAsync(new Uri("hangfire/stats", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, dashboard.StatusCode);
        Assert.StartsWith("/admin/sign-in", dashboard.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, api.StatusCode);
    }

    [Fact]
    public async Task Wrong_password_is_refused_and_grants_nothing()
    {
        using var http = cluster.WebA.Client(followRedirects: false);

        using var signIn = await AdminSession.SignInAsync(http, "admin", "not-the-password");
        using var dashboard = await http.GetAsync(new Uri("hangfire", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);
        Assert.Contains("Wrong user name or password", await signIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, dashboard.StatusCode);
    }

    [Fact]
    public async Task Admin_signs_in_and_sees_the_mosaics_queue_and_the_workers()
    {
        using var worker = await cluster.StartWorkerAsync("dashboard-worker");
        using var http = cluster.WebB.Client();
        // A queue is listed once a job has been on it.
        await MosaicApiClient.SubmitOkAsync(http, (TestPictures.Gradient(40, 40, SkiaSharp.SKColors.Red, SkiaSharp.SKColors.Blue), "me.png"),
            [(TestPictures.Solid(SkiaSharp.SKColors.Green), "friend.png")]);

        using var signIn = await AdminSession.SignInAsync(http, "admin", FrintrHosts.AdminPassword);
        var servers = await http.GetStringAsync(new Uri("hangfire/servers", UriKind.Relative));
        var queues = await http.GetStringAsync(new Uri("hangfire/jobs/enqueued", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.EndsWith("/hangfire", signIn.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
        Assert.Contains("dashboard-worker", servers, StringComparison.Ordinal);
        Assert.Contains("mosaics", queues, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    public async Task Sign_in_never_sends_the_admin_to_another_site(string returnUrl)
    {
        using var http = cluster.WebA.Client(followRedirects: false);
        var page = await http.GetStringAsync(new Uri("admin/sign-in", UriKind.Relative));
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "admin-sign-in",
            ["Input.UserName"] = "admin",
            ["Input.Password"] = FrintrHosts.AdminPassword,
        });

        using var response = await http.PostAsync(new Uri("admin/sign-in?ReturnUrl=" + Uri.EscapeDataString(returnUrl), UriKind.Relative), form);

        var location = response.Headers.Location!;
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(!location.IsAbsoluteUri || location.Authority == cluster.WebA.BaseUrl.Authority, $"sent off-site to {location}");
        Assert.EndsWith("/hangfire", location.ToString(), StringComparison.Ordinal);
    }
}
