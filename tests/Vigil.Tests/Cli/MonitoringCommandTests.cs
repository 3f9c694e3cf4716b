using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using Vigil.Core.Storage;
using Vigil.Tests.Parts;
using Vigil.Tests.Storage;

namespace Vigil.Tests.Cli;

/// <summary>
/// The monitoring workflow from the command line, on SQLite and PostgreSQL alike: a customer file with two
/// Khalimov-like customers among ordinary ones, both alert; one confirmed, one cleared; reworded remarks alert nobody;
/// an alias added to QDi.372 re-alerts the cleared customer alone, and <c>vigil alerts show</c> names the alias. In CI
/// against the UN list and 2,002 customers; the literal scenario of issue 16 (every shared list, linked across lists
/// as imports link them, and 10,002 customers) runs when asked for, as it takes minutes.
/// </summary>
public abstract class MonitoringCommandTests(StoreKind kind)
{
    private static readonly string[] Given = ["Anna", "Peter", "Maria", "Jan", "Sophie", "Lukas", "Emma", "Paul", "Lea", "Felix", "Clara", "Jonas", "Marie", "Tom", "Julia", "Ben", "Laura", "Max", "Nina", "Erik"];
    private static readonly string[] Family = ["Schmidt", "Weber", "Fischer", "Wagner", "Becker", "Hoffmann", "Schulz", "Koch", "Richter", "Klein", "Wolf", "Neumann", "Schwarz", "Zimmermann", "Braun", "Hartmann", "Lange", "Krause", "Lehmann", "Huber"];

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    private static readonly string[] SharedLists =
        ["un/consolidated.xml", "ofac/sdn-csv-2024-05-03/sdn.csv", "uk/ConList.xlsx", "australia/regulation8_consolidated.xlsx", "eu/fsf-1_1-2022-03-18-TRUNCATED-first1044.xml", "canada/sema-lemss.xml"];

    /// <summary>400 ordinary customers a year of birth, and the two Khalimov-like ones.</summary>
    private static string CustomerFile(int years)
    {
        var path = StoreFactory.NewFilePath("customers", ".csv");
        using var file = new StreamWriter(path);
        file.WriteLine("id,name,dob,country");
        var row = 0;
        foreach (var year in Enumerable.Range(0, years).Select(y => 1950 + (y * 11 % 55)))
        {
            foreach (var given in Given)
            {
                foreach (var family in Family)
                {
                    file.WriteLine(string.Create(CultureInfo.InvariantCulture, $"c{++row},{given} {family},{year}-0{1 + row % 9}-1{row % 10},DE"));
                }
            }
        }
        file.WriteLine("k1,Halimov Gulmurod,14.05.1975,");
        file.WriteLine("k2,Gulmurod Khalimov,02.03.1991,DE");
        return path;
    }

    [Fact]
    public void A_cleared_customer_stays_quiet_on_reworded_remarks_and_alerts_again_alone_when_the_listing_gains_an_alias() =>
        Scenario(["un/consolidated.xml"], years: 5);

    [Fact(Explicit = true)]
    public void With_every_shared_list_and_ten_thousand_customers_a_cleared_customer_stays_quiet_on_reworded_remarks_and_alerts_again_alone_on_a_new_alias() =>
        Scenario(SharedLists, years: 25);

    private void Scenario(string[] lists, int years)
    {
        using var cli = new CliRunner(StoreFactory.NewSpec(kind));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var list in lists)
        {
            var import = cli.Run("import", TestData.Path(list));
            Assert.True(import.Exit == 0, import.Error);
        }
        // The imports' own monitoring work, with nobody to screen yet.
        Assert.Equal(0, cli.Run("monitor", "run").Exit);
        var log = new System.Text.StringBuilder();
        log.AppendLine(CultureInfo.InvariantCulture, $"{lists.Length} lists imported and linked in {clock.Elapsed.TotalSeconds:F1} s");

