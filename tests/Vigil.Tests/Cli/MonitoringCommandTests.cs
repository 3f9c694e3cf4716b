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
/// an alias added to QDi.372 re-alerts the cleared customer alone, and <c>vigil alerts show</c> names the alias.
/// </summary>
public abstract class MonitoringCommandTests(StoreKind kind)
{
    private static readonly string[] Given = ["Anna", "Peter", "Maria", "Jan", "Sophie", "Lukas", "Emma", "Paul", "Lea", "Felix", "Clara", "Jonas", "Marie", "Tom", "Julia", "Ben", "Laura", "Max", "Nina", "Erik"];
    private static readonly string[] Family = ["Schmidt", "Weber", "Fischer", "Wagner", "Becker", "Hoffmann", "Schulz", "Koch", "Richter", "Klein", "Wolf", "Neumann", "Schwarz", "Zimmermann", "Braun", "Hartmann", "Lange", "Krause", "Lehmann", "Huber"];

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    private static string CustomerFile()
    {
        var path = StoreFactory.NewFilePath("customers", ".csv");
        using var file = new StreamWriter(path);
        file.WriteLine("id,name,dob,country");
        var row = 0;
        foreach (var year in new[] { 1961, 1972, 1983, 1994, 2001 })
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
    public void A_cleared_customer_stays_quiet_on_reworded_remarks_and_alerts_again_alone_when_the_listing_gains_an_alias()
    {
        using var cli = new CliRunner(StoreFactory.NewSpec(kind));
        Assert.Equal(0, cli.Run("import", TestData.Path("un/consolidated.xml")).Exit);

        var imported = cli.Run("subjects", "import", CustomerFile(), "--json");
        Assert.True(imported.Exit == 0, imported.Error);
        Assert.Equal(2002, Json(imported.Out).GetProperty("created").GetInt32());
        var alerts = Json(cli.Run("alerts", "--json").Out).EnumerateArray().ToList();
        var k1 = alerts.Single(a => a.GetProperty("subject").GetString() == "k1");
        var k2 = alerts.Single(a => a.GetProperty("subject").GetString() == "k2");
        Assert.All(new[] { k1, k2 }, a => Assert.Equal("un-sc:QDi.372", a.GetProperty("records")[0].GetString()));
        Assert.Equal(Json(imported.Out).GetProperty("alerts").GetInt32(), alerts.Count);

        var confirm = cli.Run("decide", k1.GetProperty("id").ToString(), "--outcome", "true-match", "--reason", "other", "--note", "Name, date and place of birth agree.", "--four-eyes", "off");
        var clear = cli.Run("decide", k2.GetProperty("id").ToString(), "--outcome", "false-positive", "--reason", "dob-differs", "--note", "Born 1991 in Germany.", "--four-eyes", "off");
        Assert.True(confirm.Exit == 0 && clear.Exit == 0, confirm.Error + clear.Error);
        Assert.Contains("dob-differs", cli.Run("accept-list").Out, StringComparison.Ordinal);

        cli.Run("import", UnListVariants.WriteWithKhalimov("un-remarks", "2099-01-01T00:00:00.000Z",
            k => k.Element("COMMENTS1")!.Value = "Military expert based in Syria; member and recruiter of ISIL."));
        var quiet = Json(cli.Run("monitor", "run", "--json").Out);
        Assert.Equal(("list_delta", 0), (quiet.GetProperty("kind").GetString(), quiet.GetProperty("alertsRaised").GetInt32()));
        Assert.Empty(Json(cli.Run("alerts", "--subject", "k2", "--json").Out).EnumerateArray());

        cli.Run("import", UnListVariants.WriteWithKhalimov("un-alias", "2099-02-01T00:00:00.000Z", k => k.Element("INDIVIDUAL_ALIAS")!.ReplaceWith(
            new XElement("INDIVIDUAL_ALIAS", new XElement("QUALITY", "Good"), new XElement("ALIAS_NAME", "Gulmurod Salimovich Khalimov")))));
        Assert.Contains("1 queued", cli.Run("monitor", "status").Out, StringComparison.Ordinal);
        Assert.Equal(0, cli.Run("monitor", "run").Exit);

        var reReview = Assert.Single(Json(cli.Run("alerts", "--kind", "re-review", "--json").Out).EnumerateArray());
        Assert.Equal(("k2", "entity_changed"), (reReview.GetProperty("subject").GetString(), reReview.GetProperty("reasons")[0].GetString()));
        var shown = cli.Run("alerts", "show", reReview.GetProperty("id").ToString());
        Assert.Contains("un-sc:QDi.372 alias: + Gulmurod Salimovich Khalimov", shown.Out, StringComparison.Ordinal);
        Assert.Contains("Nothing queued", cli.Run("monitor", "status").Out, StringComparison.Ordinal);
    }
}

public sealed class SqliteMonitoringCommandTests() : MonitoringCommandTests(StoreKind.Sqlite);

[Needs(SystemPart.PostgreSql)]
public sealed class PostgresMonitoringCommandTests() : MonitoringCommandTests(StoreKind.Postgres);
