using System.Text.Json;
using Vigil.Cli;
using Vigil.Core.Storage;

namespace Vigil.Tests.Cli;

/// <summary><c>vigil subjects import|show|delete</c> end to end, in-process, over a SQLite store holding the UN list.</summary>
public sealed class SubjectsCommandTests
{
    private static string CustomerFile(string content)
    {
        var path = Path.Combine(Path.GetTempPath(), "vigil-tests", $"{Guid.NewGuid():N}.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void Import_prints_the_counts_show_names_the_hit_and_delete_keeps_the_history()
    {
        var cli = new CliRunner();
        Assert.Equal(0, cli.Run("import", TestData.Path("un/consolidated.xml")).Exit);
        var file = CustomerFile("customer_id,full_name,date_of_birth,nationality,segment\nk1,Halimov Gulmurod,14.05.1975,,retail\nk2,Anna Schmidt,1980,DE,retail\nk3,Halimov, Gulmurod,1975,TJ\n");

        var (exit, output, error) = cli.Run("subjects", "import", file, "--profile", "kyc", "--json");

        Assert.True(exit == 0, error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal((3, 2, 0, 0, 1, 2, 1),
            (json.GetProperty("read").GetInt32(), json.GetProperty("created").GetInt32(), json.GetProperty("changed").GetInt32(), json.GetProperty("unchanged").GetInt32(),
             json.GetProperty("rejected").GetInt32(), json.GetProperty("screened").GetInt32(), json.GetProperty("hits").GetInt32()));
        Assert.Equal(4, json.GetProperty("rejections")[0].GetProperty("line").GetInt32());
        Assert.Equal(["segment"], json.GetProperty("ignoredColumns").EnumerateArray().Select(c => c.GetString()));

        var show = cli.Run("subjects", "show", "k1", "--json");
        Assert.Equal(0, show.Exit);
        var screening = JsonDocument.Parse(show.Out).RootElement.GetProperty("screenings")[0];
        Assert.Equal("alert", screening.GetProperty("outcome").GetString());
        Assert.Equal("un-sc:QDi.372", screening.GetProperty("hits")[0].GetProperty("recordIds")[0].GetString());
        Assert.Equal("un-sc", screening.GetProperty("run").GetProperty("snapshots")[0].GetProperty("source").GetString());
        Assert.Contains("un-sc snapshot", cli.Run("subjects", "show", "k1").Out, StringComparison.Ordinal);

        Assert.Equal(0, cli.Run("subjects", "delete", "k1").Exit);
        Assert.Equal(3, cli.Run("subjects", "delete", "k1").Exit);
        Assert.Contains("\"change\": \"deleted\"", cli.Run("subjects", "show", "k1", "--json").Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_input_and_a_store_without_lists_end_in_one_line_and_an_exit_code()
    {
        var cli = new CliRunner();
        var file = CustomerFile("id,name\nk1,Anna Schmidt\n");

        var noStore = cli.Run("subjects", "import", file);
        Assert.Equal(2, noStore.Exit);
        Assert.StartsWith("vigil: error: no store at", noStore.Error, StringComparison.Ordinal);
        VigilStore.Open(cli.Db, StoreAccess.CreateIfMissing);
        var noLists = cli.Run("subjects", "import", file);
        Assert.Equal(VigilCommand.NoLists, noLists.Exit);
        Assert.StartsWith("vigil: error: no lists in", noLists.Error, StringComparison.Ordinal);

        Assert.Equal(0, cli.Run("import", TestData.Path("un/consolidated.xml")).Exit);
        var missing = cli.Run("subjects", "import", file + ".missing");
        Assert.Equal(2, missing.Exit);
        var header = cli.Run("subjects", "import", CustomerFile("who,what\n1,2\n"));
        Assert.Equal(2, header.Exit);
        Assert.Contains("the header needs an id column", header.Error, StringComparison.Ordinal);
        Assert.Equal(2, cli.Run("subjects", "import", file, "--profile", "lenient").Exit);
        Assert.Equal(3, cli.Run("subjects", "show", "nobody").Exit);
        Assert.DoesNotContain("   at ", string.Concat(noStore.Error, noLists.Error, missing.Error, header.Error), StringComparison.Ordinal);
    }
}
