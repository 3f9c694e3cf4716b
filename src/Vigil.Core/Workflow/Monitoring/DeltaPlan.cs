using System.Diagnostics;
using Vigil.Core.Screening;
using Vigil.Core.Sources;
using Vigil.Core.Storage;
using Vigil.Matching.Screening;

namespace Vigil.Core.Workflow.Monitoring;

/// <summary>
/// The monitored subjects a list change can affect, worked out from the snapshot diff without screening anyone: the
/// subjects holding a candidate key that the names of a changed entity (as it was and as it is) meet, and the subjects
/// whose latest screening holds a hit on a removed or changed record. Re-screening exactly these against the new
/// lists gives every subject the candidates and entity facts a full re-screen would; see
/// <see cref="RarityShift"/> for the one corpus-wide input that a key cannot follow.
/// </summary>
/// <param name="Subjects">The subject ids to re-screen, ascending.</param>
/// <param name="SelectedByKey">Subjects holding a key a changed entity's names meet.</param>
/// <param name="SelectedByHit">Subjects whose latest screening hits a removed or changed record.</param>
/// <param name="MonitoredSubjects">Monitored subjects in the store: the size of a full re-screen.</param>
/// <param name="RecordsTouched">Records added, removed or changed in the diffs.</param>
/// <param name="EntitiesChanged">Entity versions (before and after) whose screened facts differ: names, kind, dates, countries, identifiers, records.</param>
/// <param name="ListedKeys">Candidate keys of those entities' names and identifiers.</param>
/// <param name="KeysMet">Subject keys those listed keys meet (spellings within the symmetric-delete distance, the rest equal).</param>
/// <param name="RarityShift">
/// The largest relative change of a token weight that no changed name carries (<see cref="Matching.Scoring.TokenRarity.LargestShift"/>).
/// Token weights are inverse document frequencies over all listed names, so adding or removing any name moves every
/// weight a little, and with it every score by about as much. 0 means the plan is exactly the set a full re-screen
/// could change; above 0, a subject outside the plan whose score lies within about this fraction of a band edge may
/// still cross it, which only a full re-screen sees.
/// </param>
/// <param name="KeysFilled">Monitored subjects that had no keys yet (written before the key table existed) and got them first.</param>
/// <param name="Elapsed">From the diffs in hand to the plan.</param>
public sealed record DeltaPlan(
    IReadOnlyList<long> Subjects,
    int SelectedByKey,
    int SelectedByHit,
    long MonitoredSubjects,
    int RecordsTouched,
    int EntitiesChanged,
    int ListedKeys,
    int KeysMet,
    double RarityShift,
    int KeysFilled,
    TimeSpan Elapsed)
{
    /// <summary>
    /// The plan for the change from <paramref name="before"/> to <paramref name="after"/> (corpora loaded before and
    /// after an import): every source whose snapshot differs is diffed in the store.
    /// </summary>
    public static Task<DeltaPlan> ComputeAsync(VigilStore store, ScreeningCorpus before, ScreeningCorpus after, CancellationToken cancellationToken = default)
    {
        var was = before.Snapshots.ToDictionary(s => s.Source, s => s.Snapshot, StringComparer.Ordinal);
        var diffs = new List<DiffResult>();
        using (var connection = store.Connect())
        {
            foreach (var snapshot in after.Snapshots)
            {
                // A source new to the lists is diffed from nothing: all of it is added.
                long? from = was.Remove(snapshot.Source, out var id) ? id : null;
                if (from != snapshot.Snapshot)
                {
                    diffs.Add(SnapshotDiff.Compute(connection, snapshot.Source, from, snapshot.Snapshot));
                }
            }
        }
        // A source gone from the lists altogether: every record of it was removed.
        var removed = before.Index.Subjects.SelectMany(s => before.Entity(s.Id).Referents).Where(r => was.ContainsKey(SourceIds.SourceOf(r)))
            .ToHashSet(StringComparer.Ordinal);
        return ComputeAsync(store, before, after, diffs, removed, cancellationToken);
    }

    /// <summary>The plan for <paramref name="diffs"/> (see <see cref="VigilStore.Diff"/>), between the corpora they lead from and to.</summary>
    public static Task<DeltaPlan> ComputeAsync(VigilStore store, ScreeningCorpus before, ScreeningCorpus after, IReadOnlyList<DiffResult> diffs, CancellationToken cancellationToken = default) =>
        ComputeAsync(store, before, after, diffs, [], cancellationToken);

    private static async Task<DeltaPlan> ComputeAsync(VigilStore store, ScreeningCorpus before, ScreeningCorpus after, IReadOnlyList<DiffResult> diffs, HashSet<string> removedRecords, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        // A subject without keys would never be planned: none may be left out silently.
        var filled = await store.FillSubjectKeysAsync(cancellationToken);
        var added = diffs.SelectMany(d => d.Added);
        var removedOrChanged = diffs.SelectMany(d => d.Removed).Concat(diffs.SelectMany(d => d.Changed.Select(c => c.Id))).Concat(removedRecords)
            .ToHashSet(StringComparer.Ordinal);
        var touched = removedOrChanged.Concat(added).ToHashSet(StringComparer.Ordinal);

        // Each touched record's entity as it was and as it is (links may have merged it with records of other lists):
        // where screening sees the two alike, nothing a subject is screened against has changed.
        var beforeSubjects = before.Index.Subjects.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var afterSubjects = after.Index.Subjects.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var entities = touched.SelectMany(r => new[] { before.CanonicalId(r), after.CanonicalId(r) }).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var changed = new List<ScreeningSubject>();
        foreach (var id in entities)
        {
            var was = beforeSubjects.GetValueOrDefault(id);
            var now = afterSubjects.GetValueOrDefault(id);
            if (was is not null && now is not null && SameScreening(was, now) && before.Entity(id).Referents.SequenceEqual(after.Entity(id).Referents))
            {
                continue;
            }
            changed.AddRange(new[] { was, now }.OfType<ScreeningSubject>());
        }

        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var subject in changed)
        {
            foreach (var name in subject.Names)
            {
                listed.UnionWith(CandidateKeys.OfListed(name.Text, subject.Kind));
            }
            listed.UnionWith(subject.Identifiers.Select(CandidateKeys.OfIdentifier).OfType<string>());
        }
        var met = listed.Count == 0 ? new HashSet<string>() : CandidateKeys.Meeting(listed, await store.SubjectSpellingKeysAsync(cancellationToken));
        var byKey = await store.SubjectsHoldingKeysAsync([.. met], cancellationToken);
        var byHit = await store.SubjectsHitOnRecordsAsync(removedOrChanged, cancellationToken);
        var monitored = await store.MonitoredSubjectCountAsync(cancellationToken);
        var subjects = byKey.Union(byHit).Order().ToList();
        return new DeltaPlan(subjects, byKey.Count, byHit.Count, monitored, touched.Count, changed.Count, listed.Count, met.Count,
            before.Index.Rarity.LargestShift(after.Index.Rarity), filled, clock.Elapsed);
    }

    /// <summary>Whether screening sees the two versions of an entity alike: the same kind, names, dates, countries and identifiers.</summary>
    private static bool SameScreening(ScreeningSubject a, ScreeningSubject b) =>
        a.Kind == b.Kind
        && a.Names.SequenceEqual(b.Names)
        && a.BirthDates.SequenceEqual(b.BirthDates, StringComparer.Ordinal)
        && a.Countries.SequenceEqual(b.Countries, StringComparer.Ordinal)
        && a.UnreadCountries.SequenceEqual(b.UnreadCountries, StringComparer.Ordinal)
        && a.Identifiers.SequenceEqual(b.Identifiers, StringComparer.Ordinal);
}
