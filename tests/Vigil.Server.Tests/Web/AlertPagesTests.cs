using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Vigil.Server.Tests.Api;

namespace Vigil.Server.Tests.Web;

/// <summary>
/// The analysts' pages over HTTP on a server of their own (the real UN list): the queue and its filters, one alert and
/// its forms (deciding closes it and puts it on the accept list), a subject's history, the accept list and the jobs;
/// bad input is a readable page with a 4xx, never a 500.
/// </summary>
public abstract partial class AlertPagesTests<TApp>(TApp app) where TApp : VigilApp
{
    private readonly HttpClient _client = app.ClientForTest();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Creates Khalimov-like customers in a portfolio of their own and returns their alerts' ids, as the API lists them.</summary>
    private async Task<(string Prefix, long[] Alerts)> Customers(params string[] dobs)
    {
        var p = "w" + Guid.NewGuid().ToString("N")[..6];
        var subjects = string.Join(",", dobs.Select((d, i) =>
            $$"""{"reference": "{{p}}-{{i}}", "schema": "Person", "names": ["Gulmurod Khalimov"], "birthDates": ["{{d}}"], "portfolio": "{{p}}"}"""));
        using var posted = await _client.PostAsync(new Uri("/subjects", UriKind.Relative),
            new StringContent($$"""{"subjects": [{{subjects}}]}""", Encoding.UTF8, "application/json"), Cancel);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var alerts = new List<long>();
        for (var i = 0; i < dobs.Length; i++)
        {
            var page = JsonDocument.Parse(await _client.GetStringAsync(new Uri($"/alerts?subject={p}-{i}", UriKind.Relative), Cancel)).RootElement;
            alerts.AddRange(page.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("id").GetInt64()));
        }
        return (p, [.. alerts]);
    }

    /// <summary>Posts a form as a browser on this site does (or, with <paramref name="site"/>, as another site's page would).</summary>
    private async Task<HttpResponseMessage> PostForm(string path, IEnumerable<KeyValuePair<string, string>> fields, string site = "same-origin")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        request.Headers.Add("Sec-Fetch-Site", site);
        return await _client.SendAsync(request, Cancel);
    }

    [Fact]
    public async Task The_queue_counts_filters_by_portfolio_kind_and_assignee_and_pages_in_priority_order()
    {
        var dobs = Enumerable.Range(0, 53).Select(i => i % 2 == 0 ? "1975-05-14" : (1950 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var (p, ids) = await Customers(dobs);
        Assert.Equal(53, ids.Length);

        var (status, first) = await Html.Get(_client, $"/alerts?portfolio={p}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("53</strong> alerts", Html.Element(first, "counts"), StringComparison.Ordinal);
        Assert.Contains(">53</td>", Html.Element(first, "counts-by-kind"), StringComparison.Ordinal);
        Assert.Contains(">53</td>", Html.Element(first, "counts-by-age"), StringComparison.Ordinal);
        var page1 = Rows(first);
        Assert.Equal(50, page1.Count);
        var next = System.Net.WebUtility.HtmlDecode(NextLink().Match(first).Groups[1].Value);
        Assert.Contains($"portfolio={p}", next, StringComparison.Ordinal);
        var (_, second) = await Html.Get(_client, next);
        var page2 = Rows(second);
        Assert.Equal(3, page2.Count);
        Assert.DoesNotMatch(NextLink(), second);
        Assert.Equal(ids.Order(), page1.Concat(page2).Order());
        // Highest band first: the customers born on Khalimov's day lead, each band oldest first.
        var bands = Regex.Matches(first + second, "<tr id=\"alert-(\\d+)\" class=\"band-(\\w+)\"").Select(m => m.Groups[2].Value).ToList();
        Assert.Equal(bands.OrderBy(b => b == "high" ? 0 : b == "medium" ? 1 : 2), bands);
        Html.AssertNoInlineCode(first);

        var (_, none) = await Html.Get(_client, $"/alerts?portfolio={p}&kind=delisting");
        Assert.Contains("id=\"no-alerts\"", none, StringComparison.Ordinal);
        Assert.Contains(">53</td>", Html.Element(none, "counts-by-kind"), StringComparison.Ordinal);

        using var assigned = await PostForm($"/alerts/{ids[0]}/assignee", [new("assignee", Caller())]);
        Assert.Equal((HttpStatusCode.OK, $"/alerts/{ids[0]}"), (assigned.StatusCode, assigned.RequestMessage!.RequestUri!.AbsolutePath));
        var (_, mine) = await Html.Get(_client, $"/alerts?portfolio={p}&mine=true&status=in_review");
        Assert.Equal([ids[0]], Rows(mine));
        var (_, byName) = await Html.Get(_client, $"/alerts?assignee={Caller()}&portfolio={p}");
        Assert.Equal([ids[0]], Rows(byName));
    }

    [Fact]
    public async Task Deciding_through_the_form_closes_the_alert_records_the_caller_and_puts_the_pair_on_the_accept_list()
    {
        var (p, ids) = await Customers("1991-03-02");
        var id = Assert.Single(ids);

        var (status, page) = await Html.Get(_client, $"/alerts/{id}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Gulmurod Khalimov", Html.Element(page, "subject-side"), StringComparison.Ordinal);
        Assert.Contains("un-sc:QDi.372", Html.Element(page, "listed-side"), StringComparison.Ordinal);
        Assert.Contains("class=\"arithmetic\"", Html.Element(page, "why"), StringComparison.Ordinal);
        Assert.Contains("property-birthPlace", page, StringComparison.Ordinal);
        Assert.Contains("first review", Html.Element(page, "changes"), StringComparison.Ordinal);
        Assert.Contains("action=\"/alerts/" + id + "/decide\"", page, StringComparison.Ordinal);
        Html.AssertNoInlineCode(page);

        using var noNote = await PostForm($"/alerts/{id}/decide", [new("outcome", "false_positive"), new("reason", "dob_differs"), new("note", " ")]);
        Assert.Equal(HttpStatusCode.BadRequest, noNote.StatusCode);
        var refused = await noNote.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("id=\"note-error\"", refused, StringComparison.Ordinal);
        Assert.Contains("checked", Html.Element(refused, "decision-form"), StringComparison.Ordinal);

        using var crossSite = await PostForm($"/alerts/{id}/decide", [new("outcome", "false_positive"), new("reason", "dob_differs"), new("note", "x")], site: "cross-site");
        Assert.Equal(HttpStatusCode.Forbidden, crossSite.StatusCode);
        Assert.Contains("class=\"notice error\"", await crossSite.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);

        using var comment = await PostForm($"/alerts/{id}/comment", [new("text", "Asked the branch for the passport.")]);
        using var decided = await PostForm($"/alerts/{id}/decide", [new("outcome", "false_positive"), new("reason", "dob_differs"), new("note", "Born 1991 in Germany.")]);
        // The client follows the redirect back to the alert, as a browser does.
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (comment.StatusCode, decided.StatusCode));
        Assert.Equal($"/alerts/{id}", decided.RequestMessage!.RequestUri!.AbsolutePath);

        var (_, closed) = await Html.Get(_client, $"/alerts/{id}");
        Assert.Contains(">closed<", Html.Element(closed, "alert-status"), StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"decision-form\"", closed, StringComparison.Ordinal);
        var history = Html.Element(closed, "history");
        Assert.Contains("Asked the branch for the passport.", history, StringComparison.Ordinal);
        Assert.Contains($"by {Caller()}: decision #", history, StringComparison.Ordinal);
        Assert.Contains("false positive", Html.Element(closed, "decision"), StringComparison.Ordinal);

        using var again = await PostForm($"/alerts/{id}/decide", [new("outcome", "true_match"), new("reason", "other"), new("note", "Second opinion.")]);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("id=\"conflict\"", await again.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);

        var (_, accept) = await Html.Get(_client, "/accept-list");
        Assert.Contains($"href=\"/subjects/{p}-0\"", Html.Element(accept, "accept-list"), StringComparison.Ordinal);
        var (subjectStatus, subject) = await Html.Get(_client, $"/subjects/{p}-0");
        Assert.Equal(HttpStatusCode.OK, subjectStatus);
        Assert.Contains("Born 1991 in Germany.", Html.Element(subject, "decisions"), StringComparison.Ordinal);
        Assert.Contains($"href=\"/alerts/{id}\"", Html.Element(subject, "alerts"), StringComparison.Ordinal);
        Assert.Matches(@"snapshot \d+, published 2026-02-27", Html.Element(subject, "screenings"));
        Assert.Contains($"action=\"/evidence/subjects/{p}-0\"", Html.Element(subject, "evidence-form"), StringComparison.Ordinal);
        Html.AssertNoInlineCode(subject);
    }

    [Theory]
    [InlineData("/alerts?status=bogus", HttpStatusCode.BadRequest)]
    [InlineData("/alerts?kind=bogus", HttpStatusCode.BadRequest)]
    [InlineData("/alerts?after=3-x", HttpStatusCode.BadRequest)]
    [InlineData("/alerts?after=7-1", HttpStatusCode.BadRequest)]
    [InlineData("/alerts/abc", HttpStatusCode.BadRequest)]
    [InlineData("/alerts/0", HttpStatusCode.BadRequest)]
    [InlineData("/alerts/99999999", HttpStatusCode.NotFound)]
    [InlineData("/subjects/nobody-at-all", HttpStatusCode.NotFound)]
    [InlineData("/lists/un-sc/changes?show=everything", HttpStatusCode.BadRequest)]
    [InlineData("/lists/un-sc/changes?page=0", HttpStatusCode.BadRequest)]
    [InlineData("/lists/un-sc/changes?page=99999999999", HttpStatusCode.BadRequest)]
    public async Task Bad_addresses_are_readable_pages_with_a_4xx(string path, HttpStatusCode expected)
    {
        var (status, html) = await Html.Get(_client, path);

        Assert.Equal(expected, status);
        Assert.Contains("class=\"notice error\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/alerts/abc/decide", HttpStatusCode.BadRequest)]
    [InlineData("/alerts/99999999/decide", HttpStatusCode.NotFound)]
    [InlineData("/alerts/99999999/comment", HttpStatusCode.NotFound)]
    [InlineData("/alerts/99999999/assignee", HttpStatusCode.NotFound)]
    public async Task Forms_about_no_alert_are_readable_pages_with_a_4xx(string path, HttpStatusCode expected)
    {
        using var response = await PostForm(path, [new("outcome", "false_positive"), new("reason", "other"), new("note", "n"), new("text", "t"), new("assignee", "a")]);

        Assert.Equal(expected, response.StatusCode);
        Assert.Contains("class=\"notice error\"", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_post_that_is_not_a_form_or_has_no_value_is_a_400_page()
    {
        var (_, ids) = await Customers("1991-03-02");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/alerts/{ids[0]}/comment", UriKind.Relative))
        {
            Content = new StringContent("{\"text\": \"hi\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        using var json = await _client.SendAsync(request, Cancel);
        using var empty = await PostForm($"/alerts/{ids[0]}/comment", [new("text", "")]);
        using var nobody = await PostForm($"/alerts/{ids[0]}/assignee", [new("assignee", " ")]);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (json.StatusCode, empty.StatusCode, nobody.StatusCode));
        Assert.Contains("Write the comment", await empty.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_jobs_page_shows_a_submitted_job_and_links_its_results_once_done()
    {
        using var posted = await _client.PostAsync(new Uri("/jobs?name=pages.csv", UriKind.Relative),
            new StringContent("id,name,dob\nj1,Gulmurod Khalimov,1975-05-14\nj2,Anna Schmidt,1980\n", Encoding.UTF8, "text/csv"), Cancel);
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var job = JsonDocument.Parse(await posted.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("id").GetInt64();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        string row;
        do
        {
            await Task.Delay(200, Cancel);
            row = Html.Element((await Html.Get(_client, "/jobs")).Body, $"job-{job}");
        }
        while (!row.Contains("data-state=\"done\"", StringComparison.Ordinal) && DateTime.UtcNow < deadline);

        Assert.Contains("pages.csv", row, StringComparison.Ordinal);
        Assert.Contains("data-state=\"done\"", row, StringComparison.Ordinal);
        Assert.Contains($"href=\"/jobs/{job}/results?format=csv\"", row, StringComparison.Ordinal);
        using var results = await _client.GetAsync(new Uri($"/jobs/{job}/results?format=csv", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, results.StatusCode);
    }

    /// <summary>The caller a keyless server records (<c>Credential.Local</c>).</summary>
    private static string Caller() => Vigil.Core.Access.Credential.Local.Name;

    private static List<long> Rows(string html) =>
        [.. Regex.Matches(html, "<tr id=\"alert-(\\d+)\"").Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];

    [GeneratedRegex("<a href=\"([^\"]+)\" rel=\"next\">")]
    private static partial Regex NextLink();
}

public sealed class SqliteAlertPagesTests(SqliteUnOnlyVigilApp app) : AlertPagesTests<SqliteUnOnlyVigilApp>(app), IClassFixture<SqliteUnOnlyVigilApp>;

[Vigil.Tests.Parts.Needs(Vigil.Tests.Parts.SystemPart.PostgreSql)]
public sealed class PostgresAlertPagesTests(PostgresUnOnlyVigilApp app) : AlertPagesTests<PostgresUnOnlyVigilApp>(app), IClassFixture<PostgresUnOnlyVigilApp>;
