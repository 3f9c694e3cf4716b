using Microsoft.Playwright;
using Vigil.Tests;

namespace Vigil.Server.Tests.Web;

/// <summary>
/// Debian's Chromium started headless through Playwright for one test class, and the folder its screenshots go to.
/// Playwright starts the browser it is given and downloads nothing; a missing one fails here, loudly.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    public static readonly string Artifacts = Environment.GetEnvironmentVariable("VIGIL_TEST_ARTIFACTS") is { Length: > 0 } dir
        ? dir
        : Path.Combine(TestData.RepositoryRoot, "artifacts", "screenshots");

    private readonly IPlaywright _playwright;

    private HeadlessChromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<HeadlessChromium> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserVigilApp.Chromium,
            Headless = true,
            Timeout = 30_000,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
        Directory.CreateDirectory(Artifacts);
        return new HeadlessChromium(playwright, browser);
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
