using System.Data.Common;
using Dapper;
using Vigil.Core.Screening;
using Vigil.Core.Workflow;
using Vigil.Matching;
using Vigil.Matching.Screening;
using Vigil.Tests.Parts;
using Vigil.Tests.Storage;

namespace Vigil.Tests.Workflow;

/// <summary>
/// Screening against the lists as they stood at a past date, and ad-hoc screenings recorded and read back by id, on
/// SQLite and PostgreSQL alike (see the two subclasses), over UN snapshots imported on known dates.
/// </summary>
public abstract class RecordedScreeningTests(DatedUnSnapshots dated)
{
    private const string Khalimov = "un-sc:QDi.372";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static DateTimeOffset At(string text) => CorpusAsOf.ParseTime(text) ?? throw new FormatException(text);

    [Fact]
    public async Task As_of_a_date_each_list_is_its_latest_snapshot_imported_by_the_end_of_that_day()
    {
        var before = await ScreeningCorpus.LoadAsOfAsync(dated.Store, At("2024-01-09"), Cancel);
        var older = await ScreeningCorpus.LoadAsOfAsync(dated.Store, At("2024-05-31"), Cancel);
        // Imported at 08:00 on 2024-06-01: a date means the end of that day, so it counts.
        var newer = await ScreeningCorpus.LoadAsOfAsync(dated.Store, At("2024-06-01"), Cancel);
        var justBefore = await ScreeningCorpus.LoadAsOfAsync(dated.Store, At("2024-06-01T07:59:59Z"), Cancel);

        Assert.False(before.HasLists);
        Assert.Equal(["un-sc"], before.AsOf!.NotYetImported);
        Assert.Equal([dated.OlderSnapshot], older.Snapshots.Select(s => s.Snapshot));
        Assert.Empty(older.AsOf!.NotYetImported);
        Assert.Null(older.CanonicalId(Khalimov));
        Assert.Equal([dated.OlderSnapshot], justBefore.Snapshots.Select(s => s.Snapshot));
        Assert.Equal([dated.NewerSnapshot], newer.Snapshots.Select(s => s.Snapshot));
        Assert.Equal(Khalimov, newer.CanonicalId(Khalimov));
        var then = older.Screen(new ScreeningQuery("Gulmurod Khalimov", PartyKind.Person, "1975-05-14"), MatchOptions.Profile("default"));
        Assert.DoesNotContain(then, h => h.Match && h.Entity.Referents.Contains(Khalimov));
    }

    [Fact]
    public async Task As_of_a_date_cross_list_links_are_those_in_force_then()
    {
        var beforeLink = await ScreeningCorpus.LoadAsOfAsync(dated.Store, At("2024-02-29"), Cancel);
        var linked = await ScreeningCorpus.LoadAsOfAsync(dated.Store, At("2024-03-01T12:00:00Z"), Cancel);
        var retracted = await ScreeningCorpus.LoadAsOfAsync(dated.Store, At("2024-05-01"), Cancel);

        Assert.NotEqual(beforeLink.CanonicalId(DatedUnSnapshots.LinkedLeft), beforeLink.CanonicalId(DatedUnSnapshots.LinkedRight));
        Assert.Equal(linked.CanonicalId(DatedUnSnapshots.LinkedLeft), linked.CanonicalId(DatedUnSnapshots.LinkedRight));
        Assert.NotEqual(retracted.CanonicalId(DatedUnSnapshots.LinkedLeft), retracted.CanonicalId(DatedUnSnapshots.LinkedRight));
    }

    [Fact]
    public async Task Ad_hoc_screenings_are_recorded_in_one_run_with_its_snapshot_set_and_read_back_by_id()
    {
        var corpus = await ScreeningCorpus.LoadAsync(dated.Store, Cancel);
        var configuration = ScreeningConfiguration.For("kyc");
        var hit = SubjectScreener.Summarise(corpus.Screen(new ScreeningQuery("Gulmurod Khalimov", PartyKind.Person, "1975-05-14"), configuration.Options));
        var miss = SubjectScreener.Summarise(corpus.Screen(new ScreeningQuery("Zzyzx Qwertyuiop", PartyKind.Person), configuration.Options));
        var hash = SubjectInputHash.Compute(new SubjectFields("Person", ["Gulmurod Khalimov"], ["1975-05-14"], [], [], []));

        var ids = await dated.Store.RecordAdHocAsync(ScreeningKind.Api, "test:api", configuration, corpus.Snapshots,
            [new AdHocScreening(hash, hit), new AdHocScreening(new string('0', 64), miss)], Cancel);

        Assert.Equal(2, ids.Count);
        var first = (await dated.Store.GetScreeningAsync(ids[0], Cancel))!;
        Assert.Equal((null, null, hash, ScreeningOutcome.Hit), (first.Subject, first.SubjectVersion, first.InputHash, first.Outcome));
        Assert.Contains(first.Hits, h => h.RecordIds.Contains(Khalimov));
        Assert.Equal(hit.TopScore, first.TopScore);
        var run = first.Run;
        Assert.Equal((ScreeningKind.Api, "test:api", "kyc", configuration.Options.Threshold, configuration.MatcherVersion, configuration.Hash, 2, 1),
            (run.Kind, run.Actor, run.Profile, run.Threshold, run.MatcherVersion, run.ConfigurationHash, run.Screened, run.Hits));
        Assert.NotNull(run.FinishedAt);
        var snapshot = Assert.Single(run.Snapshots);
        Assert.Equal(("un-sc", dated.NewerSnapshot), (snapshot.Source, snapshot.Snapshot));
        Assert.NotNull(snapshot.Published);
        Assert.Matches("^[0-9a-f]{64}$", snapshot.ContentHash);

        var second = (await dated.Store.GetScreeningAsync(ids[1], Cancel))!;
        Assert.Equal((ScreeningOutcome.NoHit, run.Id), (second.Outcome, second.Run.Id));
        Assert.Empty(second.Hits);
        Assert.Null(await dated.Store.GetScreeningAsync(ids[1] + 1000, Cancel));
    }

    [Fact]
    public async Task A_store_that_refuses_a_write_records_no_part_of_the_run()
    {
        var corpus = await ScreeningCorpus.LoadAsync(dated.Store, Cancel);
        var hit = SubjectScreener.Summarise(corpus.Screen(new ScreeningQuery("Gulmurod Khalimov", PartyKind.Person, "1975-05-14"), MatchOptions.Profile("default")));
        using var connection = dated.Store.Connect();
        var runs = connection.ExecuteScalar<long>("SELECT COUNT(*) FROM screening_runs");

        using (StoreRefusal.On(dated.Store, "screening_hits"))
        {
            await Assert.ThrowsAnyAsync<DbException>(() => dated.Store.RecordAdHocAsync(ScreeningKind.Api, "test:api", ScreeningConfiguration.For(null), corpus.Snapshots,
                [new AdHocScreening(new string('1', 64), hit)], Cancel));
        }

        Assert.Equal(runs, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM screening_runs"));
    }
}

public sealed class SqliteRecordedScreeningTests(SqliteDatedUnSnapshots dated) : RecordedScreeningTests(dated), IClassFixture<SqliteDatedUnSnapshots>;

[Needs(SystemPart.PostgreSql)]
public sealed class PostgresRecordedScreeningTests(PostgresDatedUnSnapshots dated) : RecordedScreeningTests(dated), IClassFixture<PostgresDatedUnSnapshots>;
