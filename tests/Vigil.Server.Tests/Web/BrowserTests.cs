using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Vigil.Core.Storage;
using Vigil.Tests.Parts;
using static Microsoft.Playwright.Assertions;

namespace Vigil.Server.Tests.Web;

/// <summary>
/// The server on a real loopback port, over a store where Khalimov's UN and OFAC records are linked as one entity,
/// for a browser to drive. Its tests are left out where Debian's Chromium is not installed, unless
/// VIGIL_TEST_BROWSER_REQUIRED=1.
/// </summary>
[Needs(SystemPart.Browser)]
public sealed class BrowserVigilApp : VigilApp
{
    public const string Chromium = SystemParts.Chromium;

    protected override StoreKind Kind => StoreKind.Sqlite;

    protected override bool UseKestrel => true;

    /// <summary>The address the server listens on, e.g. <c>http://127.0.0.1:40123</c>.</summary>
    public Uri BaseAddress => new(Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    protected override void Prepare(VigilStore store) =>
        store.AddLink("un-sc:QDi.372", "us-ofac-sdn:18634", "test", "same name, date of birth and passport");
}

/// <summary>An analyst's session in Chromium: search with the keyboard, open the entity, read names in other scripts.</summary>
public sealed class BrowserTests(BrowserVigilApp app) : IClassFixture<BrowserVigilApp>, IAsyncLifetime
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

