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
        await page.Locator("#target").SetInputFilesAsync(new FilePayload { Name = "me.png", MimeType = "image/png", Buffer = TestPictures.Gradient(200, 100, SKColors.Teal, SKColors.Orange) });
        await page.Locator("#tiles").SetInputFilesAsync(TestPictures.Palette(10)
            .Select((c, i) => new FilePayload { Name = $"friend{i}.png", MimeType = "image/png", Buffer = TestPictures.Solid(c) }));
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
}
