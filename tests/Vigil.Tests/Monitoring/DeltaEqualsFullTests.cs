using System.Globalization;
using System.Text;
using Vigil.Core.Screening;
using Vigil.Core.Storage;
using Vigil.Core.Workflow;
using Vigil.Matching.Screening;
using Vigil.Tests.Parts;
using Vigil.Tests.Storage;

namespace Vigil.Tests.Monitoring;

/// <summary>
/// Delta monitoring equals a full re-screen, on SQLite and PostgreSQL alike (see the two subclasses): two stores get
/// the same lists, subjects and analysts' decisions; rounds of random list edits are imported into both; one runs the
/// delta the import queued, the other a full re-screen; after each round both must hold the same alerts (subject, kind,
/// status, records, reasons), and the same decisions are taken in both on what opened.
/// </summary>
public abstract class DeltaEqualsFullTests
{
    private const int Rounds = 4;

    private readonly StoreKind _kind;

    protected DeltaEqualsFullTests(StoreKind kind) => _kind = kind;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>One fixed seed, and any given in VIGIL_DELTA_SEEDS (comma-separated) to search further.</summary>
    public static TheoryData<int> Seeds()
    {
        var seeds = new TheoryData<int>(1991_03_02);
        foreach (var seed in (Environment.GetEnvironmentVariable("VIGIL_DELTA_SEEDS") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            seeds.Add(int.Parse(seed, CultureInfo.InvariantCulture));
        }
        return seeds;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task After_random_list_edits_the_delta_raises_exactly_the_alerts_a_full_rescreen_raises(int seed)
    {
        var (differences, log) = await CompareAsync(seed, planFilter: null);
        Assert.True(differences.Count == 0, $"seed {seed}: the delta's alerts differ from the full re-screen's:\n{string.Join("\n", differences)}\n{log}");
        TestContext.Current.SendDiagnosticMessage($"seed {seed}\n{log}");
    }

    [Fact]
    public async Task A_plan_that_leaves_out_half_its_subjects_is_caught()
    {
        var (differences, log) = await CompareAsync(1991_03_02, planFilter: plan => [.. plan.Where(id => id % 2 == 0)]);
        Assert.True(differences.Count > 0, $"a plan missing half its subjects went unnoticed\n{log}");
    }

    private async Task<(List<string> Differences, string Log)> CompareAsync(int seed, Func<IReadOnlyList<long>, IReadOnlyList<long>>? planFilter)
    {
        var random = new Random(seed);
        var delta = VigilStore.Open(StoreFactory.NewSpec(_kind));
        var full = VigilStore.Open(StoreFactory.NewSpec(_kind));
        var un = TestData.Path("un/consolidated.xml");
        delta.Import(un, cancellationToken: Cancel);
        full.Import(un, cancellationToken: Cancel);
        var pool = ScreeningCorpus.Load(delta).Index.Subjects.Where(s => s.Names.Count > 0 && s.Names[0].Text.Length > 3).ToList();
        EditableList.Shuffle(pool, random);
        var list = new EditableList([.. pool.Take(250).Select((s, i) => EditableList.Row.From($"r{i}", s))]);
        var spare = new Queue<ScreeningSubject>(pool.Skip(250));
        var file = StoreFactory.NewFilePath("delta-list", ".csv");
        list.Write(file);
        delta.Import(file, cancellationToken: Cancel);
        full.Import(file, cancellationToken: Cancel);
        var inputs = EditableList.Subjects(list, pool, random);
        foreach (var store in new[] { delta, full })
        {
            var intake = new SubjectIntake(store, ScreeningCorpus.Load(store), "test:delta", "default");
            Assert.All(await intake.WriteAsync(inputs, Cancel), o => Assert.Null(o.Error));
            await intake.CompleteAsync(Cancel);
        }
        await DecideAlikeAsync(delta, full);

        var differences = new List<string>();
        var log = new StringBuilder();
        for (var round = 1; round <= Rounds && differences.Count == 0; round++)
        {
            var edits = list.Edit(random, spare, 1 + random.Next(6));
            list.Write(file);
            delta.Import(file, cancellationToken: Cancel);
            full.Import(file, cancellationToken: Cancel);
            var monitor = new SubjectMonitor(delta, ScreeningCorpus.Load(delta), "test:delta")
            {
                PlanFilter = planFilter,
            };
            var byDelta = await monitor.RunAsync(cancellationToken: Cancel);
            var byFull = await new SubjectMonitor(full, ScreeningCorpus.Load(full), "test:full").RunAsync(full: true, cancellationToken: Cancel);
            var deltaAlerts = await AlertsAsync(delta);
            var fullAlerts = await AlertsAsync(full);
            differences.AddRange(deltaAlerts.Except(fullAlerts).Select(a => $"round {round}, only after the delta: {a}"));
            differences.AddRange(fullAlerts.Except(deltaAlerts).Select(a => $"round {round}, only after the full re-screen: {a}"));
            log.AppendLine(CultureInfo.InvariantCulture,
                $"round {round}: {string.Join("; ", edits)} -> delta screened {byDelta.Screened} of {byDelta.MonitoredSubjects}, raised {byDelta.AlertsRaised}; full raised {byFull.AlertsRaised}; {fullAlerts.Count} alerts in all");
            await DecideAlikeAsync(delta, full);
        }
        return (differences, log.ToString());
    }

    /// <summary>Every alert as the comparison sees it: subject, kind, status, records and reasons.</summary>
    private static async Task<HashSet<string>> AlertsAsync(VigilStore store)
    {
        var alerts = new HashSet<string>(StringComparer.Ordinal);
        long? before = null;
        while (true)
        {
            var page = await store.ListAlertsAsync(new AlertQuery(Limit: AlertQuery.MaxLimit, Before: before), Cancel);
            foreach (var a in page)
            {
                alerts.Add($"{a.Subject} {WorkflowNames.Name(a.Kind)} {WorkflowNames.Name(a.Status)} [{string.Join(",", a.Records.Order(StringComparer.Ordinal))}] ({string.Join(",", a.Reasons.Select(r => WorkflowNames.Name(r)).Order(StringComparer.Ordinal))})");
            }
            if (page.Count < AlertQuery.MaxLimit)
            {
                return alerts;
            }
            before = page[^1].Id;
        }
    }

    /// <summary>
    /// The same decisions in both stores on the alerts open in both, by subject and records: every third cleared as a
    /// false positive, every third confirmed, the rest left open.
    /// </summary>
    private static async Task DecideAlikeAsync(VigilStore a, VigilStore b)
    {
        var openA = await OpenAsync(a);
        var openB = await OpenAsync(b);
        var i = 0;
        foreach (var (key, id) in openA.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            if (!openB.TryGetValue(key, out var other))
            {
                continue;
            }
            var request = (i++ % 3) switch
            {
                0 => new DecisionRequest(DecisionOutcome.FalsePositive, DecisionReason.NameOnly, "not the listed person"),
                1 => new DecisionRequest(DecisionOutcome.TrueMatch, DecisionReason.Other, "the listed person"),
                _ => null,
            };
            if (request is not null)
            {
                await a.DecideAsync(id, request, "test:analyst", FourEyesPolicy.Off, Cancel);
                await b.DecideAsync(other, request, "test:analyst", FourEyesPolicy.Off, Cancel);
            }
        }
    }

    private static async Task<Dictionary<string, long>> OpenAsync(VigilStore store)
    {
        var open = new Dictionary<string, long>(StringComparer.Ordinal);
        long? before = null;
        while (true)
        {
            var page = await store.ListAlertsAsync(new AlertQuery(OpenOnly: true, Limit: AlertQuery.MaxLimit, Before: before), Cancel);
            foreach (var a in page)
            {
                open[$"{a.Subject} {WorkflowNames.Name(a.Kind)} [{string.Join(",", a.Records.Order(StringComparer.Ordinal))}]"] = a.Id;
            }
            if (page.Count < AlertQuery.MaxLimit)
            {
                return open;
            }
            before = page[^1].Id;
        }
    }
}

public sealed class SqliteDeltaEqualsFullTests() : DeltaEqualsFullTests(StoreKind.Sqlite);

[Needs(SystemPart.PostgreSql)]
public sealed class PostgresDeltaEqualsFullTests() : DeltaEqualsFullTests(StoreKind.Postgres);
