using System.Diagnostics;
using Vigil.Core.Screening;
using Vigil.Core.Storage;
using Vigil.Core.Workflow.Monitoring;

namespace Vigil.Core.Workflow;

/// <summary>
/// Monitoring: does the queued work (list snapshots imported, link decisions, requests for a full re-screen) against
/// one corpus, re-screening the monitored subjects each piece can affect at their current versions, with the alert
/// rules applied as each batch is recorded, then raises delisting alerts for confirmed matches whose records left
/// every list. Work on a snapshot the corpus does not hold yet waits for a corpus that does.
/// </summary>
public sealed class SubjectMonitor(VigilStore store, ScreeningCorpus corpus, string actor)
{
    /// <summary>Subjects per transaction.</summary>
    public const int BatchSize = 500;

    private readonly EntityFingerprints _fingerprints = new(store, corpus);

    /// <summary>Changes the planned subjects before they are screened: only for the test that proves a broken plan is caught.</summary>
    internal Func<IReadOnlyList<long>, IReadOnlyList<long>>? PlanFilter { get; init; }

    /// <summary>The queued work this corpus can do: list snapshots it holds (or older), and every other kind.</summary>
    public async Task<IReadOnlyList<MonitorWork>> ReadyWorkAsync(CancellationToken cancellationToken = default)
    {
        var held = corpus.Snapshots.ToDictionary(s => s.Source, s => s.Snapshot, StringComparer.Ordinal);
        return [.. (await store.PendingMonitorWorkAsync(cancellationToken)).Where(w =>
            w.Trigger != MonitorTrigger.ListDelta || (w.Source is { } source && held.TryGetValue(source, out var snapshot) && snapshot >= w.ToSnapshot))];
    }

    /// <summary>
    /// Does the ready work; with <paramref name="full"/> every monitored subject is screened whatever is queued.
    /// A dry run counts the subjects it would screen and writes nothing.
    /// </summary>
    public async Task<MonitorReport> RunAsync(bool full = false, bool dryRun = false, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        if (!corpus.HasLists)
        {
            throw new InvalidOperationException("no list is imported, so subjects cannot be screened: import a list first (vigil import FILE)");
        }
        if (full && !dryRun)
        {
            // Queued like any other work, so that the history of full re-screens is in one place.
            await store.QueueMonitorAsync(MonitorTrigger.FullRescreen, cancellationToken: cancellationToken);
        }
        var work = await ReadyWorkAsync(cancellationToken);
        full |= work.Any(w => w.Trigger == MonitorTrigger.FullRescreen);
        var kind = full ? ScreeningKind.FullRescreen
            : work.Any(w => w.Trigger == MonitorTrigger.ListDelta) ? ScreeningKind.ListDelta
            : ScreeningKind.CrossLink;
        var status = await store.MonitorStatusAsync(cancellationToken);
        (IReadOnlyList<long> Subjects, double? Margin, long? Mark)? plan = full ? null : await AffectedAsync(work, cancellationToken);
        var only = plan is { } p && PlanFilter is { } filter ? filter(p.Subjects) : plan?.Subjects;
        var total = only?.Count ?? status.MonitoredSubjects;
        if (dryRun || (!full && work.Count == 0))
        {
            return new MonitorReport(kind, [.. work.Select(w => w.Id)], status.MonitoredSubjects, total, 0, 0, 0, [], dryRun, clock.Elapsed);
        }

        var runs = new Dictionary<string, long>(StringComparer.Ordinal);
        long screened = 0, hits = 0, alerts = 0;
        long after = 0;
        var remaining = only;
        while (true)
        {
            IReadOnlyList<MonitoredSubject> batch;
            if (remaining is null)
            {
                batch = await store.MonitoredSubjectsAsync(after, BatchSize, null, cancellationToken);
            }
            else
            {
                var ids = remaining.Take(BatchSize).ToList();
                remaining = [.. remaining.Skip(BatchSize)];
                batch = ids.Count == 0 ? [] : await store.MonitoredSubjectsAsync(0, BatchSize, ids, cancellationToken);
            }
            if (batch.Count == 0 && (remaining is null || remaining.Count == 0))
            {
                break;
            }
            after = batch.Count > 0 ? batch[^1].Id : after;
            var screenings = new SubjectScreening[batch.Count];
            Parallel.For(0, batch.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
                screenings[i] = SubjectScreener.Screen(corpus, batch[i].Fields, ScreeningConfiguration.For(batch[i].Profile)));
            foreach (var group in Enumerable.Range(0, batch.Count).GroupBy(i => batch[i].Profile, StringComparer.Ordinal))
            {
                if (!runs.TryGetValue(group.Key, out var run))
                {
                    runs[group.Key] = run = await store.StartRunAsync(kind, actor, ScreeningConfiguration.For(group.Key), corpus, cancellationToken);
                }
                var records = new List<MonitoredScreening>();
                foreach (var i in group)
                {
                    records.Add(new MonitoredScreening(batch[i].Id, batch[i].Version, batch[i].InputHash, await _fingerprints.FingerprintAsync(screenings[i], cancellationToken)));
                }
                foreach (var outcome in await store.RecordScreeningsAsync(run, records, actor, cancellationToken))
                {
                    if (outcome is not null)
                    {
                        screened++;
                        hits += outcome.Outcome == ScreeningOutcome.NoHit ? 0 : 1;
                        alerts += outcome.RaisedAlerts.Count;
                    }
                }
            }
            progress?.Report(total == 0 ? 1 : Math.Min(1, (double)screened / total));
        }
        var delistings = await store.RaiseDelistingsAsync([.. corpus.Snapshots.Select(s => s.Snapshot)], actor, cancellationToken);
        foreach (var run in runs.Values)
        {
            await store.FinishRunAsync(run, cancellationToken);
        }
        var workIds = work.Select(w => w.Id).ToList();
        await store.FinishMonitorWorkAsync(workIds, runs.Values.Cast<long?>().FirstOrDefault(), (int)screened, (int)(alerts + delistings.Count), plan?.Margin, plan?.Mark, cancellationToken);
        progress?.Report(1);
        return new MonitorReport(kind, workIds, status.MonitoredSubjects, screened, hits, alerts + delistings.Count, delistings.Count, [.. runs.Values], DryRun: false, clock.Elapsed);
    }

