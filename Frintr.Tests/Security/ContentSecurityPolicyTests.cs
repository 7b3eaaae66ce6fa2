using Frintr.Jobs.Contracts;
using Microsoft.Playwright;
using SkiaSharp;

namespace Frintr.Tests.Security;

/// <summary>Every page works under the Content-Security-Policy, in a real chromium: nothing is blocked on the submit
/// page, the live page (Blazor's circuit and the mosaic hub, both WebSockets), the finished picture, the sign-in page
/// and the Hangfire dashboard, where an admin can still act on jobs.</summary>
[Collection(FrintrProcesses.Name)]
public sealed class ContentSecurityPolicyTests(ProxiedFrintr frintr, Chromium chromium) : IClassFixture<Chromium>
{
    private const float Patience = 90_000;

    [Fact]
    public async Task A_person_submits_watches_live_and_sees_the_mosaic_with_nothing_blocked()
    {
        var page = await chromium.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = frintr.Web.BaseUrl.ToString() });
        var violations = await CspViolations.AttachAsync(page);
        var pushed = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var watchAnswered = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        page.WebSocket += (_, socket) =>
        {
            if (socket.Url.Contains("/hubs/mosaics", StringComparison.Ordinal))
                socket.FrameReceived += (_, frame) =>
                {
                    var text = frame.Text ?? string.Empty;
                    pushed.Enqueue(text);
                    if (text.Contains("\"type\":3", StringComparison.Ordinal))
                        watchAnswered.TrySetResult(text);
                };
        };

        await page.GotoAsync("/");
        await page.Locator("form[data-interactive=true]").WaitForAsync();
        await page.Locator("#target").SetInputFilesAsync(new FilePayload { Name = "me.png", MimeType = "image/png", Buffer = TestPictures.Gradient(60, 40, SKColors.Navy, SKColors.Gold) });
        await page.Locator("#tiles").SetInputFilesAsync(TestPictures.Palette(4)
            .Select((c, i) => new FilePayload { Name = $"friend{i}.png", MimeType = "image/png", Buffer = TestPictures.Solid(c) }));
        await page.Locator("details.options summary").ClickAsync();
        await page.Locator("#columns").FillAsync("10");
        await page.Locator("#tileSize").FillAsync("8");
        await page.GetByRole(AriaRole.Button, new() { Name = "Make my mosaic" }).ClickAsync();
        await page.WaitForURLAsync("**/m/*", new() { Timeout = Patience });
        // No worker yet: the page waits, watching the mosaic on the hub; the result will be pushed there.
        await Assertions.Expect(page.Locator(".mosaic-progress")).ToHaveAttributeAsync("data-state", "queued", new() { Timeout = Patience });
        // The worker starts only once the hub has answered Watch, so that answer must say "queued".
        var watchAnswer = await watchAnswered.Task.WaitAsync(TimeSpan.FromMilliseconds(Patience));

        using var worker = await frintr.StartWorkerAsync("csp-worker");
        var result = page.Locator("img.result");
        await result.WaitForAsync(new() { Timeout = Patience });
        var width = await result.EvaluateAsync<int>("img => new Promise(done => img.complete ? done(img.naturalWidth) : img.onload = () => done(img.naturalWidth))");
        await page.GotoAsync("/admin/sign-in");
        await page.GotoAsync("/not-found");

        Assert.Equal(10 * 8, width);
        // The hub's WebSocket carried the answer to Watch and the Completed event.
        Assert.Contains("\"status\":\"queued\"", watchAnswer, StringComparison.Ordinal);
        Assert.Contains(pushed, frame => frame.Contains("\"target\":\"Completed\"", StringComparison.Ordinal));
        violations.AssertNone();
        await page.CloseAsync();
    }

    [Fact]
    public async Task The_admin_uses_the_dashboard_and_a_job_deleted_there_loses_its_uploads()
    {
        using var api = frintr.ViaProxy("203.0.113.40");
        var id = await MosaicApiClient.SubmitOkAsync(api, (TestPictures.Gradient(30, 30, SKColors.Red, SKColors.Blue), "me.png"),
            [(TestPictures.Solid(SKColors.Green), "friend.png")]);
        Assert.True(Directory.Exists(Path.Combine(frintr.DataPath, "inputs", id)));

        var page = await chromium.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = frintr.Web.BaseUrl.ToString() });
        var violations = await CspViolations.AttachAsync(page);
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GotoAsync("/admin/sign-in");
        await page.Locator("#username").FillAsync("admin");
        await page.Locator("#password").FillAsync(FrintrHosts.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/hangfire", new() { Timeout = Patience });
        await page.Locator("#realtimeGraph").WaitForAsync();

        // Its scripts work: select every queued job, delete them (the confirmation is accepted above).
        await page.GotoAsync("/hangfire/jobs/enqueued/mosaics");
        await page.Locator(".js-jobs-list-select-all").CheckAsync();
        var deleting = page.WaitForResponseAsync(r => r.Url.EndsWith("/hangfire/jobs/enqueued/delete", StringComparison.Ordinal));
        var reloaded = new TaskCompletionSource();
        page.Load += (_, _) => reloaded.TrySetResult();
        await page.Locator(".js-jobs-list-command[data-url$='/delete']").ClickAsync();
        var deleted = await deleting;
        await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(30)); // done, the dashboard reloads the page
        await page.GotoAsync("/hangfire/jobs/deleted");
        var listedAsDeleted = await page.Locator(".js-jobs-list-checkbox").CountAsync();
        await page.GotoAsync("/hangfire/servers");

        Assert.True(deleted.Ok, $"the dashboard's delete answered {deleted.Status}");
        Assert.True(listedAsDeleted > 0, "the deleted jobs are listed as deleted");
        await Eventually.TrueAsync(() => !Directory.Exists(Path.Combine(frintr.DataPath, "inputs", id)), "the deleted mosaic's uploads are removed");
        var status = await MosaicApiClient.StatusAsync(api, id);
        Assert.Equal(MosaicState.Failed, status!.Status);
        Assert.Contains("cancelled", status.Error, StringComparison.Ordinal);
        violations.AssertNone();
        await page.CloseAsync();
    }
}