        clock.Restart();
        var imported = cli.Run("subjects", "import", CustomerFile(years), "--json");
        Assert.True(imported.Exit == 0, imported.Error);
        Assert.Equal((years * 400) + 2, Json(imported.Out).GetProperty("created").GetInt32());
        log.AppendLine(CultureInfo.InvariantCulture, $"{years * 400 + 2} customers imported and screened in {clock.Elapsed.TotalSeconds:F1} s: {imported.Out.Trim()}");
        var alerts = Json(cli.Run("alerts", "--json").Out).EnumerateArray().ToList();
        var k1 = alerts.Single(a => a.GetProperty("subject").GetString() == "k1");
        var k2 = alerts.Single(a => a.GetProperty("subject").GetString() == "k2");
        Assert.All(new[] { k1, k2 }, a => Assert.Contains("un-sc:QDi.372", a.GetProperty("records").EnumerateArray().Select(r => r.GetString())));
        Assert.Equal(Json(imported.Out).GetProperty("alerts").GetInt32(), alerts.Count);

        var confirm = cli.Run("decide", k1.GetProperty("id").ToString(), "--outcome", "true-match", "--reason", "other", "--note", "Name, date and place of birth agree.", "--four-eyes", "off");
        var clear = cli.Run("decide", k2.GetProperty("id").ToString(), "--outcome", "false-positive", "--reason", "dob-differs", "--note", "Born 1991 in Germany.", "--four-eyes", "off");
        Assert.True(confirm.Exit == 0 && clear.Exit == 0, confirm.Error + clear.Error);
        Assert.Contains("dob-differs", cli.Run("accept-list").Out, StringComparison.Ordinal);

        clock.Restart();
        cli.Run("import", UnListVariants.WriteWithKhalimov("un-remarks", "2099-01-01T00:00:00.000Z",
            k => k.Element("COMMENTS1")!.Value = "Military expert based in Syria; member and recruiter of ISIL."));
        var quiet = Json(cli.Run("monitor", "run", "--json").Out);
        Assert.Equal(("list_delta", 0), (quiet.GetProperty("kind").GetString(), quiet.GetProperty("alertsRaised").GetInt32()));
        Assert.Empty(Json(cli.Run("alerts", "--subject", "k2", "--json").Out).EnumerateArray());
        log.AppendLine(CultureInfo.InvariantCulture, $"reworded remarks: imported and monitored in {clock.Elapsed.TotalSeconds:F1} s, {quiet.GetProperty("screened")} customers re-screened, nothing alerts");

        clock.Restart();
        cli.Run("import", UnListVariants.WriteWithKhalimov("un-alias", "2099-02-01T00:00:00.000Z", k => k.Element("INDIVIDUAL_ALIAS")!.ReplaceWith(
            new XElement("INDIVIDUAL_ALIAS", new XElement("QUALITY", "Good"), new XElement("ALIAS_NAME", "Gulmurod Salimovich Khalimov")))));
        // With every list, the import's automatic linking may queue link work beside the list change.
        Assert.Contains(lists.Length == 1 ? "1 queued" : "queued", cli.Run("monitor", "status").Out, StringComparison.Ordinal);
        var changed = Json(cli.Run("monitor", "run", "--json").Out);
        log.AppendLine(CultureInfo.InvariantCulture, $"alias added: imported and monitored in {clock.Elapsed.TotalSeconds:F1} s, {changed.GetProperty("screened")} customers re-screened, {changed.GetProperty("alertsRaised")} alerts");

        var reReview = Assert.Single(Json(cli.Run("alerts", "--kind", "re-review", "--json").Out).EnumerateArray());
        Assert.Equal(("k2", "entity_changed"), (reReview.GetProperty("subject").GetString(), reReview.GetProperty("reasons")[0].GetString()));
        var shown = cli.Run("alerts", "show", reReview.GetProperty("id").ToString());
        Assert.Contains("un-sc:QDi.372 alias: + Gulmurod Salimovich Khalimov", shown.Out, StringComparison.Ordinal);
        Assert.Contains("Nothing queued", cli.Run("monitor", "status").Out, StringComparison.Ordinal);
        TestContext.Current.SendDiagnosticMessage(log.ToString());
    }
}

public sealed class SqliteMonitoringCommandTests() : MonitoringCommandTests(StoreKind.Sqlite);

[Needs(SystemPart.PostgreSql)]
public sealed class PostgresMonitoringCommandTests() : MonitoringCommandTests(StoreKind.Postgres);
