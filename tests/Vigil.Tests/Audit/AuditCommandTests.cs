using System.Text.Json;
using Dapper;
using Vigil.Core.Storage;
using Vigil.Tests.Cli;
using Vigil.Tests.Parts;
using Vigil.Tests.Storage;

namespace Vigil.Tests.Audit;

/// <summary>
/// The audit trail as a new user meets it, on each store: a customer file screened against the UN list, an alert
/// cleared, the customer's evidence bundle proven and checked offline, then broken by one edit; the log verified,
/// then one byte of one row changed in the database and named by <c>vigil audit verify</c>.
/// </summary>
public abstract class AuditCommandTests(StoreKind kind)
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    private static string File(string extension, string? content = null)
    {
        var path = StoreFactory.NewFilePath("audit", extension);
        if (content is not null)
        {
            System.IO.File.WriteAllText(path, content);
        }
        return path;
    }

    [Fact]
    public void A_cleared_alert_is_proven_offline_and_one_changed_byte_in_the_log_is_named()
    {
        using var cli = new CliRunner(StoreFactory.NewSpec(kind));
        var key = File(".pem");
        Assert.Equal(0, cli.Run("import", TestData.Path("un/consolidated.xml")).Exit);
        var customers = File(".csv", "customer_id,full_name,date_of_birth,nationality\nk1,Halimov Gulmurod,14.05.1975,\nk2,Anna Schmidt,1980,DE\n=2+3,Anna Schmidt,1981,DE\n");
        Assert.Equal(0, cli.Run("subjects", "import", customers).Exit);
        var alert = Json(cli.Run("alerts", "--json").Out).EnumerateArray().Single(a => a.GetProperty("subject").GetString() == "k1");
        var decided = cli.Run("decide", alert.GetProperty("id").ToString(), "--outcome", "false-positive", "--reason", "dob-differs", "--note", "Born 1991 in Germany.", "--four-eyes", "off");
        Assert.True(decided.Exit == 0, decided.Error);

        var verified = cli.Run("audit", "verify", "--audit-key", key);
        Assert.Equal(2, verified.Exit);
        Assert.Contains("no audit key", verified.Error, StringComparison.Ordinal);
        Assert.Equal(0, cli.Run("audit", "checkpoint", "--audit-key", key).Exit);
        verified = cli.Run("audit", "verify", "--audit-key", key);
        Assert.True(verified.Exit == 0, verified.Error);
        Assert.StartsWith("verified: ", verified.Out, StringComparison.Ordinal);

        var bundle = File(".json");
        var proved = cli.Run("audit", "prove", "--subject", "k1", "--at", DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "--output", bundle, "--audit-key", key);
        Assert.True(proved.Exit == 0, proved.Error);
        var publicKey = File(".pem");
        Assert.Equal(0, cli.Run("audit", "key", "--output", publicKey, "--audit-key", key).Exit);
        var evidence = Json(System.IO.File.ReadAllText(bundle));
        var kinds = evidence.GetProperty("entries").EnumerateArray().Select(e => Json(e.GetProperty("canonical").GetString()!).GetProperty("kind").GetString()).ToList();
        Assert.Equal(["subject_created", "alert_created", "screening_run_sealed", "decision_approved", "alert_closed"], kinds);
        Assert.Single(evidence.GetProperty("screenings").EnumerateArray());
        Assert.Contains("--as-of", evidence.GetProperty("rescreen")[0].GetString(), StringComparison.Ordinal);

        var offline = cli.Run("audit", "check-proof", bundle, "--key", publicKey);
        Assert.True(offline.Exit == 0, offline.Error);
        Assert.StartsWith("verified: 5 audit entries and 1 screenings of k1", offline.Out, StringComparison.Ordinal);
        System.IO.File.WriteAllText(bundle, System.IO.File.ReadAllText(bundle).Replace("Born 1991 in Germany.", "Born 1992 in Germany.", StringComparison.Ordinal));
        var broken = cli.Run("audit", "check-proof", bundle, "--key", publicKey);
        Assert.Equal(4, broken.Exit);
        Assert.Contains("payload does not match", broken.Error, StringComparison.Ordinal);

        var csv = cli.Run("audit", "export", "--format", "csv", "--subject", "=2+3");
        Assert.Equal(0, csv.Exit);
        Assert.Contains(",'=2+3,", csv.Out, StringComparison.Ordinal);
        var decision = Json(cli.Run("audit", "export", "--subject", "k1").Out.Split('\n')[2]);
        Assert.Equal("decision_approved", decision.GetProperty("kind").GetString());
        var seq = decision.GetProperty("seq").GetInt64();

        using (var connection = VigilStore.Open(cli.Db, StoreAccess.Existing).Connect())
        {
            connection.Execute(kind == StoreKind.Sqlite ? "DROP TRIGGER audit_log_refuse_update" : "DROP TRIGGER audit_log_refuse ON audit_log");
            connection.Execute("UPDATE audit_log SET time = REPLACE(time, 'Z', 'z') WHERE seq = @seq", new { seq });
        }
        var tampered = cli.Run("audit", "verify", "--key", publicKey);
        Assert.Equal(4, tampered.Exit);
        Assert.Equal($"vigil audit verify: TAMPERED: entry {seq} was edited: its content no longer matches its leaf hash", tampered.Error.Trim());
    }
}

public sealed class SqliteAuditCommandTests() : AuditCommandTests(StoreKind.Sqlite);

[Needs(SystemPart.PostgreSql)]
public sealed class PostgresAuditCommandTests() : AuditCommandTests(StoreKind.Postgres);
