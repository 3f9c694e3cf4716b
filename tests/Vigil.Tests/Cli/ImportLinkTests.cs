namespace Vigil.Tests.Cli;

public class ImportLinkTests
{
    [Fact]
    public void A_user_who_imports_four_lists_and_screens_Halimov_sees_one_entity_with_four_referents()
    {
        using var cli = new CliRunner();
        foreach (var list in new[] { "un/consolidated.xml", "ofac/sdn-csv-2024-05-03/sdn.csv", "uk/ConList.xlsx", "australia/regulation8_consolidated.xlsx" })
        {
            var (exit, _, error) = cli.Run("import", TestData.Path(list));
            Assert.True(exit == 0, error);
        }

        var (code, output, _) = cli.Run("screen", "Gulmurod Halimov", "--json");

        Assert.Equal(0, code);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        var alerts = json.RootElement.GetProperty("results").EnumerateArray().Where(r => r.GetProperty("match").GetBoolean()).ToList();
        var only = Assert.Single(alerts);
        Assert.Equal(["un-sc:QDi.372", "us-ofac-sdn:18634", "gb-hmt:13313", "au-dfat:3136"],
            only.GetProperty("referents").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public void The_full_xref_pass_says_how_far_it_is()
    {
        using var cli = new CliRunner();
        Assert.Equal(0, cli.Run("import", TestData.Path("un/consolidated.xml")).Exit);

        var (exit, _, error) = cli.Run("xref");

        Assert.Equal(0, exit);
        Assert.Contains("xref: automatic links: ", error);
        Assert.Contains("xref: review candidates: ", error);
    }
}
