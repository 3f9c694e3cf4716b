using System.Net;

namespace Vigil.Server.Tests.Web;

/// <summary>The search page: the form, results with their explanations, validation and encoding.</summary>
public sealed class SearchPageTests(SqliteVigilApp app)
{
    private static string Search(string name, string? dob = null) =>
        "/?name=" + Uri.EscapeDataString(name) + (dob is null ? "" : "&dob=" + Uri.EscapeDataString(dob));

    [Fact]
    public async Task First_visit_shows_the_form_with_a_label_for_every_input_and_no_results()
    {
        var (status, html) = await Html.Get(app.Client, "/");

        Assert.Equal(HttpStatusCode.OK, status);
        foreach (var id in (string[])["name", "dob", "country", "schema", "profile"])
        {
            Assert.Contains($"<label for=\"{id}\"", html, StringComparison.Ordinal);
            Assert.Contains($"id=\"{id}\"", html, StringComparison.Ordinal);
        }
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#main\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("results-heading", html, StringComparison.Ordinal);
        Html.AssertNoInlineCode(html);
    }

    [Fact]
    public async Task Tajik_cyrillic_name_finds_Khalimov_first_with_an_alert_and_an_explanation()
    {
        var (status, html) = await Html.Get(app.Client, Search("Гулмурод Ҳалимов"));

        Assert.Equal(HttpStatusCode.OK, status);
        var first = Html.Element(html, "result-1");
        Assert.Contains("data-entity=\"un-sc:QDi.372\"", first, StringComparison.Ordinal);
        Assert.Contains("<span class=\"badge alert\">ALERT</span>", first, StringComparison.Ordinal);
        Assert.Contains("href=\"/entity/un-sc:QDi.372\"", first, StringComparison.Ordinal);
        // The explanation: the romanised forms, each token pairing with its method, and the arithmetic.
        Assert.Contains("<code>gulmurod halimov</code>", html, StringComparison.Ordinal);
        Assert.Contains("<td dir=\"auto\">halimov</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td dir=\"auto\">khalimov</td>", html, StringComparison.Ordinal);
        Assert.Contains("<code>phonetic</code>", html, StringComparison.Ordinal);
        Assert.Contains("class=\"arithmetic\"", html, StringComparison.Ordinal);
        Assert.Contains("Гулмурод Ҳалимов", html, StringComparison.Ordinal);
        Html.AssertNoInlineCode(html);
    }

    [Fact]
    public async Task Date_of_birth_and_country_show_as_qualifiers_with_their_finding_and_effect()
    {
        var (status, html) = await Html.Get(app.Client, Search("Gulmurod Khalimov", "1975-05-14") + "&country=Tajikistan");

        Assert.Equal(HttpStatusCode.OK, status);
        var why = html[html.IndexOf("id=\"result-1\"", StringComparison.Ordinal)..];
        Assert.Contains("<th scope=\"row\">Date of birth</th>", why, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">Country</th>", why, StringComparison.Ordinal);
        Assert.Contains("class=\"effect-bonus\"", why, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreadable_date_of_birth_is_reported_on_the_page_and_nothing_is_searched()
    {
        var (status, html) = await Html.Get(app.Client, Search("Gulmurod Khalimov", "next tuesday"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var errors = Html.Element(html, "form-errors");
        Assert.Contains("role=\"alert\"", errors, StringComparison.Ordinal);
        Assert.Contains("Date of birth: &#x27;next tuesday&#x27; is not a date", errors, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\" aria-describedby=\"dob-error\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("result-1", html, StringComparison.Ordinal);
        // What was typed stays in the form to be corrected.
        Assert.Contains("value=\"next tuesday\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("&schema=Spaceship", "Type: &#x27;Spaceship&#x27;")]
    [InlineData("&profile=lenient", "Profile: &#x27;lenient&#x27;")]
    [InlineData("&country=Atlantis", "Country: &#x27;Atlantis&#x27;")]
    public async Task Other_unreadable_fields_are_reported_by_name(string field, string message)
    {
        var (status, html) = await Html.Get(app.Client, Search("Gulmurod Khalimov") + field);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(message, Html.Element(html, "form-errors"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("&threshold=NaN", "threshold")]
    [InlineData("&cutoff=NaN", "cutoff")]
    [InlineData("&threshold=0.5", "threshold")]
    public async Task A_threshold_or_cutoff_the_search_does_not_take_is_refused_not_ignored(string parameter, string name)
    {
        var (status, html) = await Html.Get(app.Client, Search("Gulmurod Khalimov") + parameter);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains($"The search takes no {name}", Html.Element(html, "form-errors"), StringComparison.Ordinal);
        Assert.DoesNotContain("result-1", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Blank_name_asks_for_a_name()
    {
        var (status, html) = await Html.Get(app.Client, "/?name=++");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Enter a name to screen.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hostile_query_is_encoded_wherever_it_is_shown()
    {
        const string Hostile = "<script>alert('x')</script>\"><img src=x onerror=alert(1)>";
        var (ok, html) = await Html.Get(app.Client, Search(Hostile));
        var (bad, invalid) = await Html.Get(app.Client, Search(Hostile, Hostile));

        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        foreach (var page in (string[])[html, invalid])
        {
            Html.AssertNoInlineCode(page);
            Assert.DoesNotContain("<img src=x", page, StringComparison.Ordinal);
            Assert.DoesNotContain("\"><img", page, StringComparison.Ordinal);
            Assert.Contains("&lt;script&gt;", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Pages_carry_the_content_security_policy_and_are_not_cached_shared()
    {
        using var response = await app.Client.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Contains("script-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("private", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
    }
}
