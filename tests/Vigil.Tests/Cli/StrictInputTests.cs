using System.Text.Json;
using Vigil.Cli;
using Vigil.Core.Storage;

namespace Vigil.Tests.Cli;

/// <summary>Every value Vigil cannot interpret is refused in one line, in the user's terms, with exit code 2; nothing is silently read as something else.</summary>
public class StrictInputTests(ImportedStore store) : IClassFixture<ImportedStore>
{
    public static TheoryData<string[], string> BadInputs() => new()
    {
        { ["screen", "Gulmurod Halimov", "--schema", "Banana"], "--schema: 'Banana' is not one of Person, Organization, Vessel, Aircraft" },
        { ["screen", "Gulmurod Halimov", "--threshold", "7"], "--threshold: '7' is not a score between 0 and 1" },
        { ["screen", "Gulmurod Halimov", "--threshold", "high"], "--threshold: 'high' is not a score" },
        { ["screen", "Gulmurod Halimov", "--threshold", "NaN"], "--threshold: 'NaN' is not a score between 0 and 1" },
        { ["screen", "Gulmurod Halimov", "--threshold", "Infinity"], "--threshold: 'Infinity' is not a score between 0 and 1" },
        { ["screen", "Gulmurod Halimov", "--threshold", "-Infinity"], "--threshold: '-Infinity' is not a score between 0 and 1" },
        { ["score-pairs", "pairs.csv", "--threshold", "NaN"], "--threshold: 'NaN' is not a score between 0 and 1" },
        { ["screen", ""], "the name is empty" },
        { ["screen", "   "], "the name is empty" },
        { ["screen", "Gulmurod Halimov", "--limit", "-1"], "--limit: '-1' is not a whole number from 1" },
        { ["screen", "Gulmurod Halimov", "--limit", "0"], "--limit: '0' is not a whole number from 1" },
        { ["screen", "Gulmurod Halimov", "--profile", "strict"], "--profile: 'strict' is not one of default, kyc, payments" },
        { ["screen", "Gulmurod Halimov", "--dob", "1975-02-30"], "dob '1975-02-30' is not a date" },
        { ["screen", "Gulmurod Halimov", "--dob", "yesterday"], "dob 'yesterday' is not a date" },
        { ["screen", "Gulmurod Halimov", "--output", "out.jsonl"], "--output goes with --input" },
        { ["screen", "Gulmurod Halimov", "--input", "in.csv"], "either a name or --input" },
        { ["screen"], "give a name to screen" },
        { ["diff", "un-sc", "--from", "abc"], "--from: 'abc' is not a snapshot id" },
        { ["diff", "un-sc", "--to", "-3"], "--to: '-3' is not a snapshot id" },
        { ["entity", "un-sc:QDi.372", "--as-of", "2020-13-01"], "--as-of: '2020-13-01' is not a date" },
        { ["score-pairs", "pairs.csv", "--threshold", "1.5"], "--threshold: '1.5' is not a score between 0 and 1" },
        { ["update", "--timeout", "0"], "--timeout: '0' is not a whole number from 1" },
        { ["update", "--source", "un-sc-typo"], "--source: 'un-sc-typo' is not in the catalog" },
        { ["serve", "--update-every", "often"], "--update-every: 'often' is not a duration" },
        { ["serve", "--max-list-age", "2 days"], "--max-list-age: '2 days' is not a duration" },
        { ["serve", "--max-list-age", "=24h"], "--max-list-age: '=24h' names no source" },
        { ["serve", "--catalog", "c.json"], "--catalog and --downloads go with --update-every" },
        { ["xref", "--by", " "], "--by: the value is empty" },
        { ["import", "list.xml", "--format", "nope"], "--format: 'nope' is not one of un-sc-xml" },
        { ["frobnicate"], "'frobnicate' is not a vigil command; the commands are import, lists" },
        { [], "give a command: import, lists" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void A_value_vigil_cannot_interpret_is_one_line_naming_it_with_exit_code_2(string[] args, string message)
    {
        var (exit, output, error) = store.Run(args);

        Assert.Equal(VigilCommand.BadInput, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
        Assert.DoesNotContain("System.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("No candidates", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_country_vigil_cannot_read_is_screened_without_it_and_named_in_the_explanation()
    {
        var (exit, output, error) = store.Run("screen", "Gulmurod Halimov", "--country", "Atlantis");

        Assert.True(exit == 0, error);
        Assert.Contains("un-sc:QDi.372", output, StringComparison.Ordinal);
        Assert.Contains("query country 'Atlantis'", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Xref_refuses_to_link_ids_no_list_holds_and_records_nothing()
    {
        var (exit, output, error) = store.Run("xref", "--accept", "un-sc:NOPE", "us-ofac-sdn:NOPE");

        Assert.Equal(VigilCommand.NotFound, exit);
        Assert.DoesNotContain("linked", output, StringComparison.Ordinal);
        Assert.Contains("un-sc:NOPE", error, StringComparison.Ordinal);
        Assert.Empty(VigilStore.Open(store.Db, StoreAccess.Existing).Decisions());
    }

    [Fact]
    public void Screen_json_writes_enums_as_names_and_the_snapshot_set_it_used()
    {
        var (exit, output, error) = store.Run("screen", "Gulmurod Halimov", "--schema", "person", "--json");

        Assert.True(exit == 0, error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("Person", json.GetProperty("query").GetProperty("kind").GetString());
        var list = Assert.Single(json.GetProperty("lists").EnumerateArray());
        Assert.Equal("un-sc", list.GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.Number, list.GetProperty("snapshot").ValueKind);
        Assert.Equal("2026-02-27T00:00:09.554Z", list.GetProperty("published").GetString());
        Assert.True(list.GetProperty("imported").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddDays(-1));
        Assert.Equal("un-sc:QDi.372", json.GetProperty("results")[0].GetProperty("id").GetString());
        var enums = Values(json).Where(p => p.Key is "kind" or "method" or "effect" or "finding" or "qualifier").ToList();
        Assert.NotEmpty(enums);
        Assert.All(enums, p => Assert.Equal(JsonValueKind.String, p.Value.ValueKind));
    }

    [Fact]
    public void Screen_text_names_each_list_snapshot_with_its_publication_date()
    {
        var (exit, output, error) = store.Run("screen", "Gulmurod Halimov");

        Assert.True(exit == 0, error);
        Assert.Matches(@"un-sc  snapshot \d+  published 2026-02-27T00:00:09.554Z  imported \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", output);
        Assert.Contains("un-sc:QDi.372", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Tables_written_to_a_file_keep_each_row_whole_on_one_tab_separated_line()
    {
        var (exit, output, error) = store.Run("lists");

        Assert.True(exit == 0, error);
        var lines = output.TrimEnd().Split('\n');
        Assert.Equal("source\tsnapshot\tpublished\timported\tentities\tformat", lines[0]);
        var cells = Assert.Single(lines[1..]).Split('\t');
        Assert.Equal("un-sc", cells[0]);
        Assert.Equal("2026-02-27T00:00:09.554Z", cells[2]);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", cells[3]);

        var screen = store.Run("screen", "Gulmurod Halimov").Out.Split('\n');
        var header = Array.FindIndex(screen, l => l.StartsWith("score\t", StringComparison.Ordinal));
        Assert.True(header > 0, string.Join('\n', screen));
        Assert.StartsWith("un-sc:QDi.372", screen[header + 1].Split('\t')[2], StringComparison.Ordinal);
        Assert.Equal(6, screen[header + 1].Split('\t').Length);
    }

    private static IEnumerable<KeyValuePair<string, JsonElement>> Values(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Values(p.Value).Prepend(new(p.Name, p.Value))),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Values),
        _ => [],
    };
}
