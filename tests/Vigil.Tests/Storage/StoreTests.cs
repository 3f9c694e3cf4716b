using Dapper;
using Vigil.Core.Sources;
using Vigil.Core.Storage;
using Vigil.Tests.Parts;

namespace Vigil.Tests.Storage;

/// <summary>The store's behaviour, run against SQLite and PostgreSQL alike (see the two subclasses).</summary>
public abstract class StoreTests
{
    protected abstract StoreKind Kind { get; }

    private VigilStore NewStore() => VigilStore.Open(StoreFactory.NewSpec(Kind));

    [Fact]
    public void Opening_a_new_store_applies_every_migration_once()
    {
        var spec = StoreFactory.NewSpec(Kind);
        var store = VigilStore.Open(spec);
        Assert.Equal(Kind, store.Kind);
        var latest = store.SchemaVersion();
        Assert.True(latest >= 1);
        Assert.Equal(latest, VigilStore.Open(spec).SchemaVersion());
        using var connection = store.Connect();
        Assert.Equal(latest, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM schema_version"));
    }

    [Fact]
    public void Importing_the_UN_list_makes_one_snapshot_with_every_entity_and_its_publication_date()
    {
        var store = NewStore();
        var result = Import(store, TestData.Path("un/consolidated.xml"));
        Assert.Equal("un-sc", result.Source);
        Assert.Equal(1003, result.Entities);
        Assert.Equal(1003, result.Added);
        Assert.Equal("2026-02-27T00:00:09.554Z", result.Published);
        var snapshot = Assert.Single(Assert.Single(store.Lists()).Snapshots);
        Assert.Equal(1003, snapshot.Entities);
        Assert.Equal(result.Snapshot, snapshot.Id);
    }

    [Fact]
    public void Importing_an_identical_file_again_creates_no_new_snapshot()
    {
        var store = NewStore();
        var first = Import(store, TestData.Path("un/consolidated.xml"));
        var second = Import(store, TestData.Path("un/consolidated.xml"));
        Assert.True(second.Unchanged);
        Assert.Equal(first.Snapshot, second.Snapshot);
        Assert.Single(Assert.Single(store.Lists()).Snapshots);
    }

    [Fact]
    public void An_older_snapshot_then_the_current_one_gives_additions_removals_and_amendments()
    {
        var store = NewStore();
        var older = Import(store, UnListVariants.WriteOlderList());
        var current = Import(store, TestData.Path("un/consolidated.xml"));

        Assert.Equal((1, 1, 1), (current.Added, current.Removed, current.Changed));
        var diff = store.Diff("un-sc");
        Assert.Equal(older.Snapshot, diff.From);
        Assert.Equal(current.Snapshot, diff.To);
        Assert.Equal([UnListVariants.LaterListed], diff.Added);
        Assert.Equal([UnListVariants.LaterDelisted], diff.Removed);
        var change = Assert.Single(diff.Changed);
        Assert.Equal(UnListVariants.Amended, change.Id);
        var nationality = Assert.Single(change.Changes);
        Assert.Equal("nationality", nationality.Property);
        Assert.Equal(["Rwanda"], nationality.Before);
        Assert.Equal(["Democratic Republic of the Congo"], nationality.After);
    }

    [Fact]
    public void Aliases_published_in_another_order_are_no_amendment()
    {
        // The 2020 excerpt and the 2022 file list eu-fsf:5295 and eu-fsf:191 with the same aliases in another order.
        var store = NewStore();
        Import(store, TestData.Path("samples/eu-fsf-1_1-excerpt-2020-04-15.xml"));
        Import(store, TestData.Path("eu/fsf-1_1-2022-03-18-TRUNCATED-first1044.xml"));

        var diff = store.Diff("eu-fsf");
        Assert.DoesNotContain(diff.Changed, c => c.Id == "eu-fsf:5295");
        // 191 was designated again under a new act: that, and only that, is its amendment.
        var khalid = Assert.Single(diff.Changed, c => c.Id == "eu-fsf:191");
        Assert.Equal(["listingDate", "sourceUrl"], khalid.Changes.Select(c => c.Property));
    }

    [Fact]
    public void A_malformed_file_fails_and_leaves_the_store_exactly_as_before()
    {
        var store = NewStore();
        Import(store, TestData.Path("un/consolidated.xml"));
        var before = Counts(store);

        var e = Assert.Throws<ListFormatException>(() => Import(store, UnListVariants.WriteTruncatedList()));
        Assert.Contains("line", e.Location, StringComparison.Ordinal);
        Assert.Equal(before, Counts(store));
    }

    [Fact]
    public void An_id_given_to_two_different_records_fails_naming_both_and_merges_nobody()
    {
        var store = NewStore();
        var text = File.ReadAllText(TestData.Path("un/consolidated.xml"))
            .Replace("<REFERENCE_NUMBER>CDi.002</REFERENCE_NUMBER>", "<REFERENCE_NUMBER>CDi.001</REFERENCE_NUMBER>", StringComparison.Ordinal);
        var path = StoreFactory.NewFilePath("un-repeated-id", ".xml");
        File.WriteAllText(path, text);

        var e = Assert.Throws<ListFormatException>(() => Import(store, path));
        Assert.Equal(path, e.File);
        // Both records' elements, by line: CDi.001's INDIVIDUAL starts on line 4, the renumbered CDi.002's on line 41.
        Assert.Matches(@"line 4\b.* and .*line 4\d\b", e.Location);
        Assert.Contains("CDi.001", e.Problem, StringComparison.Ordinal);
        Assert.Empty(store.Lists());
    }

    [Fact]
    public void An_exact_repeat_of_a_record_folds_into_one()
    {
        var store = NewStore();
        var doc = System.Xml.Linq.XDocument.Load(TestData.Path("un/consolidated.xml"));
        var individuals = doc.Root!.Element("INDIVIDUALS")!;
        individuals.Add(new System.Xml.Linq.XElement(individuals.Elements("INDIVIDUAL").First()));
        var path = StoreFactory.NewFilePath("un-exact-repeat", ".xml");
        doc.Save(path);

        Assert.Equal(1003, Import(store, path).Entities);
    }

    [Fact]
    public void A_delisted_entry_is_still_shown_with_its_listing_history()
    {
        var store = NewStore();
        var older = Import(store, UnListVariants.WriteOlderList());
        var current = Import(store, TestData.Path("un/consolidated.xml"));

        var delisted = store.GetEntity(UnListVariants.LaterDelisted)!;
        var record = Assert.Single(delisted.Records);
        Assert.False(record.Listed);
        Assert.Equal(older.Snapshot, record.Snapshot.Id);
        var period = Assert.Single(record.History);
        Assert.Equal(current.Snapshot, period.RemovedIn!.Id);

        var asOfThen = store.GetEntity(UnListVariants.LaterDelisted, new DateOnly(2025, 12, 31))!;
        Assert.True(Assert.Single(asOfThen.Records).Listed);
        Assert.Null(store.GetEntity(UnListVariants.LaterListed, new DateOnly(2025, 12, 31)));
        Assert.NotNull(store.GetEntity(UnListVariants.LaterListed, new DateOnly(2026, 3, 1)));
    }

    [Fact]
    public void Khalimov_entity_has_every_value_with_its_source_and_snapshot()
    {
        var store = NewStore();
        var import = Import(store, TestData.Path("un/consolidated.xml"));
        var k = store.GetEntity("un-sc:QDi.372")!;
        Assert.Equal("un-sc:QDi.372", k.Id);
        Assert.Equal("GULMUROD KHALIMOV", k.Caption);
        Assert.Equal("Person", k.Schema);
        Assert.Contains(k.Statements, s => s is { Property: "birthDate", Value: "1975-05-14", Source: "un-sc:QDi.372" } && s.Snapshot == import.Snapshot);
        Assert.Contains(k.Statements, s => s is { Property: "birthDate", Value: "1975~", Original: "APPROXIMATELY 1975" });
        Assert.Equal(2, k.Statements.Count(s => s.Property == "birthPlace"));
        var designation = Assert.Single(k.Designations);
        Assert.Equal(("Al-Qaida", "2016-02-29"), (designation.Program, designation.ListedOn));
    }

    [Fact]
    public void Fetch_validators_and_quarantined_downloads_are_kept_until_resolved()
    {
        var store = NewStore();
        Assert.Equal((null, null), store.FetchState("https://example.test/list.xml"));
        store.SaveFetchState("https://example.test/list.xml", "\"abc\"", "Wed, 25 Nov 2026 10:00:00 GMT");
        store.SaveFetchState("https://example.test/list.xml", "\"def\"", null);
        Assert.Equal(("\"def\"", null), store.FetchState("https://example.test/list.xml"));

        var id = store.Quarantine("un-sc", "/tmp/x.xml", null, "would drop 30%");
        store.Quarantine("eu-fsf", "/tmp/y.xml", "eu-fsf-xml", "malformed");
        Assert.Equal(id, Assert.Single(store.PendingQuarantine("un-sc")).Id);
        Assert.Equal(2, store.PendingQuarantine().Count);
        store.ResolveQuarantine("un-sc", "accepted");
        Assert.Empty(store.PendingQuarantine("un-sc"));
        Assert.Single(store.PendingQuarantine());
    }

    protected static ImportResult Import(VigilStore store, string path) =>
        store.Import(path, cancellationToken: TestContext.Current.CancellationToken);

    private static (long Snapshots, long Records, long Statements, long Names) Counts(VigilStore store)
    {
        using var c = store.Connect();
        return (
            c.ExecuteScalar<long>("SELECT COUNT(*) FROM snapshots"),
            c.ExecuteScalar<long>("SELECT COUNT(*) FROM records"),
            c.ExecuteScalar<long>("SELECT COUNT(*) FROM statements"),
            c.ExecuteScalar<long>("SELECT COUNT(*) FROM names"));
    }
}

/// <summary>The store suite on the embedded default, a SQLite file.</summary>
public sealed class SqliteStoreTests : StoreTests
{
    protected override StoreKind Kind => StoreKind.Sqlite;
}

/// <summary>The store suite on PostgreSQL (VIGIL_TEST_POSTGRES; always run in CI).</summary>
[Needs(SystemPart.PostgreSql)]
public sealed class PostgresStoreTests : StoreTests
{
    protected override StoreKind Kind => StoreKind.Postgres;

