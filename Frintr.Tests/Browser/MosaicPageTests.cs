using Frintr.Tests.Infrastructure;
using Microsoft.Playwright;
using SkiaSharp;

namespace Frintr.Tests.Browser;

/// <summary>A person in a browser: picks pictures, submits, watches progress, sees the mosaic.</summary>
[Collection(FrintrProcesses.Name)]
public sealed class MosaicPageTests(EmbeddedFrintr frintr, Chromium chromium) : IClassFixture<EmbeddedFrintr>, IClassFixture<Chromium>
{
    private const float Patience = 90_000;

    [Fact]
    public async Task Person_submits_from_the_page_and_the_finished_mosaic_is_pushed_live()
    {
        var page = await chromium.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = frintr.Web.BaseUrl.ToString() });
        var statusPolls = 0;
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/api/mosaics/", StringComparison.Ordinal))
                Interlocked.Increment(ref statusPolls);
        };

        await page.GotoAsync("/");
        await page.Locator("form[data-interactive=true]").WaitForAsync();
        await ChoosePicturesAsync(page, TestPictures.Gradient(200, 100, SKColors.Teal, SKColors.Orange), friends: 10);
        await page.Locator("details.options summary").ClickAsync();
        await page.Locator("#columns").FillAsync("20");
        await page.Locator("#tileSize").FillAsync("10");
        await page.GetByRole(AriaRole.Button, new() { Name = "Make my mosaic" }).ClickAsync();

        await page.WaitForURLAsync("**/m/*", new() { Timeout = Patience });
        var result = page.Locator("img.result");
        await result.WaitForAsync(new() { Timeout = Patience });
        var size = await result.EvaluateAsync<int[]>("img => new Promise(done => img.complete ? done([img.naturalWidth, img.naturalHeight]) : img.onload = () => done([img.naturalWidth, img.naturalHeight]))");

        Assert.Equal([200, 100], size);
        Assert.Equal("succeeded", await page.Locator(".mosaic-progress").GetAttributeAsync("data-state"));
        // The result came through the hub: the page had no reason to poll the status API.
        Assert.Equal(0, statusPolls);
        await page.CloseAsync();
    }

    [Fact]
    public async Task Submitting_an_empty_form_says_what_is_missing_and_stays_on_the_page()
    {
        var page = await chromium.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = frintr.Web.BaseUrl.ToString() });
        await page.GotoAsync("/");
        await page.Locator("form[data-interactive=true]").WaitForAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Make my mosaic" }).ClickAsync();

        await Assertions.Expect(page.Locator("[data-field=target]")).ToContainTextAsync("Choose the picture");
        await Assertions.Expect(page.Locator("[data-field=tiles]")).ToContainTextAsync("at least one friend");
        Assert.EndsWith("/", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        await page.CloseAsync();
    }

    [Fact]
    public async Task When_the_hub_is_unreachable_the_page_polls_and_still_shows_the_mosaic()
    {
        var page = await chromium.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = frintr.Web.BaseUrl.ToString() });
        await page.GotoAsync("/");
        await page.Locator("form[data-interactive=true]").WaitForAsync();
        // From here on the hub cannot be reached, as behind a proxy that drops WebSockets and long polling alike.
        await page.RouteAsync("**/hubs/mosaics**", route => route.AbortAsync());
        var statusPolls = 0;
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/api/mosaics/", StringComparison.Ordinal))
                Interlocked.Increment(ref statusPolls);
        };

        await ChoosePicturesAsync(page, TestPictures.Gradient(90, 60, SKColors.Black, SKColors.Pink), friends: 4);
        await page.GetByRole(AriaRole.Button, new() { Name = "Make my mosaic" }).ClickAsync();
        await page.Locator("img.result").WaitForAsync(new() { Timeout = Patience });

        Assert.True(statusPolls > 0, "the page should have polled the status URL");
        Assert.Equal("succeeded", await page.Locator(".mosaic-progress").GetAttributeAsync("data-state"));
        await page.CloseAsync();
    }

    [Fact]
    public async Task A_newcomer_with_nothing_but_a_picture_makes_a_mosaic_from_the_builtin_library()
    {
        var page = await chromium.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = frintr.Web.BaseUrl.ToString() });
        await page.GotoAsync("/");
        await page.Locator("form[data-interactive=true]").WaitForAsync();

        await page.Locator("#target").SetInputFilesAsync(new FilePayload { Name = "me.png", MimeType = "image/png", Buffer = TestPictures.Gradient(120, 80, SKColors.Orange, SKColors.DarkBlue) });
        await page.Locator("#friendsSource").SelectOptionAsync("builtin");
        await Assertions.Expect(page.Locator("#tiles")).ToBeHiddenAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Make my mosaic" }).ClickAsync();

        await page.WaitForURLAsync("**/m/*", new() { Timeout = Patience });
        await page.Locator("img.result").WaitForAsync(new() { Timeout = Patience });
        var count = await page.Locator(".friends-summary .friends-count").TextContentAsync();
        var match = System.Text.RegularExpressions.Regex.Match(count ?? "", @"^\s*([\d,]+) of ([\d,]+) friends are in the mosaic");
        Assert.True(match.Success, count);
        Assert.Equal(match.Groups[2].Value, match.Groups[1].Value);
        Assert.True(int.Parse(match.Groups[1].Value, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture) >= 300, count);
        await page.CloseAsync();
    }

    [Fact]
    public async Task With_Redis_down_the_page_still_works_and_says_the_queue_is_unreachable()
    {
        var dataPath = Directory.CreateTempSubdirectory("frintr-page-no-redis-").FullName;
        try
        {
            var nobodyListens = $"127.0.0.1:{FreePort.Next()},password=whatever,abortConnect=false,connectTimeout=1000,syncTimeout=2000";
            using var web = await FrintrHosts.StartWebAsync("web-page-no-redis", dataPath, nobodyListens, "a-worker-key-for-this-test");
            var page = await chromium.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = web.BaseUrl.ToString() });
            await page.GotoAsync("/");

            // The form only becomes interactive over Blazor's circuit: proof that the circuit does not need Redis.
            await page.Locator("form[data-interactive=true]").WaitForAsync();
            await page.Locator("#target").SetInputFilesAsync(new FilePayload { Name = "me.png", MimeType = "image/png", Buffer = TestPictures.Gradient(40, 40, SKColors.Red, SKColors.Blue) });
            await page.Locator("#tileUrls").FillAsync("https://example.com/ann.jpg");
            await page.GetByRole(AriaRole.Button, new() { Name = "Make my mosaic" }).ClickAsync();

            await Assertions.Expect(page.Locator("[data-field='']")).ToContainTextAsync("queue is not reachable", new() { Timeout = 30_000 });
            Assert.EndsWith("/", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
            await page.CloseAsync();
        }
        finally
        {
            Directory.Delete(dataPath, recursive: true);
        }
    }

    private static async Task ChoosePicturesAsync(IPage page, byte[] target, int friends)
    {
        await page.Locator("#target").SetInputFilesAsync(new FilePayload { Name = "me.png", MimeType = "image/png", Buffer = target });
        await page.Locator("#tiles").SetInputFilesAsync(TestPictures.Palette(friends)
            .Select((c, i) => new FilePayload { Name = $"friend{i}.png", MimeType = "image/png", Buffer = TestPictures.Solid(c) }));
    }
}