    private async Task<IPage> NewPage(int width = 1366)
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
        return page;
    }

    private static Task<byte[]> Screenshot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(HeadlessChromium.Artifacts, name + ".png"), FullPage = true });

    [Fact]
    public async Task Analyst_finds_Khalimov_by_keyboard_and_sees_both_lists_and_their_differences()
    {
        var page = await NewPage();
        await OnFailureScreenshot(page, "failed-khalimov", () => AnalystFindsKhalimov(page));
    }

    [Fact]
    public async Task Arabic_names_read_right_to_left()
    {
        var page = await NewPage();
        await OnFailureScreenshot(page, "failed-arabic", () => Arabic(page));
    }

    [Fact]
    [Needs(SystemPart.CjkFont)]
    public async Task Chinese_names_render_in_a_font_with_Chinese_glyphs()
    {
        var page = await NewPage();
        await OnFailureScreenshot(page, "failed-chinese", () => Chinese(page));
    }

    [Fact]
    public async Task Analyst_filters_the_queue_opens_an_alert_clears_it_through_the_form_and_finds_it_on_the_accept_list()
    {
        var reference = await AlertingCustomer("1991-03-02");
        var page = await NewPage();
        await OnFailureScreenshot(page, "failed-decide", () => DecideThroughTheForm(page, reference));
    }

    [Fact]
    public async Task Every_page_fits_a_420_pixel_wide_screen_without_scrolling_sideways()
    {
        var reference = await AlertingCustomer("1975-05-14");
        var page = await NewPage(width: 420);
        await OnFailureScreenshot(page, "failed-narrow", async () =>
        {
            await page.GotoAsync($"/alerts?portfolio={reference}");
            var alert = await page.Locator("table.queue tbody a").First.GetAttributeAsync("href");
            string[] paths = ["/", "/?name=" + Uri.EscapeDataString("Gulmurod Khalimov") + "&dob=1975-05-14", "/alerts", alert!, $"/subjects/{reference}",
                "/accept-list", "/jobs", "/lists", "/entity/un-sc:QDi.372", "/lists/un-sc/changes?from=1&to=2"];
            foreach (var path in paths)
            {
                await page.GotoAsync(path);
                var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
                Assert.True(widths[0] <= widths[1], $"{path} is {widths[0]} px wide on a {widths[1]} px screen");
            }
            await Screenshot(page, "narrow-alert");
        });
    }

    [Fact]
    public async Task The_pages_fixes_read_as_a_new_user_expects()
    {
        var page = await NewPage();
        await OnFailureScreenshot(page, "failed-fixes", async () =>
        {
            // Why two records are one entity, in words rather than JSON.
            await page.GotoAsync("/entity/un-sc:QDi.372");
            var links = page.Locator("#entity-links li");
            await Expect(links.First).ToContainTextAsync("same name, date of birth and passport");
            Assert.DoesNotMatch("[\\[{]", await page.Locator("#entity-links").InnerTextAsync());
            // Lists named beside their ids.
            await Expect(page.Locator("#record-un-sc\\:QDi\\.372")).ToContainTextAsync("UN Security Council Consolidated Sanctions List");
            await page.GotoAsync("/lists");
            await Expect(page.Locator("#source-un-sc")).ToContainTextAsync("un-sc UN Security Council Consolidated Sanctions List");
            // OFAC has one snapshot: its point sits inside the chart, clear of the edges.
            var chart = (await page.Locator("#list-us-ofac-sdn svg.chart").BoundingBoxAsync())!;
            var dot = (await page.Locator("#list-us-ofac-sdn circle.point").BoundingBoxAsync())!;
            Assert.True(dot.Y - chart.Y >= 8 && chart.Y + chart.Height - (dot.Y + dot.Height) >= 8 && Math.Abs(dot.X + dot.Width / 2 - (chart.X + chart.Width / 2)) < 2,
                $"the lone point at ({dot.X}, {dot.Y}) touches the chart's edge ({chart.X}, {chart.Y}, {chart.Width}×{chart.Height})");
            // Record ids and names are two words apart on the changes page.
            await page.GotoAsync("/lists/un-sc/changes?from=1&to=2");
            var item = page.Locator(".change-list li", new() { HasText = "un-sc:QDi.372" });
            await Expect(item).ToHaveTextAsync(new Regex("^un-sc:QDi\\.372 GULMUROD"));
            // A sum over 1 says it was capped, and every score on the page has the same form.
            await page.GotoAsync("/?name=" + Uri.EscapeDataString("Gulmurod Khalimov") + "&dob=1975-05-14&country=TJ");
            var arithmetic = await page.Locator("#result-1 ~ tr.why code.arithmetic").First.InnerTextAsync();
            Assert.Matches(@"= 1\.00 \(1\.\d+ capped at 1\.00\)", arithmetic);
            var numbers = Regex.Matches(await page.Locator("main").InnerTextAsync(), @"\b[01]\.\d+\b").Select(m => m.Value).ToList();
            Assert.NotEmpty(numbers);
            Assert.All(numbers, n => Assert.True(n.Length >= 4, $"score {n} has fewer than two decimals"));
        });
    }

    /// <summary>A customer named as Khalimov, born on the given day, put through the API; returns its reference (also its portfolio).</summary>
    private async Task<string> AlertingCustomer(string dob)
    {
        Assert.SkipWhen(app.Unavailable, app.UnavailableReason);
        var reference = "b" + Guid.NewGuid().ToString("N")[..8];
        using var put = await app.Client.PutAsync(new Uri("/subjects/" + reference, UriKind.Relative), new StringContent(
            $$"""{"schema": "Person", "names": ["Gulmurod Khalimov"], "birthDates": ["{{dob}}"], "portfolio": "{{reference}}"}""",
            System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.True(put.IsSuccessStatusCode, $"PUT /subjects answered {put.StatusCode}");
        return reference;
    }

    private static async Task DecideThroughTheForm(IPage page, string reference)
    {
        await page.GotoAsync("/alerts");
        await page.GetByLabel("Portfolio").FillAsync(reference);
        await page.GetByLabel("Kind").SelectOptionAsync("new_match");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("portfolio=" + reference));
        var rows = page.Locator("table.queue tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(page.Locator("#counts")).ToContainTextAsync("1 alert");
        await Screenshot(page, "queue");

        await rows.First.GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("new match");
        await Expect(page.Locator("#subject-side")).ToContainTextAsync("1991-03-02");
        await Expect(page.Locator("#listed-side")).ToContainTextAsync("us-ofac-sdn:18634");
        await Expect(page.Locator("#provenance #property-birthPlace")).ToBeVisibleAsync();
        await page.GetByLabel("false positive").CheckAsync();
        await page.GetByLabel("Reason").SelectOptionAsync("dob_differs");
        await page.GetByLabel("Rationale").FillAsync("Born 1991 in Germany; the listed man was born 1975.");
        await Screenshot(page, "alert");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).ClickAsync();

        await Expect(page.Locator("#alert-status")).ToHaveTextAsync("closed");
        await Expect(page.Locator("#decision")).ToContainTextAsync("Born 1991 in Germany");
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Accept list" }).ClickAsync();
        await Expect(page.Locator("#accept-list")).ToContainTextAsync(reference);
        await page.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await Expect(page.Locator("#decisions")).ToContainTextAsync("false positive");
    }

    /// <summary>Runs a scenario; when it fails, keeps a picture of the page as it was, next to the others.</summary>
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

    private static async Task AnalystFindsKhalimov(IPage page)
    {
        await page.GotoAsync("/");

        // The empty form puts the cursor in the name field: type, press Enter.
        await Expect(page.GetByLabel("Name", new() { Exact = true })).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Гулмурод Ҳалимов");
        await page.Keyboard.PressAsync("Enter");
        // Polls the address: waiting for a navigation event can miss one that finished before the wait began.
        await Expect(page).ToHaveURLAsync(new Regex(@"/\?name=[^&]+"));
        // On the results, the first Tab reaches the skip link, which leads past the navigation.
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator(".skip-link")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("main")).ToBeFocusedAsync();

        var first = page.Locator("#result-1");
        await Expect(first).ToHaveAttributeAsync("data-entity", "un-sc:QDi.372");
        await Expect(first.Locator(".badge.alert")).ToHaveTextAsync("ALERT");
        await Expect(page.Locator("tr.why").First.Locator("details")).ToHaveAttributeAsync("open", "");
        await Screenshot(page, "search-khalimov");

        await first.GetByRole(AriaRole.Link, new() { Name = "GULMUROD KHALIMOV" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/entity/un-sc:QDi\\.372$"));

        await Expect(page.Locator("h1")).ToHaveTextAsync("GULMUROD KHALIMOV");
        var designations = page.Locator("tr.designation");
        await Expect(designations).ToHaveCountAsync(2);
        await Expect(designations.Filter(new() { HasText = "un-sc:QDi.372" })).ToContainTextAsync("Al-Qaida");
        await Expect(designations.Filter(new() { HasText = "us-ofac-sdn:18634" })).ToContainTextAsync("SDGT");
        await Expect(page.Locator("#record-us-ofac-sdn\\:18634 .badge")).ToHaveTextAsync("listed");

        // UN and OFAC word the places of birth differently: both values show, next to each other, each with its source.
        var places = page.Locator("#property-birthPlace");
        await Expect(places.Locator(".badge.differ")).ToHaveTextAsync("sources differ");
        var un = places.Locator(".value-card").Filter(new() { HasText = "Varzob area, Tajikistan" });
        var ofac = places.Locator(".value-card").Filter(new() { HasText = "us-ofac-sdn:18634" });
        await Expect(un).ToContainTextAsync("un-sc:QDi.372");
        await Expect(ofac).ToContainTextAsync("Varzob, Tajikistan");
        var unBox = (await un.BoundingBoxAsync())!;
        var ofacBox = (await ofac.BoundingBoxAsync())!;
        Assert.True(Math.Abs(unBox.Y - ofacBox.Y) < 2 && ofacBox.X > unBox.X + unBox.Width - 1,
            $"UN's value at ({unBox.X}, {unBox.Y}) and OFAC's at ({ofacBox.X}, {ofacBox.Y}) are not side by side");
        // UN places him in Afghanistan, OFAC in Syria: two addresses, neither overwriting the other.
        var addresses = page.Locator("#property-address");
        await Expect(addresses.Locator(".badge.differ")).ToHaveTextAsync("sources differ");
        await Expect(addresses.Locator(".value-card").Filter(new() { HasText = "un-sc:QDi.372" })).ToContainTextAsync("Afghanistan");
        await Expect(addresses.Locator(".value-card").Filter(new() { HasText = "us-ofac-sdn:18634" })).ToContainTextAsync("Syria");
        var dates = page.Locator("#property-birthDate");
        await Expect(dates.Locator(".value-card")).ToHaveCountAsync(2);
        await Expect(dates).ToContainTextAsync("APPROXIMATELY 1975");
        await Screenshot(page, "entity-khalimov");

        // From there to the lists, where UN's two snapshots are charted and the changes between them linked.
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Lists" }).ClickAsync();
        var unList = page.Locator("#list-un-sc");
        await Expect(unList.Locator("svg.chart")).ToBeVisibleAsync();
        await unList.GetByRole(AriaRole.Link, new() { NameRegex = new("^changes since snapshot") }).ClickAsync();
        await Expect(page.Locator("a[href='/entity/un-sc:QDi.372']").First).ToBeVisibleAsync();
        await page.GoBackAsync();
        await Screenshot(page, "lists");
    }

    private static async Task Arabic(IPage page)
    {
        await page.GotoAsync("/?name=" + Uri.EscapeDataString("صدام حسين التكريتي"));

        var first = page.Locator("#result-1");
        await Expect(first).ToHaveAttributeAsync("data-entity", "un-sc:IQi.001");
        var matched = first.Locator("td:nth-child(5) .name");
        await Expect(matched).ToHaveTextAsync("صدام حسين التكريتي");
        Assert.Equal("rtl", await matched.EvaluateAsync<string>("e => getComputedStyle(e).direction"));
        // The Latin caption in the same row stays left to right.
        Assert.Equal("ltr", await first.Locator("td:nth-child(3) a.name").EvaluateAsync<string>("e => getComputedStyle(e).direction"));
        await Screenshot(page, "search-arabic");

        await page.GotoAsync("/entity/un-sc:IQi.001");
        var arabic = page.Locator("table", new() { Has = page.Locator("caption", new() { HasText = "Arabic" }) }).Locator(".name").First;
        Assert.Equal("rtl", await arabic.EvaluateAsync<string>("e => getComputedStyle(e).direction"));
        await Screenshot(page, "entity-arabic");
    }

    private static async Task Chinese(IPage page)
    {
        await page.GotoAsync("/?name=" + Uri.EscapeDataString("朝鲜联合机械贸易会社"));
        var chinese = page.Locator("#result-1 td:nth-child(5) .name");
        await Expect(chinese).ToHaveTextAsync("朝鲜联合机械贸易会社");
        // Ten Han characters set in a CJK font are about ten ems wide; missing-glyph boxes or a fallback differ.
        var box = (await chinese.BoundingBoxAsync())!;
        var em = await chinese.EvaluateAsync<float>("e => parseFloat(getComputedStyle(e).fontSize)");
        Assert.InRange(box.Width, 9 * em, 11 * em);
        await Screenshot(page, "search-chinese");
    }
}
