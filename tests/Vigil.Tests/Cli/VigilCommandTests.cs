using System.Diagnostics;
using System.Text.Json;
using Vigil.Cli;
using Vigil.Core.Storage;
using Vigil.Tests.Storage;

namespace Vigil.Tests.Cli;

public class VigilCommandTests
{
    [Fact]
    public void Import_json_reports_source_snapshot_publication_and_counts()
    {
        var cli = new CliRunner();
        var (exit, output, _) = cli.Run("import", TestData.Path("un/consolidated.xml"), "--json");
        Assert.Equal(0, exit);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("un-sc", json.GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.Number, json.GetProperty("snapshot").ValueKind);
        Assert.Equal("2026-02-27T00:00:09.554Z", json.GetProperty("published").GetString());
        Assert.Equal(1003, json.GetProperty("entities").GetInt32());
        Assert.Equal(1003, json.GetProperty("added").GetInt32());
        Assert.Equal(0, json.GetProperty("removed").GetInt32());
        Assert.Equal(0, json.GetProperty("changed").GetInt32());
    }

    [Fact]
    public void Import_of_a_file_in_no_known_format_exits_nonzero_naming_the_file()
    {
        var cli = new CliRunner();
        var path = Path.Combine(Path.GetTempPath(), "vigil-tests", $"garbage-{Guid.NewGuid():N}.bin");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, [0x00, 0xFF, 0x13, 0x37, 0x42]);
        var (exit, output, error) = cli.Run("import", path, "--json");
        Assert.NotEqual(0, exit);
        Assert.Contains(path, error, StringComparison.Ordinal);
        Assert.Equal("", output);
        Assert.Equal("[]", Normalize(cli.Run("lists", "--json").Out));
    }

    [Fact]
    public void Import_refuses_a_file_that_drops_most_of_a_list_unless_accept_shrink_is_given()
    {
        var cli = new CliRunner();
        cli.Run("import", TestData.Path("un/consolidated.xml"));
        var oneRecord = UnListVariants.WriteOneRecordList();

        var (exit, _, error) = cli.Run("import", oneRecord);

        Assert.Equal(4, exit);
        Assert.Contains("would drop", error, StringComparison.Ordinal);
        Assert.Contains("1003 -> 1", error, StringComparison.Ordinal);
        Assert.Contains("--accept-shrink", error, StringComparison.Ordinal);
        var snapshots = JsonDocument.Parse(cli.Run("lists", "--json").Out).RootElement[0].GetProperty("snapshots");
        Assert.Equal(1, snapshots.GetArrayLength());

        var (accepted, output, _) = cli.Run("import", oneRecord, "--accept-shrink", "--json");
        Assert.Equal(0, accepted);
        Assert.Equal(1002, JsonDocument.Parse(output).RootElement.GetProperty("removed").GetInt32());
    }

    [Fact]
    public void Import_of_an_OFAC_sdn_csv_cut_at_a_line_boundary_fails_as_truncated_and_keeps_the_store()
    {
        var cli = new CliRunner();
        cli.Run("import", TestData.Path("ofac/sdn-csv-2024-05-03/sdn.csv"));
        var lines = File.ReadAllLines(TestData.Path("ofac/sdn-csv-2024-05-03/sdn.csv"), System.Text.Encoding.Latin1);
        // Cut where the kept share stays above the shrink guard's, so only the missing end marker can catch it.
        var cut = StoreFactory.NewFilePath("sdn", ".csv");
        var folder = Path.Combine(Path.GetDirectoryName(cut)!, $"sdn-cut-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var sdn = Path.Combine(folder, "sdn.csv");
        try
        {
            File.WriteAllText(sdn, string.Concat(lines.Take(lines.Length * 9 / 10).Select(l => l + "\r\n")), System.Text.Encoding.Latin1);

            var (exit, _, error) = cli.Run("import", sdn);

            Assert.Equal(VigilCommand.BadInput, exit);
            Assert.Contains(sdn, error, StringComparison.Ordinal);
            Assert.Contains("0x1A", error, StringComparison.Ordinal);
            var snapshots = JsonDocument.Parse(cli.Run("lists", "--json").Out).RootElement[0].GetProperty("snapshots");
            Assert.Equal(1, snapshots.GetArrayLength());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Entity_json_shows_referents_names_designations_and_sourced_statements()
    {
        var cli = new CliRunner();
        cli.Run("import", TestData.Path("un/consolidated.xml"));
        var (exit, output, _) = cli.Run("entity", "un-sc:QDi.372", "--json");
        Assert.Equal(0, exit);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("un-sc:QDi.372", json.GetProperty("id").GetString());
        Assert.Equal(["un-sc:QDi.372"], json.GetProperty("referents").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains(json.GetProperty("names").EnumerateArray(), n => n.GetProperty("name").GetString() == "GULMUROD KHALIMOV");
        Assert.Contains(json.GetProperty("designations").EnumerateArray(), d => d.GetProperty("listedOn").GetString() == "2016-02-29");
        var birthDates = json.GetProperty("statements").EnumerateArray()
            .Where(s => s.GetProperty("property").GetString() == "birthDate")
            .Select(s => s.GetProperty("value").GetString())
            .ToList();
        Assert.Equal(["1975-05-14", "1975~"], birthDates);
    }

    [Fact]
    public void Entity_that_no_snapshot_holds_exits_with_not_found()
    {
        var cli = new CliRunner();
        cli.Run("import", TestData.Path("un/consolidated.xml"));
        var (exit, _, error) = cli.Run("entity", "un-sc:QDi.000");
        Assert.Equal(3, exit);
        Assert.Contains("un-sc:QDi.000", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_json_lists_added_removed_and_changed_with_before_and_after()
    {
        var cli = new CliRunner();
        cli.Run("import", UnListVariants.WriteOlderList());
        cli.Run("import", TestData.Path("un/consolidated.xml"));
        var (exit, output, _) = cli.Run("diff", "un-sc", "--json");
        Assert.Equal(0, exit);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal([UnListVariants.LaterListed], json.GetProperty("added").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([UnListVariants.LaterDelisted], json.GetProperty("removed").EnumerateArray().Select(e => e.GetString()));
        var changed = Assert.Single(json.GetProperty("changed").EnumerateArray());
        Assert.Equal(UnListVariants.Amended, changed.GetProperty("id").GetString());
        var change = Assert.Single(changed.GetProperty("changes").EnumerateArray());
        Assert.Equal("nationality", change.GetProperty("property").GetString());
        Assert.Equal("Rwanda", change.GetProperty("before")[0].GetString());
        Assert.Equal("Democratic Republic of the Congo", change.GetProperty("after")[0].GetString());
    }

    [Fact]
    public void Lists_json_shows_each_snapshot_with_published_date_import_time_and_count()
    {
        var cli = new CliRunner();
        cli.Run("import", UnListVariants.WriteOlderList());
        cli.Run("import", TestData.Path("un/consolidated.xml"));
        var json = JsonDocument.Parse(cli.Run("lists", "--json").Out).RootElement;
        var source = Assert.Single(json.EnumerateArray());
        Assert.Equal("un-sc", source.GetProperty("source").GetString());
        var snapshots = source.GetProperty("snapshots").EnumerateArray().ToList();
        Assert.Equal(["2025-06-01T00:00:00.000Z", "2026-02-27T00:00:09.554Z"], snapshots.Select(s => s.GetProperty("published").GetString()));
        Assert.Equal([1003, 1003], snapshots.Select(s => s.GetProperty("entities").GetInt32()));
        // Local output: the full path of the file imported, where the server gives only its name.
        Assert.Equal(TestData.Path("un/consolidated.xml"), snapshots[1].GetProperty("origin").GetString());
        Assert.All(snapshots, s => Assert.True(DateTimeOffset.TryParse(s.GetProperty("imported").GetString(), out _)));
    }

    [Fact]
    public void An_import_killed_midway_leaves_either_the_whole_snapshot_or_nothing()
    {
        var db = StoreFactory.NewSqliteSpec();
        var vigil = Path.Combine(AppContext.BaseDirectory, "vigil.dll");
        // A large list so that the kill lands while rows are being written.
        var start = new ProcessStartInfo("dotnet", ["exec", vigil, "import", TestData.Path("un/consolidated.xml"), "--db", db, "--json"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var deadline = Stopwatch.StartNew();
        while (!File.Exists(db + "-wal") && !process.HasExited && deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            Thread.Sleep(5);
        }
        Thread.Sleep(Random.Shared.Next(0, 150));
        process.Kill(entireProcessTree: true);
        process.WaitForExit(10_000);

        var lists = VigilStore.Open(db).Lists();
        var snapshots = lists.SelectMany(l => l.Snapshots).ToList();
        Assert.True(snapshots.Count == 0 || snapshots.Single().Entities == 1003, $"half an import is visible: {snapshots.Count} snapshots");
        var entity = VigilStore.Open(db).GetEntity("un-sc:QDi.372");
        Assert.Equal(snapshots.Count == 1, entity is not null);
    }

    private static string Normalize(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);
}
