using System.Text.Json;
using Vigil.Core.Screening;
using Vigil.Core.Storage;
using Vigil.Matching;
using Vigil.Matching.Screening;
using Vigil.Tests.Cli;
using Vigil.Tests.Storage;

namespace Vigil.Tests.Matching;

/// <summary>Screening against real imported lists: the UN list and the UK list, merged through the UK's quoted UN reference.</summary>
public class ScreeningCorpusTests
{
    private static readonly Lazy<(string Db, ScreeningCorpus Corpus)> UnAndUk = new(() =>
    {
        var db = StoreFactory.NewSqliteSpec();
        var store = VigilStore.Open(db);
        store.Import(TestData.Path("un/consolidated.xml"));
        store.Import(TestData.Path("uk/ConList.xlsx"));
        return (db, ScreeningCorpus.Load(store));
    });

    private static ScreeningCorpus Corpus => UnAndUk.Value.Corpus;

    [Theory]
    [InlineData("Гулмурод Ҳалимов")]
    [InlineData("HALIMOV GULMUROD")]
    [InlineData("Khalimov, Gulmurod Salimovich")]
    [InlineData("Gulmurod Khalimov")]
    public void Khalimov_in_any_spelling_puts_the_merged_UN_and_UK_entity_on_top(string name)
    {
        var top = Corpus.Screen(new ScreeningQuery(name, PartyKind.Person), new MatchOptions())[0];
        Assert.Equal("un-sc:QDi.372", top.Entity.Id);
        Assert.Equal(["un-sc:QDi.372", "gb-hmt:13313"], top.Entity.Referents);
        Assert.True(top.Match, $"{name}: {top.Score}");
    }

    [Fact]
    public void A_sum_over_1_says_it_was_capped_and_a_sum_under_1_does_not()
    {
        var capped = Corpus.Screen(new ScreeningQuery("Gulmurod Khalimov", PartyKind.Person, "1975-05-14", "tj"), new MatchOptions())[0];
        var plain = Corpus.Screen(new ScreeningQuery("Gulmurod Khalimov", PartyKind.Person), new MatchOptions())[0];

        Assert.Equal(1, capped.Score);
        Assert.Matches(@"= 1\.00 \(1\.\d+ capped at 1\.00\) ≥ 0\.\d+$", capped.Explanation.Arithmetic);
        Assert.DoesNotContain("capped", plain.Explanation.Arithmetic, StringComparison.Ordinal);
    }

    [Fact]
    public void A_matching_date_of_birth_raises_the_score_and_a_conflicting_one_lowers_it()
    {
        // A spelling that scores below 1 on the name alone, so a bonus can show.
        var plain = Top("Gulmurod Halimov", null);
        var same = Top("Gulmurod Halimov", "1975-05-14");
        var other = Top("Gulmurod Halimov", "1990-01-01");
        Assert.True(plain.Score < 1, $"{plain.Score}");
        Assert.True(same.Score > plain.Score);
        Assert.True(other.Score < plain.Score);
        Assert.Contains(same.Explanation.Qualifiers, q => q is { Qualifier: "birthDate", Finding: "same day" });
        Assert.Contains(other.Explanation.Qualifiers, q => q is { Qualifier: "birthDate", Finding: "different date of birth" });
    }

    [Fact]
    public void An_identical_identifier_alerts_whatever_the_name()
    {
        // Floribert Ngabu Njabu's passport (UN CDi.021), written differently, with a name that shares nothing with his.
        var byName = Corpus.Screen(new ScreeningQuery("Nobody Atall", PartyKind.Person), new MatchOptions());
        var byPassport = Corpus.Screen(new ScreeningQuery("Nobody Atall", PartyKind.Person, Identifier: "ob-0243318"), new MatchOptions());
        Assert.DoesNotContain(byName, h => h.Match);
        var hit = Assert.Single(byPassport);
        Assert.Equal("un-sc:CDi.021", hit.Entity.Id);
        Assert.True(hit.Match);
        Assert.Contains(hit.Explanation.Qualifiers, q => q is { Qualifier: "identifier", Listed: "OB 0243318" });
    }

    [Fact]
    public void The_same_query_gives_byte_identical_explanations()
    {
        var a = JsonSerializer.Serialize(Corpus.Screen(new ScreeningQuery("Гулмурод Ҳалимов"), new MatchOptions()).Select(BatchScreening.ToJson), ExplanationJson.Options);
        var b = JsonSerializer.Serialize(Corpus.Screen(new ScreeningQuery("Гулмурод Ҳалимов"), new MatchOptions()).Select(BatchScreening.ToJson), ExplanationJson.Options);
        Assert.Equal(a, b);
        Assert.Contains("\"arithmetic\"", a, StringComparison.Ordinal);
    }

    [Fact]
    public void Screen_command_batch_writes_one_json_line_per_query_in_input_order()
    {
        var cli = new CliRunner();
        cli.Run("import", TestData.Path("un/consolidated.xml"));
        var input = Path.Combine(Path.GetTempPath(), "vigil-tests", $"customers-{Guid.NewGuid():N}.csv");
        var output = Path.ChangeExtension(input, ".jsonl");
        File.WriteAllText(input, "query_id,name,dob,country,schema\nc1,Гулмурод Ҳалимов,1975,tj,Person\nc2,Patricia Lucas Wheeler,2002-07-14,,Person\nc3,\"KHALIMOV, Gulmurod\",,,\n");

        var (exit, _, error) = cli.Run("screen", "--input", input, "--output", output);

        Assert.True(exit == 0, error);
        var lines = File.ReadAllLines(output).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["c1", "c2", "c3"], lines.Select(l => l.GetProperty("query_id").GetString()));
        var first = lines[0].GetProperty("results")[0];
        Assert.Equal("un-sc:QDi.372", first.GetProperty("id").GetString());
        Assert.True(first.GetProperty("match").GetBoolean());
        Assert.DoesNotContain(lines[1].GetProperty("results").EnumerateArray(), r => r.GetProperty("match").GetBoolean());
        Assert.Equal("un-sc:QDi.372", lines[2].GetProperty("results")[0].GetProperty("id").GetString());
    }

    private static ScreeningHit Top(string name, string? dob) =>
        Corpus.Screen(new ScreeningQuery(name, PartyKind.Person, dob), new MatchOptions { Cutoff = 0 })[0];
}
