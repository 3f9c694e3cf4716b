using Vigil.Core.Merge;
using Vigil.Core.Storage;
using Vigil.Tests.Storage;

namespace Vigil.Tests.Matching;

public class CrossListLinkerTests
{
    private static VigilStore UnAndAustralia()
    {
        var store = VigilStore.Open(StoreFactory.NewSqliteSpec());
        store.Import(TestData.Path("un/consolidated.xml"));
        store.Import(TestData.Path("australia/regulation8_consolidated.xlsx"));
        return store;
    }

    [Fact]
    public void Khalimov_on_the_Australian_list_is_linked_to_the_UN_entry_by_name_and_full_birth_date()
    {
        var store = UnAndAustralia();
        var run = CrossListLinker.Run(store, cancellationToken: TestContext.Current.CancellationToken);

        var link = Assert.Single(run.Linked, c => c.Left == "au-dfat:3136" && c.Right == "un-sc:QDi.372");
        Assert.True(link.Automatic);
        Assert.Contains("birth date exact", link.Evidence);
        Assert.Equal(["un-sc:QDi.372", "au-dfat:3136"], store.GetEntity("au-dfat:3136")!.Referents);
        // Every automatic link rests on a full birth date or an identifier, or for organisations the same name under
        // a compatible regime; never on a person's name alone.
        Assert.All(run.Linked, c => Assert.True(c.Evidence.Any(e => e is "birth date exact" || e.StartsWith("identifier", StringComparison.Ordinal) || e.StartsWith("same normalised name", StringComparison.Ordinal)), string.Join("; ", c.Evidence)));

        // A second run makes no new link: the linked records are one entity now.
        Assert.Empty(CrossListLinker.Run(store, cancellationToken: TestContext.Current.CancellationToken).Linked);
    }

    [Fact]
    public void An_analyst_rejection_retracts_the_link_for_good_and_is_kept_with_who_and_when()
    {
        var store = UnAndAustralia();
        CrossListLinker.Run(store, cancellationToken: TestContext.Current.CancellationToken);

        CrossListLinker.Reject(store, "un-sc:QDi.372", "au-dfat:3136", "analyst.one", "test of reversibility");
        Assert.Equal(["au-dfat:3136"], store.GetEntity("au-dfat:3136")!.Referents);
        var again = CrossListLinker.Run(store, cancellationToken: TestContext.Current.CancellationToken);
        Assert.DoesNotContain(again.Linked, c => c.Left == "au-dfat:3136" && c.Right == "un-sc:QDi.372");

        CrossListLinker.Accept(store, "au-dfat:3136", "un-sc:QDi.372", "analyst.two", "confirmed");
        Assert.Equal(["un-sc:QDi.372", "au-dfat:3136"], store.GetEntity("au-dfat:3136")!.Referents);
        var decisions = store.Decisions();
        Assert.Equal(["reject", "accept"], decisions.Select(d => d.Decision));
        Assert.Equal(["analyst.one", "analyst.two"], decisions.Select(d => d.DecidedBy));
    }

    [Fact]
    public void An_import_links_the_records_it_added_to_the_lists_already_there()
    {
        var store = VigilStore.Open(StoreFactory.NewSqliteSpec());
        store.Import(TestData.Path("un/consolidated.xml"), cancellationToken: TestContext.Current.CancellationToken);
        var australia = store.Import(TestData.Path("australia/regulation8_consolidated.xlsx"), cancellationToken: TestContext.Current.CancellationToken);

        var run = CrossListLinker.LinkImported(store, australia, TestContext.Current.CancellationToken);

        Assert.Contains(run.Linked, c => c.Left == "au-dfat:3136" && c.Right == "un-sc:QDi.372");
        Assert.Equal(["un-sc:QDi.372", "au-dfat:3136"], store.GetEntity("au-dfat:3136")!.Referents);
        // The same file again changes nothing, so there is nothing to link.
        var again = store.Import(TestData.Path("australia/regulation8_consolidated.xlsx"), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Empty(CrossListLinker.LinkImported(store, again, TestContext.Current.CancellationToken).Linked);
    }

    [Fact]
    public void A_UN_company_known_by_its_Chinese_name_reaches_its_OFAC_twin_through_the_same_normalised_name()
    {
        var store = VigilStore.Open(StoreFactory.NewSqliteSpec());
        store.Import(TestData.Path("un/consolidated.xml"), cancellationToken: TestContext.Current.CancellationToken);
        var ofac = store.Import(TestData.Path("ofac/sdn-csv-2024-05-03/sdn.csv"), cancellationToken: TestContext.Current.CancellationToken);

        CrossListLinker.LinkImported(store, ofac, TestContext.Current.CancellationToken);

        var corpus = Vigil.Core.Screening.ScreeningCorpus.Load(store);
        var hit = corpus.Screen(new Vigil.Matching.Screening.ScreeningQuery("華信船務(香港)有限公司", Vigil.Matching.PartyKind.Organization), new Vigil.Matching.Screening.MatchOptions())[0];
        Assert.True(hit.Match);
        Assert.Equal(["un-sc:KPe.059", "us-ofac-sdn:23777"], hit.Entity.Referents);
    }
}
