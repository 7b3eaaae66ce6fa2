using System.Net.Http.Json;
using System.Text.Json;
using Frintr.Jobs.Contracts;
using Microsoft.Playwright;
using SkiaSharp;

namespace Frintr.Tests.Browser;

/// <summary>A person's whole journey in Debian's chromium against the real elastic deployment (Redis with a password,
/// web tiers, a worker process): create a mosaic from uploads, watch it queue, advance and paint, explore the result,
/// download it, and find it in "My mosaics" after the web tier restarts. Screenshots go to artifacts/.</summary>
[Collection(FrintrProcesses.Name)]
public sealed class MosaicJourneyTests(FrintrCluster cluster, Chromium chromium, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<Chromium>
{
    private const float Patience = 90_000;
    private const int Columns = 25;
    private const int TileSize = 16;
    private const int Friends = 60;

    // Records what the page showed over time, so that short-lived states (queued, a preview) are not missed.
    private const string Recorder = """
        window.__seen ??= { states: [], progress: [], previews: 0, faces: 0, workers: [], places: [] };
        new MutationObserver(() => {
            const s = window.__seen;
            const state = document.querySelector('.mosaic-progress')?.dataset.state;
            if (state && s.states[s.states.length - 1] !== state) s.states.push(state);
            const worker = document.querySelector('.mosaic-progress p.worker strong')?.textContent;
            if (worker && !s.workers.includes(worker)) s.workers.push(worker);
            const place = document.querySelector('.mosaic-progress p.waiting')?.textContent;
            if (place && !s.places.includes(place)) s.places.push(place);
            const bar = document.querySelector('.mosaic-progress progress[value]');
            if (bar && !s.progress.includes(bar.value)) s.progress.push(bar.value);

            // Kept in the session: the create page's document may be gone by the time the test asks.
            const uploads = JSON.parse(sessionStorage.getItem('uploads') || '[]');
            document.querySelectorAll('.uploads li').forEach(li => { if (!uploads.includes(li.dataset.state)) uploads.push(li.dataset.state); });
            sessionStorage.setItem('uploads', JSON.stringify(uploads));
        }).observe(document, { subtree: true, childList: true, attributes: true });
        // Pictures count once the browser has them: the worker's preview frames and the friends' faces.
        document.addEventListener('load', e => {
            const s = window.__seen;
            if (e.target.matches?.('img.preview') && e.target.naturalWidth > 0) s.previews++;
            if (e.target.matches?.('.faces img') && e.target.naturalWidth > 0) s.faces++;
        }, true);
        """;

    private static string Artifacts => Directory.CreateDirectory(Path.Combine(FrintrBuild.SolutionDirectory, "artifacts")).FullName;

    [Fact]
    public async Task A_person_makes_a_mosaic_watches_it_being_born_explores_it_and_keeps_it_in_the_gallery()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        void Mark(string what) => output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: {what}");
        var web = await FrintrHosts.StartWebAsync("web-ui", cluster.DataPath, cluster.Redis.ConnectionString, cluster.WorkerKey);
        ChildProcess? worker = null;
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            AcceptDownloads = true,
        });
        try
        {
            var page = await context.NewPageAsync();
            await page.AddInitScriptAsync(Recorder);
            await page.GotoAsync(new Uri(web.BaseUrl, "/").ToString());
            await page.Locator("form[data-interactive=true]").WaitForAsync();

            // The target is previewed in the browser; the "profile picture" preset frames a square of it.
            await page.Locator("#target").SetInputFilesAsync(new FilePayload { Name = "me.png", MimeType = "image/png", Buffer = TestPictures.Gradient(300, 200) });
            await page.Locator("label[data-preset=profile]").ClickAsync();
            await Assertions.Expect(page.Locator(".crop-frame")).ToBeVisibleAsync();
            await page.Locator("details.options summary").ClickAsync();
            await page.Locator("#columns").FillAsync(Columns.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await page.Locator("#tileSize").FillAsync(TileSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await page.Locator("#tileSize").BlurAsync();
            await Assertions.Expect(page.Locator(".estimate .pixels")).ToHaveTextAsync("400 × 400 pixels");
            await page.Locator("#tiles").SetInputFilesAsync(TestPictures.Palette(Friends)
                .Select((c, i) => new FilePayload { Name = $"friend{i}.png", MimeType = "image/png", Buffer = TestPictures.Gradient(96, 96, c, SKColors.White) }));
            await Assertions.Expect(page.Locator(".uploads li")).ToHaveCountAsync(50);
            await page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, "create.png"), FullPage = true });
            Mark("form filled");

            // No worker yet: the mosaic waits, and the page says where it stands in the queue.
            await page.GetByRole(AriaRole.Button, new() { Name = "Make my mosaic" }).ClickAsync();
            await page.WaitForURLAsync("**/m/*", new() { Timeout = Patience });
            var id = new Uri(page.Url).AbsolutePath.Split('/')[^1];
            var tiles = new System.Collections.Concurrent.ConcurrentBag<string>();
            page.Request += (_, request) => tiles.Add(request.Url);
            await Assertions.Expect(page.Locator(".mosaic-progress p.waiting")).ToContainTextAsync("in the queue", new() { Timeout = Patience });
            await page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, "queued.png") });
            Mark("queued");

            worker = await cluster.StartWorkerAsync("ui-worker");
            await Assertions.Expect(page.Locator("img.result")).ToBeVisibleAsync(new() { Timeout = Patience });
            var seen = await page.EvaluateAsync<JsonElement>("window.__seen");
            Mark("made");
            Assert.Equal(["queued", "running", "succeeded"], seen.GetProperty("states").EnumerateArray().Select(s => s.GetString()).Where(s => s is "queued" or "running" or "succeeded").Distinct());
            Assert.True(seen.GetProperty("progress").GetArrayLength() >= 2, "the bar should have advanced: " + seen);
            Assert.True(seen.GetProperty("previews").GetInt32() > 0, "the preview should have appeared: " + seen);
            Assert.True(seen.GetProperty("faces").GetInt32() > 0, "friends' faces should have appeared: " + seen);
            Assert.Equal(["ui-worker"], seen.GetProperty("workers").EnumerateArray().Select(w => w.GetString()));
            Assert.Contains(seen.GetProperty("places").EnumerateArray(), p => p.GetString()!.Contains("you are", StringComparison.Ordinal));
            Assert.Contains("Sent", await page.EvaluateAsync<string[]>("JSON.parse(sessionStorage.getItem('uploads') || '[]')"));

            // The result: zoomable, and each tile says who it is.
            var viewer = page.Locator(".viewer[data-ready=true]");
            await viewer.WaitForAsync(new() { Timeout = Patience });
            using var http = web.Client();
            var map = await http.GetFromJsonAsync<MosaicMap>(new Uri($"api/mosaics/{id}/map", UriKind.Relative), MosaicApiClient.Json);
            Assert.NotNull(map);
            Assert.Equal(Columns, map.Columns);
            var box = (await viewer.BoundingBoxAsync())!;
            await page.Mouse.MoveAsync(box.X + (box.Width / 2), box.Y + (box.Height / 2));
            var centre = map.Friends[map.Cells[(map.Rows / 2 * map.Columns) + (map.Columns / 2)]].Name;
            await Assertions.Expect(page.Locator(".who .friend-name")).ToHaveTextAsync(centre);
            await page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, "result.png") });
            await page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, "result.jpg"), Type = ScreenshotType.Jpeg, Quality = 60 });
            Mark("hovered");

            await page.GetByRole(AriaRole.Button, new() { Name = "Zoom in" }).ClickAsync();
            await Assertions.Expect(viewer).ToHaveAttributeAsync("data-zoom", new System.Text.RegularExpressions.Regex("^([2-9]|1[0-9])"));
            // The viewer reads the pyramid Frintr serves, down to its deepest level (a 400-px mosaic's is level 9).
            Assert.Contains(tiles, t => t.Contains($"/mosaics/{id}_files/9/", StringComparison.Ordinal));
            await page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, "result-zoomed.png") });

            var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("a.download").ClickAsync());
            var saved = Path.Combine(Artifacts, download.SuggestedFilename);
            await download.SaveAsAsync(saved);
            using (var picture = SKBitmap.Decode(saved))
                Assert.Equal((Columns * TileSize, Columns * TileSize), (picture.Width, picture.Height));

            await page.Locator("details.details summary").ClickAsync();
            await Assertions.Expect(page.Locator(".friends-used .used")).ToContainTextAsync($"of the {Friends} friends asked for");

            // On a 360-px phone nothing runs off the side, the create page included.
            var phone = await context.NewPageAsync();
            await phone.SetViewportSizeAsync(360, 740);
            await phone.GotoAsync(page.Url);
            await phone.Locator(".viewer[data-ready=true]").WaitForAsync(new() { Timeout = Patience });
            Assert.True(await phone.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 360, "the result page is wider than 360 px");
            await phone.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, "result-360.png"), FullPage = true });
            await phone.GotoAsync(new Uri(web.BaseUrl, "/").ToString());
            await phone.Locator("form[data-interactive=true]").WaitForAsync();
            Assert.True(await phone.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 360, "the create page is wider than 360 px");
            await phone.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, "create-360.png"), FullPage = true });
            await phone.CloseAsync();

            // The gallery survives a restart of the web tier, and deleting takes everything away.
            await page.GotoAsync(new Uri(web.BaseUrl, "/my").ToString());
            await Assertions.Expect(page.Locator($".gallery li[data-id='{id}'][data-state=succeeded] img.thumbnail")).ToBeVisibleAsync();
            Mark("gallery");
            web.Dispose();
            web = await FrintrHosts.StartWebAsync("web-ui-again", cluster.DataPath, cluster.Redis.ConnectionString, cluster.WorkerKey);
            await page.GotoAsync(new Uri(web.BaseUrl, "/my").ToString());
            var item = page.Locator($".gallery li[data-id='{id}']");
            await Assertions.Expect(item).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, "gallery.png") });
            Mark("restarted");
            await page.Locator(".my-mosaics[data-interactive=true]").WaitForAsync();
            await item.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
            await item.Locator("button.yes").ClickAsync();
            await Assertions.Expect(item).ToHaveCountAsync(0);
            Assert.False(Directory.Exists(Path.Combine(cluster.DataPath, "results", id)), "the picture, pyramid and note should be gone");
            using var again = web.Client();
            using var gone = await again.GetAsync(new Uri($"api/mosaics/{id}", UriKind.Relative));
            Assert.Equal(System.Net.HttpStatusCode.NotFound, gone.StatusCode);
        }
        finally
        {
            worker?.Dispose();
            web.Dispose();
        }
    }

    [Fact]
    public async Task Admin_page_and_dashboard_refuse_anonymous_visitors_and_show_the_admin_workers_queue_and_failures()
    {
        using var worker = await cluster.StartWorkerAsync("admin-worker");
        using var http = cluster.WebA.Client();
        // Its only friend is on a private network, which workers refuse: the mosaic fails, with a message.
        using (var submitted = await MosaicApiClient.SubmitAsync(http, (TestPictures.Gradient(40, 40), "me.png"), [], ["http://127.0.0.1:9/friend.png"]))
        {
            var body = JsonDocument.Parse(await submitted.Content.ReadAsStringAsync()).RootElement;
            var failed = await MosaicWait.UntilFinishedAsync(http, body.GetProperty("id").GetString()!, TimeSpan.FromMilliseconds(Patience), () => worker.Output);
            Assert.Equal(MosaicState.Failed, failed.Status);
        }

        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var site = cluster.WebB.BaseUrl;
        foreach (var path in new[] { "/admin", "/hangfire" })
        {
            await page.GotoAsync(new Uri(site, path).ToString());
            Assert.Equal("/admin/sign-in", new Uri(page.Url).AbsolutePath);
        }

        await page.GotoAsync(new Uri(site, "/admin").ToString());
        await page.Locator("#username").FillAsync("admin");
        await page.Locator("#password").FillAsync(FrintrHosts.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/admin", new() { Timeout = Patience });
        await page.Locator(".admin-dashboard[data-interactive=true]").WaitForAsync(new() { Timeout = Patience });
        await Assertions.Expect(page.Locator(".admin-workers [data-worker^='admin-worker']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-stat=queue]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9]"));
        var failure = page.Locator(".failures li").Filter(new() { HasText = "friends' pictures could not be used" }).First;
        await Assertions.Expect(failure).ToBeVisibleAsync();
        Assert.NotEqual("0", await page.Locator("[data-stat=failed]").TextContentAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, "admin.png"), FullPage = true });

        // Its uploads were deleted when it failed (people's pictures are not kept), so there is nothing to retry from.
        await Assertions.Expect(failure.GetByRole(AriaRole.Button, new() { Name = "Retry" })).ToHaveCountAsync(0);

        await page.GotoAsync(new Uri(site, "/hangfire").ToString());
        Assert.Equal("/hangfire", new Uri(page.Url).AbsolutePath);
        await Assertions.Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("Frintr jobs"));
    }

    internal static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(Patience));
        while (!condition())
        {
            if (deadline.IsCancellationRequested)
                Assert.Fail(what);
            await Task.Delay(100, CancellationToken.None);
        }
    }
}
