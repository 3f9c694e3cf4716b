using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Vigil.Core.Access;
using Vigil.Core.Storage;
using Vigil.Core.Workflow;
using Vigil.Server.Tests.Api;
using Vigil.Tests.Parts;
using static Microsoft.Playwright.Assertions;

namespace Vigil.Server.Tests.Web;

/// <summary>
/// The UN list on a real loopback port, with an analyst, a reviewer and an administrator who sign in with passwords,
/// and a service key that puts customers in; four eyes as the server's default.
/// </summary>
[Needs(SystemPart.Browser)]
public sealed class BrowserAccessVigilApp : UnOnlyVigilApp
{
    public const string Password = "correct horse battery";

    public string ServiceKey { get; private set; } = "";

    protected override StoreKind Kind => StoreKind.Sqlite;

    protected override bool UseKestrel => true;

    protected override FourEyesPolicy FourEyes => FourEyesPolicy.Default;

    public Uri BaseAddress => new(Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    protected override async Task PrepareAsync(VigilStore store)
    {
        var cancel = TestContext.Current.CancellationToken;
        ServiceKey = (await store.CreateKeyAsync("intake", Role.Service, "test:setup", cancel)).Key;
        await store.AddUserAsync("ann", Role.Analyst, Password, "test:setup", cancel);
        await store.AddUserAsync("rita", Role.Reviewer, Password, "test:setup", cancel);
        await store.AddUserAsync("ada", Role.Admin, Password, "test:setup", cancel);
    }
}

/// <summary>
/// People with roles in Chromium: an analyst proposes clearing a near-certain match, a reviewer approves it, and the
/// audit page shows both and verifies the log; an analyst is refused the admin page; the audit and admin pages at 420 px.
/// </summary>
public sealed class BrowserRoleTests(BrowserAccessVigilApp app) : IClassFixture<BrowserAccessVigilApp>, IAsyncLifetime
{
    private const float Timeout = 15_000;

    private HeadlessChromium? _chromium;

    public async ValueTask InitializeAsync()
    {
        if (app.Unavailable)
        {
            return;
        }
        _chromium = await HeadlessChromium.LaunchAsync();
        SetDefaultExpectTimeout(Timeout);
    }

