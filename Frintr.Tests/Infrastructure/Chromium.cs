using Microsoft.Playwright;

namespace Frintr.Tests.Infrastructure;

/// <summary>Debian's chromium driven by Playwright (never a browser of Playwright's own download).</summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string Executable = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(Executable))
            throw new InvalidOperationException("chromium is not installed: run scripts/install-test-deps (.ci/run does).");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            // This machine has no network beyond loopback: without these, chromium keeps dialing out.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.CloseAsync();
        _playwright?.Dispose();
    }
}