    [Fact]
    public async Task A_snapshot_committed_after_one_with_a_higher_id_still_moves_the_screening_generation()
    {
        var store = VigilStore.Open(StoreFactory.NewSpec(Kind));
        var cancel = TestContext.Current.CancellationToken;
        using var holding = new SemaphoreSlim(0);
        using var release = new SemaphoreSlim(0);
        // The long import takes its snapshot id first, then waits before committing (its guard runs just before).
        var longImport = Task.Run(() => store.Import(TestData.Path("un/consolidated.xml"), guard: _ =>
        {
            holding.Release();
            return release.Wait(TimeSpan.FromSeconds(60)) ? null : "the test never released the import";
        }, cancellationToken: cancel), cancel);
        Assert.True(await holding.WaitAsync(TimeSpan.FromSeconds(60), cancel), "the long import never reached its commit");

        var shortImport = store.Import(TestData.Path("samples/eu-fsf-1_1-excerpt-2020-04-15.xml"), cancellationToken: cancel);
        var afterShort = store.ScreeningGeneration();
        release.Release();
        var late = await longImport.WaitAsync(TimeSpan.FromSeconds(60), cancel);

        Assert.True(late.Snapshot < shortImport.Snapshot, $"the long import holds snapshot {late.Snapshot}, the short one {shortImport.Snapshot}");
        Assert.NotEqual(afterShort, store.ScreeningGeneration());
    }

