using Vigil.Core.Storage;

namespace Vigil.Tests.Storage;

/// <summary>Every shared list file imports through detection into a store, with the entity count the file itself holds.</summary>
public class SharedListImportTests
{
    [Theory]
    [InlineData("un/consolidated.xml", "un-sc", "un-sc-xml", 1003)]
    [InlineData("ofac/sdn-csv-2024-05-03/sdn.csv", "us-ofac-sdn", "us-ofac-csv", 14965)]
    [InlineData("ofac/sdn-csv-2021", "us-ofac-sdn", "us-ofac-csv", 8976)]
    [InlineData("ofac/consolidated-csv", "us-ofac-cons", "us-ofac-csv", 442)]
    [InlineData("ofac/consolidated-xml/consolidated.xml", "us-ofac-cons", "us-ofac-xml", 443)]
    [InlineData("ofac/consolidated-enhanced-xml/cons_enhanced.xml", "us-ofac-cons", "us-ofac-enhanced-xml", 442)]
    [InlineData("ofac/consolidated-advanced-xml/cons_advanced.xml", "us-ofac-cons", "us-ofac-advanced-xml", 375)]
    [InlineData("uk/ConList.xlsx", "gb-hmt", "gb-hmt-xlsx", 4688)]
    [InlineData("samples/uk-ofsi-ConList-csv-excerpt-2020-04-27.csv", "gb-hmt", "gb-hmt-csv", 6)]
    [InlineData("australia/regulation8_consolidated.xlsx", "au-dfat", "au-dfat-xlsx", 3062)]
    [InlineData("canada/sema-lemss.xml", "ca-sema", "ca-sema-xml", 4759)]
    [InlineData("eu/fsf-1_1-2022-03-18-TRUNCATED-first1044.xml", "eu-fsf", "eu-fsf-xml", 1024)]
    [InlineData("samples/eu-fsf-1_1-excerpt-2020-04-15.xml", "eu-fsf", "eu-fsf-xml", 6)]
    [InlineData("samples/ch-seco-amendment-TEST-2024-01-17.xml", "ch-seco", "ch-seco-xml", 3)]
    [InlineData("other/us-bis-dpl/dpl.txt", "us-bis-dpl", "us-bis-dpl", 458)]
    public void Each_shared_list_imports_with_the_count_the_file_holds(string file, string source, string format, int entities)
    {
        var store = VigilStore.Open(StoreFactory.NewSqliteSpec());
        var result = store.Import(TestData.Path(file), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal((source, format, entities), (result.Source, result.Format, result.Entities));
        Assert.Equal(entities, store.Lists().Single().Snapshots.Single().Entities);
    }

    [Fact]
    public void Khalimov_on_the_UN_list_is_linked_to_the_UK_group_that_quotes_his_UN_reference()
    {
        var store = VigilStore.Open(StoreFactory.NewSqliteSpec());
        var ct = TestContext.Current.CancellationToken;
        // The UK list first: the link must form whichever list arrives first.
        store.Import(TestData.Path("uk/ConList.xlsx"), cancellationToken: ct);
        store.Import(TestData.Path("un/consolidated.xml"), cancellationToken: ct);

        var k = store.GetEntity("un-sc:QDi.372")!;
        Assert.Equal("un-sc:QDi.372", k.Id);
        Assert.Equal(["un-sc:QDi.372", "gb-hmt:13313"], k.Referents);
        var link = Assert.Single(k.Links);
        Assert.Equal(("gb-hmt:13313", "un-sc:QDi.372", "crossReference"), (link.Left, link.Right, link.Method));

        // Both lists' values stay, each with its source: the UN's exact and approximate DOB, the UK's two rows.
        Assert.Contains(k.Statements, s => s is { Property: "birthDate", Value: "1975-05-14", Source: "un-sc:QDi.372" });
        Assert.Contains(k.Statements, s => s is { Property: "birthDate", Value: "1975-05-14", Source: "gb-hmt:13313" });
        Assert.Contains(k.Statements, s => s is { Property: "birthDate", Value: "1975", Source: "gb-hmt:13313" });
        Assert.Contains(k.Designations, d => d is { Program: "Al-Qaida", ListedOn: "2016-02-29", Source: "un-sc:QDi.372" });
        Assert.Contains(k.Designations, d => d.Source == "gb-hmt:13313" && d.Reference == "AQD0179");
        Assert.Equal(2, k.Statements.Count(s => s.Property == "birthPlace" && s.Source == "un-sc:QDi.372"));
        Assert.Contains(k.Statements, s => s.Property == "notes" && s.Source == "un-sc:QDi.372" && s.Value.Contains("Syria-based", StringComparison.Ordinal));

        // Asked through the UK id, the same canonical entity comes back.
        Assert.Equal("un-sc:QDi.372", store.GetEntity("gb-hmt:13313")!.Id);
    }
}