    public async ValueTask DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }
    }

    /// <summary>A browser of one's own (its own cookies), signed in as <paramref name="login"/>.</summary>
    private async Task<IPage> SignedIn(string login, int width = 1366)
    {
        Assert.SkipWhen(app.Unavailable, app.UnavailableReason);
        Assert.True(app.BaseAddress.IsLoopback, $"the server listens on {app.BaseAddress}, not on loopback only");
        var context = await _chromium!.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = 768 },
            Locale = "en-GB",
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(Timeout);
        page.SetDefaultNavigationTimeout(Timeout);
        await page.GotoAsync("/login?next=/alerts");
        await page.GetByLabel("Login").FillAsync(login);
        await page.GetByLabel("Password").FillAsync(BrowserAccessVigilApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/alerts$"));
        return page;
    }

    private static Task<byte[]> Screenshot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(HeadlessChromium.Artifacts, name + ".png"), FullPage = true });

    private static async Task OnFailureScreenshot(IPage page, string name, Func<Task> scenario)
    {
        try
        {
            await scenario();
        }
        catch (Exception) when (!page.IsClosed)
        {
            await Screenshot(page, name);
            throw;
        }
    }

    /// <summary>A customer named and born as Khalimov, put in by the service key; returns its reference and its alert's id and score.</summary>
    private async Task<(string Reference, long Alert, double Score)> SureMatch()
    {
        Assert.SkipWhen(app.Unavailable, app.UnavailableReason);
        var reference = "r" + Guid.NewGuid().ToString("N")[..8];
        using var put = new HttpRequestMessage(HttpMethod.Put, new Uri("/subjects/" + reference, UriKind.Relative))
        {
            Content = new StringContent("""{"schema": "Person", "names": ["Gulmurod Khalimov"], "birthDates": ["1975-05-14"]}""", Encoding.UTF8, "application/json"),
        };
        put.Headers.Authorization = new AuthenticationHeaderValue("Bearer", app.ServiceKey);
        using var response = await app.Client.SendAsync(put, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"PUT /subjects answered {response.StatusCode}");
        var alert = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("alerts")[0].GetInt64();
        using var get = new HttpRequestMessage(HttpMethod.Get, new Uri($"/alerts/{alert}", UriKind.Relative));
        get.Headers.Authorization = new AuthenticationHeaderValue("Bearer", app.ServiceKey);
        using var read = await app.Client.SendAsync(get, TestContext.Current.CancellationToken);
        var score = JsonDocument.Parse(await read.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("score").GetDouble();
        return (reference, alert, score);
    }

    [Fact]
    public async Task An_analyst_proposes_clearing_a_sure_match_a_reviewer_approves_it_and_the_audit_page_shows_both_and_verifies()
    {
        var (reference, alert, score) = await SureMatch();
        Assert.True(score >= 0.95, $"the alert scored {score}, below the four-eyes line of 0.95 for clearing");

        var analyst = await SignedIn("ann");
        await OnFailureScreenshot(analyst, "failed-four-eyes-analyst", async () =>
        {
            await analyst.GotoAsync($"/alerts/{alert}");
            await analyst.GetByLabel("false positive").CheckAsync();
            await analyst.GetByLabel("Reason").SelectOptionAsync("other");
            await analyst.GetByLabel("Rationale").FillAsync("Our customer is a namesake: another passport, and a Tashkent address since 1998.");
            await analyst.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).ClickAsync();
            await Expect(analyst.Locator("#alert-status")).ToHaveTextAsync("pending approval");
            await Expect(analyst.Locator("#pending")).ToContainTextAsync("waits for a second person's approval");
            // The proposer is offered no approval of their own proposal.
            await Expect(analyst.GetByRole(AriaRole.Button, new() { Name = "Approve" })).ToHaveCountAsync(0);
        });

        var reviewer = await SignedIn("rita");
        await OnFailureScreenshot(reviewer, "failed-four-eyes-reviewer", async () =>
        {
            await reviewer.GotoAsync($"/alerts/{alert}");
            await reviewer.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
            await Expect(reviewer.Locator("#alert-status")).ToHaveTextAsync("closed");

            await reviewer.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Audit" }).ClickAsync();
            await Expect(reviewer.Locator("h1")).ToHaveTextAsync("Audit trail");
            await reviewer.GetByLabel("Alert").FillAsync(alert.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await reviewer.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
            var proposed = reviewer.Locator("#audit-entries tbody tr[data-kind='decision_proposed']");
            var approved = reviewer.Locator("#audit-entries tbody tr[data-kind='decision_approved']");
            await Expect(proposed).ToHaveCountAsync(1);
            await Expect(proposed).ToContainTextAsync("ann");
            await Expect(approved).ToHaveCountAsync(1);
            await Expect(approved).ToContainTextAsync("rita");

            await reviewer.GetByRole(AriaRole.Button, new() { Name = "Verify now" }).ClickAsync();
            var result = reviewer.Locator("#verification-result");
            await Expect(result).ToHaveAttributeAsync("data-result", "verified");
            await Expect(result).ToContainTextAsync(new Regex(@"Verified: [\d,]+ entries, root \S+"));
            await Expect(result).ToContainTextAsync("By rita");
            await Screenshot(reviewer, "audit-verified");
        });
        Assert.NotEmpty(reference);
    }

    [Fact]
    public async Task An_analyst_is_refused_the_admin_page_and_is_not_offered_it()
    {
        var analyst = await SignedIn("ann");
        await OnFailureScreenshot(analyst, "failed-admin-refused", async () =>
        {
            await Expect(analyst.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Admin" })).ToHaveCountAsync(0);
            var response = await analyst.GotoAsync("/admin");
            Assert.Equal(403, response!.Status);
            await Expect(analyst.Locator("h1")).ToHaveTextAsync("Not permitted");
            await Expect(analyst.Locator("main")).ToContainTextAsync("ann");
        });
    }

    [Fact]
    public async Task The_audit_and_admin_pages_fit_a_420_pixel_wide_screen_and_the_admin_adds_a_user_and_makes_a_key()
    {
        var admin = await SignedIn("ada", width: 420);
        await OnFailureScreenshot(admin, "failed-admin-narrow", async () =>
        {
            await admin.GotoAsync("/admin");
            var login = "u" + Guid.NewGuid().ToString("N")[..6];
            await admin.GetByLabel("Login").FillAsync(login);
            await admin.Locator("#user-role").SelectOptionAsync("viewer");
            await admin.GetByLabel("Password").FillAsync("a long enough password");
            await admin.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
            await Expect(admin.Locator($"#user-{login}")).ToContainTextAsync("viewer");
            await Expect(admin.Locator($"#user-{login}")).ToContainTextAsync("ada");

            await admin.GetByLabel("Name", new() { Exact = true }).FillAsync("gateway-" + login);
            await admin.GetByRole(AriaRole.Button, new() { Name = "Make key" }).ClickAsync();
            var key = await admin.Locator("#created-key-value").InnerTextAsync();
            Assert.StartsWith("vk_", key, StringComparison.Ordinal);
            await Screenshot(admin, "narrow-admin");
            await AssertFits(admin, "/admin (with a key shown)");
            // Shown once: the admin page read again does not hold it.
            await admin.GotoAsync("/admin");
            Assert.DoesNotContain(key, await admin.ContentAsync(), StringComparison.Ordinal);
            await AssertFits(admin, "/admin");

            await admin.GotoAsync("/audit");
            await Expect(admin.Locator("#audit-entries tbody tr[data-kind='user_created']").Filter(new() { HasText = login })).ToHaveCountAsync(1);
            await AssertFits(admin, "/audit");
            await admin.GetByRole(AriaRole.Button, new() { Name = "Verify now" }).ClickAsync();
            await Expect(admin.Locator("#verification-result")).ToHaveAttributeAsync("data-result", "verified");
            await AssertFits(admin, "/audit (verified)");
            await Screenshot(admin, "narrow-audit");
        });
    }

    private static async Task AssertFits(IPage page, string what)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"{what} is {widths[0]} px wide on a {widths[1]} px screen");
    }
}
