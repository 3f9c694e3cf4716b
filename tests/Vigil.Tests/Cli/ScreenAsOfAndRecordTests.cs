using System.Text.Json;
using Vigil.Core.Workflow;
using Vigil.Tests.Parts;
using Vigil.Tests.Storage;
using Vigil.Tests.Workflow;

namespace Vigil.Tests.Cli;

/// <summary>
/// <c>vigil screen NAME --as-of DATE</c> and <c>--record</c>, in-process, on SQLite and PostgreSQL alike, over UN
/// snapshots imported on known dates (the older one without Khalimov).
/// </summary>
public abstract class ScreenAsOfAndRecordTests(DatedUnSnapshots dated)
{
    private const string Khalimov = "un-sc:QDi.372";

    private (int Exit, string Out, string Error) Vigil(params string[] args) => new CliRunner(dated.Spec).Run(args);

    [Fact]
    public void As_of_a_date_the_screening_names_the_snapshots_of_then_and_finds_what_was_listed_then()
    {
        var then = Vigil("screen", "Gulmurod Khalimov", "--dob", "1975-05-14", "--as-of", "2024-05-31");
        var later = Vigil("screen", "Gulmurod Khalimov", "--dob", "1975-05-14", "--as-of", "2024-06-01");

        Assert.True(then.Exit == 0, then.Error);
        Assert.Contains("As of 2024-05-31T23:59:59.999Z: each list's latest snapshot imported by then; cross-list links in force then", then.Out, StringComparison.Ordinal);
        Assert.Contains($"un-sc  snapshot {dated.OlderSnapshot}  ", then.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(Khalimov, then.Out, StringComparison.Ordinal);
        Assert.True(later.Exit == 0, later.Error);
        Assert.Contains($"un-sc  snapshot {dated.NewerSnapshot}  ", later.Out, StringComparison.Ordinal);
        Assert.Contains(Khalimov, later.Out, StringComparison.Ordinal);

        var json = JsonDocument.Parse(Vigil("screen", "Gulmurod Khalimov", "--as-of", "2024-05-31", "--json").Out).RootElement;
        Assert.Equal("2024-05-31T23:59:59.999Z", json.GetProperty("asOf").GetProperty("at").GetString());
        Assert.Equal(dated.OlderSnapshot, json.GetProperty("lists")[0].GetProperty("snapshot").GetInt64());
        Assert.False(JsonDocument.Parse(Vigil("screen", "Gulmurod Khalimov", "--json").Out).RootElement.TryGetProperty("asOf", out _));
    }

    [Fact]
    public void As_of_a_date_before_any_import_is_refused_in_one_line()
    {
        var (exit, output, error) = Vigil("screen", "Gulmurod Khalimov", "--as-of", "2024-01-09");

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.StartsWith("vigil: error: --as-of 2024-01-09T23:59:59.999Z: no list had been imported into ", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains("(un-sc came later)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recorded_screening_prints_its_id_and_is_read_back_with_the_snapshot_set_it_ran_against()
    {
        var now = Vigil("screen", "Gulmurod Khalimov", "--dob", "1975-05-14", "--record", "--json");
        var then = Vigil("screen", "Gulmurod Khalimov", "--dob", "1975-05-14", "--record", "--as-of", "2024-05-31");

        Assert.True(now.Exit == 0, now.Error);
        var id = JsonDocument.Parse(now.Out).RootElement.GetProperty("screening").GetInt64();
        var recorded = (await dated.Store.GetScreeningAsync(id, TestContext.Current.CancellationToken))!;
        Assert.Equal((ScreeningKind.Cli, ScreeningOutcome.Hit, dated.NewerSnapshot), (recorded.Run.Kind, recorded.Outcome, recorded.Run.Snapshots.Single().Snapshot));
        Assert.StartsWith("cli:", recorded.Run.Actor, StringComparison.Ordinal);
        Assert.Contains(recorded.Hits, h => h.RecordIds.Contains(Khalimov));
        Assert.Equal(SubjectInputHash.Compute(new SubjectFields("LegalEntity", ["Gulmurod Khalimov"], ["1975-05-14"], [], [], [])), recorded.InputHash);

        Assert.True(then.Exit == 0, then.Error);
        var line = then.Out.Split('\n').Single(l => l.StartsWith("Recorded as screening ", StringComparison.Ordinal));
        var thenId = long.Parse(line.Split(' ')[3], System.Globalization.CultureInfo.InvariantCulture);
        var past = (await dated.Store.GetScreeningAsync(thenId, TestContext.Current.CancellationToken))!;
        Assert.Equal((ScreeningOutcome.NoHit, dated.OlderSnapshot), (past.Outcome, past.Run.Snapshots.Single().Snapshot));
    }

    [Fact]
    public void A_screening_the_store_cannot_record_ends_in_one_line_and_prints_no_results()
    {
        using (StoreRefusal.On(dated.Store, "screening_runs"))
        {
            var (exit, output, error) = Vigil("screen", "Gulmurod Khalimov", "--record");

            Assert.Equal(1, exit);
            Assert.Equal("", output);
            Assert.StartsWith("vigil: store error: ", error, StringComparison.Ordinal);
            Assert.Single(error.TrimEnd().Split('\n'));
        }
    }
}

public sealed class SqliteScreenAsOfAndRecordTests(SqliteDatedUnSnapshots dated) : ScreenAsOfAndRecordTests(dated), IClassFixture<SqliteDatedUnSnapshots>;

[Needs(SystemPart.PostgreSql)]
public sealed class PostgresScreenAsOfAndRecordTests(PostgresDatedUnSnapshots dated) : ScreenAsOfAndRecordTests(dated), IClassFixture<PostgresDatedUnSnapshots>;
