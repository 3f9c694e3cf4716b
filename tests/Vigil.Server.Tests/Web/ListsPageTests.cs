using System.Net;
using System.Text.RegularExpressions;

namespace Vigil.Server.Tests.Web;

/// <summary>The lists page and the changes between two snapshots.</summary>
public sealed partial class ListsPageTests(SqliteVigilApp app)
{
    [Fact]
    public async Task Lists_show_each_source_with_its_snapshots_and_a_size_chart()
    {
        var (status, html) = await Html.Get(app.Client, "/lists");

        Assert.Equal(HttpStatusCode.OK, status);
        var un = Html.Element(html, "list-un-sc");
        Assert.Contains("2 snapshots", un, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"chart\"", un, StringComparison.Ordinal);
        Assert.Contains("<polyline class=\"line\"", un, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(un, "<circle class=\"point\""));
        Assert.Equal(1, Regex.Count(un, "/lists/un-sc/changes\\?"));
        var ofac = Html.Element(html, "list-us-ofac-sdn");
        Assert.Contains("1 snapshot,", ofac, StringComparison.Ordinal);
        Assert.Contains("first snapshot", ofac, StringComparison.Ordinal);
        Assert.DoesNotContain("/changes?", ofac, StringComparison.Ordinal);
        Html.AssertNoInlineCode(html);
    }

    [Fact]
    public async Task Same_address_without_text_html_is_still_the_json_api()
    {
        using var response = await app.Client.GetAsync(new Uri("/lists", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Changes_link_leads_to_Khalimov_added_with_a_link_to_his_page()
    {
        var (_, lists) = await Html.Get(app.Client, "/lists");
        var link = ChangesLink().Match(lists);
        Assert.True(link.Success, "the lists page links no changes page for un-sc");

        var (status, html) = await Html.Get(app.Client, System.Net.WebUtility.HtmlDecode(link.Groups[1].Value));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<a href=\"/entity/un-sc:QDi.372\" class=\"mono\">un-sc:QDi.372</a>", CutBetween(html, "added-heading", "removed-heading"), StringComparison.Ordinal);
        Assert.Contains("un-sc:QDi.999", CutBetween(html, "removed-heading", "changed-heading"), StringComparison.Ordinal);
        var amended = Html.Element(html, "changed-un-sc:CDi.001");
        Assert.Contains("class=\"before\"", amended, StringComparison.Ordinal);
        Assert.Contains("class=\"after\"", amended, StringComparison.Ordinal);
        Html.AssertNoInlineCode(html);
    }

    [Theory]
    [InlineData("/lists/nowhere/changes", HttpStatusCode.NotFound)]
    [InlineData("/lists/un-sc/changes?from=abc", HttpStatusCode.BadRequest)]
    [InlineData("/lists/un-sc/changes?from=1&to=999999", HttpStatusCode.NotFound)]
    public async Task Unknown_list_or_snapshot_is_an_error_page(string path, HttpStatusCode expected)
    {
        var (status, html) = await Html.Get(app.Client, path);

        Assert.Equal(expected, status);
        Assert.Contains("class=\"notice error\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stylesheet_is_served_versioned_and_cached_and_answers_not_modified()
    {
        var (_, html) = await Html.Get(app.Client, "/lists");
        var href = System.Net.WebUtility.HtmlDecode(StylesheetLink().Match(html).Groups[1].Value);
        Assert.StartsWith("/assets/vigil.css?v=", href, StringComparison.Ordinal);

        using var response = await app.Client.GetAsync(new Uri(href, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("immutable", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        using var again = new HttpRequestMessage(HttpMethod.Get, new Uri("/assets/vigil.css", UriKind.Relative));
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        using var revalidated = await app.Client.SendAsync(again, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        using var missing = await app.Client.GetAsync(new Uri("/assets/nothing.css", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    private static string CutBetween(string html, string fromId, string toId) =>
        html[html.IndexOf($"id=\"{fromId}\"", StringComparison.Ordinal)..html.IndexOf($"id=\"{toId}\"", StringComparison.Ordinal)];

    [GeneratedRegex("href=\"(/lists/un-sc/changes\\?[^\"]+)\"")]
    private static partial Regex ChangesLink();

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"([^\"]+)\"")]
    private static partial Regex StylesheetLink();
}