    [Fact]
    public void A_re_import_leaves_planner_statistics_that_count_the_new_snapshot()
    {
        // Statistics taken before the new snapshot (autovacuum after the first import) make the planner expect no
        // rows for it, which turned the diff's joins into nested loops over both snapshots (33 s, then a timeout).
        var store = VigilStore.Open(StoreFactory.NewSpec(Kind));
        Import(store, UnListVariants.WriteOlderList());
        using (var connection = store.Connect())
        {
            connection.Execute("ANALYZE records, statements");
        }
        var current = Import(store, TestData.Path("un/consolidated.xml"));
        Assert.Equal((1, 1, 1), (current.Added, current.Removed, current.Changed));

        using var check = store.Connect();
        var actual = check.ExecuteScalar<long>("SELECT COUNT(*) FROM statements WHERE snapshot_id = @s", new { s = current.Snapshot });
        var plan = check.ExecuteScalar<string>($"EXPLAIN (FORMAT JSON) SELECT * FROM statements WHERE snapshot_id = {current.Snapshot}")!;
        var estimate = System.Text.Json.JsonDocument.Parse(plan).RootElement[0].GetProperty("Plan").GetProperty("Plan Rows").GetDouble();
        Assert.InRange(estimate, actual / 2.0, actual * 2.0);
    }

    [Fact]
    public async Task Two_concurrent_imports_of_one_file_make_one_snapshot()
    {
        var store = VigilStore.Open(StoreFactory.NewSpec(Kind));
        var cancel = TestContext.Current.CancellationToken;
        var file = TestData.Path("un/consolidated.xml");
        using var holding = new SemaphoreSlim(0);
        using var release = new SemaphoreSlim(0);
        var first = Task.Run(() => store.Import(file, guard: _ =>
        {
            holding.Release();
            return release.Wait(TimeSpan.FromSeconds(60)) ? null : "the test never released the import";
        }, cancellationToken: cancel), cancel);
        Assert.True(await holding.WaitAsync(TimeSpan.FromSeconds(60), cancel), "the first import never reached its commit");

        // The second import starts while the first holds its snapshot uncommitted, and is given time to get past its
        // check against the latest snapshot before the first commits.
        var second = Task.Run(() => store.Import(file, cancellationToken: cancel), cancel);
        await Task.WhenAny(second, Task.Delay(TimeSpan.FromSeconds(3), cancel));
        release.Release();
        var results = await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(60), cancel);

        Assert.Single(Assert.Single(store.Lists()).Snapshots);
        Assert.Equal(results[0].Snapshot, results[1].Snapshot);
        Assert.True(results[1].Unchanged);
    }
}