    /// <summary>
    /// Queues a full re-screen when none has finished within <paramref name="every"/> (the safety net behind the
    /// delta runs) and none is queued; true when it did.
    /// </summary>
    public static async Task<bool> ScheduleFullRescreenAsync(VigilStore store, TimeSpan every, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var status = await store.MonitorStatusAsync(cancellationToken);
        if (status.Pending.Any(w => w.Trigger == MonitorTrigger.FullRescreen) || status.MonitoredSubjects == 0)
        {
            return false;
        }
        // Due `every` after the last full re-screen, or, before the first, after the oldest monitored subject arrived.
        var last = await store.LastFinishedMonitorWorkAsync(MonitorTrigger.FullRescreen, cancellationToken);
        if ((last?.FinishedAt ?? status.MonitoredSince) is { } since && DateTimeOffset.Parse(since, System.Globalization.CultureInfo.InvariantCulture) > now - every)
        {
            return false;
        }
        await store.QueueMonitorAsync(MonitorTrigger.FullRescreen, cancellationToken: cancellationToken);
        return true;
    }

    /// <summary>
    /// The subjects the queued work can affect, in id order, with the score margin of the list changes' plan and its
    /// screening mark (see <see cref="DeltaPlan"/>), which the work records when it finishes.
    /// </summary>
    private async Task<(IReadOnlyList<long> Subjects, double? Margin, long? Mark)> AffectedAsync(IReadOnlyList<MonitorWork> work, CancellationToken cancellationToken)
    {
        var subjects = new SortedSet<long>();
        var links = work.Where(w => w.Trigger == MonitorTrigger.CrossLink).SelectMany(w => w.Records).Distinct(StringComparer.Ordinal).ToList();
        if (links.Count > 0)
        {
            subjects.UnionWith((await DeltaPlan.ForLinksAsync(store, corpus, links, cancellationToken)).Subjects);
        }
        var lists = work.Where(w => w.Trigger == MonitorTrigger.ListDelta).ToList();
        if (lists.Count == 0)
        {
            return ([.. subjects], null, null);
        }
        // The lists as they were before the earliest queued snapshot of each source changed, against the lists now.
        var earliest = lists.GroupBy(w => w.Source!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.MinBy(w => w.Id)!.FromSnapshot, StringComparer.Ordinal);
        var before = corpus.Snapshots
            .Select(s => earliest.TryGetValue(s.Source, out var from) ? from : s.Snapshot)
            .OfType<long>()
            .ToList();
        var plan = await DeltaPlan.ComputeAsync(store, await ScreeningCorpus.LoadSnapshotsAsync(store, before, cancellationToken), corpus, cancellationToken);
        subjects.UnionWith(plan.Subjects);
        return ([.. subjects], plan.ScoreMargin, plan.ScreeningMark);
    }
}
