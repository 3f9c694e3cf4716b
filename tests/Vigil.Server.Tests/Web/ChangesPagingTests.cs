using System.Net;
using System.Text.RegularExpressions;
using Vigil.Core.Sources;
using Vigil.Core.Storage;
using Vigil.Tests;

namespace Vigil.Server.Tests.Web;

/// <summary>A server over OFAC's SDN list of 2021 and of May 2024: a diff of thousands of records.</summary>
public sealed class OfacDiffVigilApp : VigilApp
{
    protected override StoreKind Kind => StoreKind.Sqlite;

    protected override void ImportLists(VigilStore store)
    {
        store.Import(TestData.Path("ofac/sdn-csv-2021"));
        store.Import(TestData.Path("ofac/sdn-csv-2024-05-03"));
    }
}

/// <summary>The changes page of a large diff is a page one can load and read: counts, a filter, pages, ids in natural order.</summary>
public sealed partial class ChangesPagingTests(OfacDiffVigilApp app) : IClassFixture<OfacDiffVigilApp>
{
    private const string Base = "/lists/us-ofac-sdn/changes";

    [Fact]
    public async Task The_OFAC_2021_to_2024_changes_come_a_page_at_a_time_with_counts_and_the_ids_in_natural_order()
    {
        var (status, html) = await Html.Get(app.ClientForTest(), Base);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(html.Length < 1_500_000, $"the first page is {html.Length:N0} characters");
        var counts = Html.Element(html, "change-counts");
        var added = int.Parse(Count().Match(counts).Groups[1].Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(added > 1000, $"{added} added");
        Assert.Contains("id=\"added-more\"", html, StringComparison.Ordinal);
        var addedSection = html[html.IndexOf("id=\"added-heading\"", StringComparison.Ordinal)..html.IndexOf("id=\"removed-heading\"", StringComparison.Ordinal)];
        var ids = Ids().Matches(addedSection).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(Vigil.Server.Web.ChangesPageModel.IdsPerPage, ids.Count);
        Assert.Equal(ids.Order(NaturalOrder.Instance), ids);
        // An id and its name are separated by a space, not run together.
        Assert.Matches("class=\"mono\">us-ofac-sdn:\\d+</a> <span class=\"name\"", html);

        var (_, second) = await Html.Get(app.ClientForTest(), Base + "?show=added&page=2");
        var secondIds = Ids().Matches(second).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(Vigil.Server.Web.ChangesPageModel.IdsPerPage, secondIds.Count);
        Assert.True(NaturalOrder.Instance.Compare(ids[Vigil.Server.Web.ChangesPageModel.IdsPerPage - 1], secondIds[0]) < 0);
        Assert.DoesNotContain("id=\"changed-heading\"", second, StringComparison.Ordinal);
        Assert.Contains("rel=\"prev\"", Html.Element(second, "added-pages"), StringComparison.Ordinal);

        var (_, filtered) = await Html.Get(app.ClientForTest(), Base + "?q=KHALIMOV");
        Assert.Contains("us-ofac-sdn:18634", filtered, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"added-more\"", filtered, StringComparison.Ordinal);
        Assert.Contains("matching", Html.Element(filtered, "change-counts"), StringComparison.Ordinal);
        Html.AssertNoInlineCode(filtered);
    }

    [GeneratedRegex(">([\\d,]+) added")]
    private static partial Regex Count();

    [GeneratedRegex("<a href=\"/entity/(us-ofac-sdn:\\d+)\" class=\"mono\">")]
    private static partial Regex Ids();
}
