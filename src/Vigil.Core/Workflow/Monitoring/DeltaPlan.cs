using System.Diagnostics;
using Vigil.Core.Screening;
using Vigil.Core.Sources;
using Vigil.Core.Storage;
using Vigil.Matching.Screening;

namespace Vigil.Core.Workflow.Monitoring;

/// <summary>
/// The monitored subjects whose alerts a list change (or a link decision) can change, worked out without screening
/// everyone. A subject's hits change only through an entity it is screened against, or through the token weights every
/// score uses; the plan follows both:
/// <list type="bullet">
/// <item>Changed entities: the entities of the records added, removed or changed, as they were and as they are, and
/// the entities whose names carry a token whose weight moved by more than <see cref="MovedTokenShift"/>. A subject
/// reaches one only through a candidate key its search looks up in that index (<see cref="ScreeningIndex.LookedKeys"/>:
/// a token too common to be walked reaches nothing) meeting one of the entity's; each subject so met is probed
/// against the entities it meets, in the corpus each version belongs to (<see cref="SubjectScreener.Probe"/>), and
/// kept when one could reach the threshold (within <see cref="ProbeMargin"/>), when one that changed held a place
/// among its candidates cut at the limit and the candidate next in line, which would take it, could (within the same
/// margin), or when its search looks up other keys before and after (a token crossed the common line).</item>
/// <item>Weights: every other token's weight moves by at most <see cref="RarityShift"/>, so every score against an
/// unchanged entity by at most <see cref="ScoreMargin"/>. The subjects whose latest recorded top score lies within that
/// margin, plus the margins of the earlier changes they were not re-screened for, of their threshold are kept: every
/// subject with a hit among them, so no hit can change band or leave unseen. A subject that carries a moved token
/// itself is kept when its latest screening has any result.</item>
/// <item>The subjects whose latest screening hits a removed or changed record, and those with no screening.</item>
/// </list>
/// The alerts a full re-screen raises are then the alerts the plan raises, with one exception the weekly full
/// re-screen catches: among more candidates than the limit, rough scores move with the weights too, which can reorder
/// candidates tied at the limit.
/// </summary>
/// <param name="Subjects">The subject ids to re-screen, ascending.</param>
/// <param name="SelectedByKey">Subjects kept after the probe among those holding a key a changed entity meets.</param>
/// <param name="SelectedByHit">Subjects whose latest screening hits a removed or changed record (or, for a link, touches its records).</param>
/// <param name="SelectedByScore">Subjects kept because a recorded score lies within the margin of their threshold, or because they carry a moved token.</param>
/// <param name="KeyHolders">Subjects holding a key a changed entity's keys meet, before the probe.</param>
/// <param name="MonitoredSubjects">Monitored subjects in the store: the size of a full re-screen.</param>
/// <param name="RecordsTouched">Records added, removed or changed in the diffs.</param>
/// <param name="EntitiesChanged">Entity versions (before and after) probed: changed facts, records or moved tokens.</param>
/// <param name="ListedKeys">Candidate keys of those entities' names and identifiers.</param>
/// <param name="KeysMet">Subject keys those listed keys meet (spellings within the symmetric-delete distance, the rest equal).</param>
/// <param name="RarityShift">The largest relative change of the weight of a token that did not move (see <see cref="Matching.Scoring.TokenRarity.Shifts"/>).</param>
/// <param name="TokensMoved">Tokens whose weight moved by more than <see cref="MovedTokenShift"/>.</param>
/// <param name="ScoreMargin">The most a score against an unchanged entity can move with the weights: 2δ/(1−δ) for δ = <paramref name="RarityShift"/> (a name score is a ratio of weighted sums; bonuses add and penalties scale), plus rounding.</param>
/// <param name="ScreeningMark">The latest screening id when the plan was made: a subject whose latest screening is at or before it and is not in the plan owes this plan's margin.</param>
/// <param name="KeysFilled">Monitored subjects that had no keys yet (written before the key table existed) and got them first.</param>
/// <param name="Elapsed">From the diffs in hand to the plan.</param>
public sealed record DeltaPlan(
    IReadOnlyList<long> Subjects,
    int SelectedByKey,
    int SelectedByHit,
    int SelectedByScore,
    int KeyHolders,
    long MonitoredSubjects,
    int RecordsTouched,
    int EntitiesChanged,
    int ListedKeys,
    int KeysMet,
    double RarityShift,
    int TokensMoved,
    double ScoreMargin,
    long ScreeningMark,
    int KeysFilled,
    TimeSpan Elapsed)
{
    /// <summary>
    /// A token whose weight moves by more than this (relative) is followed to the entities and subjects carrying it;
    /// every other token's move is bounded for all scores at once. Common tokens move far less (one name more among
    /// thousands); a token on a few names moves more and is carried by few.
    /// </summary>
    public const double MovedTokenShift = 0.005;

    /// <summary>
    /// Added to the score margin when a changed entity is probed: a weak alias over the threshold is capped 0.01 under it,
    /// so a probe scoring every name of an entity can see a capped alias where the search sees a better strong name.
    /// </summary>
    public const double ProbeMargin = 0.011;

    /// <summary>Subjects loaded and probed at a time.</summary>
    private const int ProbeBatch = 2000;

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

    /// <summary>
    /// The plan for a link added or retracted between <paramref name="records"/>: the subjects whose latest screening,
    /// open alerts or decisions touch them, and those the entities holding them now can reach (probed as for a list
    /// change; before a link an entity's names were split between the entities it joins, so the keys of the entity
    /// now meet every subject the entities before could reach, and after a retraction the entities now hold every name
    /// the joined one had). Token weights do not move with links.
    /// </summary>
    public static async Task<DeltaPlan> ForLinksAsync(VigilStore store, ScreeningCorpus corpus, IReadOnlyList<string> records, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var filled = await store.FillSubjectKeysAsync(cancellationToken);
        var mark = await store.LatestScreeningIdAsync(cancellationToken);
        var entities = records.Select(corpus.CanonicalId).OfType<string>().Distinct(StringComparer.Ordinal)
            .Select(id => corpus.Index.IndexOf(id)).OfType<int>().Select(i => corpus.Index.Subjects[i]).ToList();
        var probe = await ProbeAsync(store, [new Side(corpus, entities, Indexes(corpus, entities))], cancellationToken);
        var touching = (await store.SubjectsTouchingAsync(records, cancellationToken)).ToHashSet();
        var subjects = probe.Selected.Union(touching).Order().ToList();
        return new DeltaPlan(subjects, probe.Selected.Count, touching.Count, 0, probe.Holders, await store.MonitoredSubjectCountAsync(cancellationToken), records.Count,
            entities.Count, probe.ListedKeys, probe.KeysMet, 0, 0, 0, mark, filled, clock.Elapsed);
    }

    private static async Task<DeltaPlan> ComputeAsync(VigilStore store, ScreeningCorpus before, ScreeningCorpus after, IReadOnlyList<DiffResult> diffs, HashSet<string> removedRecords, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        // A subject without keys would never be planned: none may be left out silently.
        var filled = await store.FillSubjectKeysAsync(cancellationToken);
        var mark = await store.LatestScreeningIdAsync(cancellationToken);
        var added = diffs.SelectMany(d => d.Added);
        var removedOrChanged = diffs.SelectMany(d => d.Removed).Concat(diffs.SelectMany(d => d.Changed.Select(c => c.Id))).Concat(removedRecords)
            .ToHashSet(StringComparer.Ordinal);
        var touched = removedOrChanged.Concat(added).ToHashSet(StringComparer.Ordinal);

        // Each touched record's entity as it was and as it is (links may have merged it with records of other lists):
        // where screening sees the two alike, nothing a subject is screened against has changed.
        var beforeSubjects = before.Index.Subjects.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var afterSubjects = after.Index.Subjects.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var entities = touched.SelectMany(r => new[] { before.CanonicalId(r), after.CanonicalId(r) }).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var was = new Dictionary<string, ScreeningSubject>(StringComparer.Ordinal);
        var now = new Dictionary<string, ScreeningSubject>(StringComparer.Ordinal);
        foreach (var id in entities)
        {
            var w = beforeSubjects.GetValueOrDefault(id);
            var n = afterSubjects.GetValueOrDefault(id);
            if (w is not null && n is not null && SameScreening(w, n) && before.Entity(id).Referents.SequenceEqual(after.Entity(id).Referents))
            {
                continue;
            }
            if (w is not null)
            {
                was[id] = w;
            }
            if (n is not null)
            {
                now[id] = n;
            }
        }

        // Token weights: the few that moved are followed to the entities carrying them; the rest bound every score.
        // The versions before a change of facts or records may leave the subjects' candidates; an entity that only
        // carries a moved token stays, its rough score moving with the weights as every other's does.
        var leaving = Indexes(before, [.. was.Values]);
        var shift = before.Index.Rarity.Shifts(after.Index.Rarity, MovedTokenShift, out var moved);
        var movedKeys = moved.Keys.ToHashSet(StringComparer.Ordinal);
        foreach (var s in before.Index.SubjectsCarrying(movedKeys))
        {
            was.TryAdd(s.Id, s);
        }
        foreach (var s in after.Index.SubjectsCarrying(movedKeys))
        {
            now.TryAdd(s.Id, s);
        }
        var margin = Margin(shift);

        var probe = await ProbeAsync(store, [new Side(before, [.. was.Values], leaving), new Side(after, [.. now.Values], new HashSet<int>())], cancellationToken);
        var byHit = await store.SubjectsHitOnRecordsAsync(removedOrChanged, cancellationToken);

        // Scores against unchanged entities: within this plan's margin and those of the earlier plans each subject was
        // not re-screened for.
        var earlier = await store.ScoreMarginsAsync(cancellationToken);
        var owed = earlier.Count == 0 ? 0 : earlier.Sum(e => e.Margin);
        var byScore = new HashSet<long>();
        foreach (var latest in await store.LatestScreeningsNearAsync(margin + owed, null, cancellationToken))
        {
            var drift = margin + earlier.Where(e => e.Mark >= latest.Screening).Sum(e => e.Margin);
            if (latest.TopScore >= latest.Threshold - drift)
            {
                byScore.Add(latest.Subject);
            }
        }
        // A subject carrying a moved token: every score it has moves with that token, by more than the margin.
        if (movedKeys.Count > 0)
        {
            var carriers = await store.SubjectsHoldingKeysAsync([.. movedKeys.SelectMany(k => new[] { CandidateKeys.SpellingPrefix + k, CandidateKeys.ClassPrefix + k })], cancellationToken);
            foreach (var latest in await store.LatestScreeningsNearAsync(1, carriers, cancellationToken))
            {
                byScore.Add(latest.Subject);
            }
        }
        byScore.UnionWith(await store.SubjectsWithoutScreeningAsync(cancellationToken));

        var monitored = await store.MonitoredSubjectCountAsync(cancellationToken);
        var subjects = probe.Selected.Union(byHit).Union(byScore).Order().ToList();
        return new DeltaPlan(subjects, probe.Selected.Count, byHit.Count, byScore.Count, probe.Holders, monitored, touched.Count, was.Count + now.Count,
            probe.ListedKeys, probe.KeysMet, shift, moved.Count, margin, mark, filled, clock.Elapsed);
    }

    private static HashSet<int> Indexes(ScreeningCorpus corpus, IEnumerable<ScreeningSubject> entities) =>
        [.. entities.Select(e => corpus.Index.IndexOf(e.Id)!.Value)];

    /// <summary>The bound on a score's move when every token weight moves by at most <paramref name="shift"/> (relative), with the final rounding.</summary>
    private static double Margin(double shift) => shift <= 0 ? 0 : (2 * shift / (1 - shift)) + 0.0001;

    /// <summary>
    /// Changed entity versions in the corpus they belong to. <paramref name="Leaving"/> (indexes): those that may leave a
    /// subject's candidates, letting in one that was left out at the limit (the versions before a change of facts or
    /// records; the entities of a link's records). One that enters instead pushes out the last kept, which matters only
    /// if that one was a hit, and a subject with a hit is re-screened for its recorded score.
    /// </summary>
    private sealed record Side(ScreeningCorpus Corpus, IReadOnlyList<ScreeningSubject> Entities, IReadOnlySet<int> Leaving);

    private sealed record ProbeResult(HashSet<long> Selected, int Holders, int ListedKeys, int KeysMet);

    /// <summary>
    /// The subjects holding a key the changed entities' keys meet, kept when a probe says one of the entities they reach
    /// could be a hit or their candidates are cut at the limit, or when they look up other keys on the two sides.
    /// </summary>
    private static async Task<ProbeResult> ProbeAsync(VigilStore store, IReadOnlyList<Side> sides, CancellationToken cancellationToken)
    {
        // Each listed key with the entity versions holding it, side by side.
        var owners = new Dictionary<string, List<(int Side, int Entity)>>(StringComparer.Ordinal);
        for (var side = 0; side < sides.Count; side++)
        {
            foreach (var entity in sides[side].Entities)
            {
                var index = sides[side].Corpus.Index.IndexOf(entity.Id)!.Value;
                var keys = new HashSet<string>(StringComparer.Ordinal);
                foreach (var name in entity.Names)
                {
                    keys.UnionWith(CandidateKeys.OfListed(name.Text, entity.Kind));
                }
                keys.UnionWith(entity.Identifiers.Select(CandidateKeys.OfIdentifier).OfType<string>());
                foreach (var key in keys)
                {
                    if (!owners.TryGetValue(key, out var list))
                    {
                        owners[key] = list = [];
                    }
                    list.Add((side, index));
                }
            }
        }
        if (owners.Count == 0)
        {
            return new ProbeResult([], 0, 0, 0);
        }
        // Each subject key met with the entity versions it meets.
        var meeting = CandidateKeys.MeetingBy(owners.Keys, await store.SubjectSpellingKeysAsync(cancellationToken));
        var reaches = new Dictionary<string, HashSet<(int Side, int Entity)>>(StringComparer.Ordinal);
        foreach (var (listed, met) in meeting)
        {
            foreach (var key in met)
            {
                if (!reaches.TryGetValue(key, out var set))
                {
                    reaches[key] = set = [];
                }
                set.UnionWith(owners[listed]);
            }
        }
        var holders = (await store.SubjectsHoldingKeysAsync([.. reaches.Keys], cancellationToken)).Order().ToList();
        var selected = new HashSet<long>();
        foreach (var batch in holders.Chunk(ProbeBatch))
        {
            var subjects = new List<MonitoredSubject>();
            foreach (var ids in batch.Chunk(SubjectMonitor.BatchSize))
            {
                subjects.AddRange(await store.MonitoredSubjectsAsync(0, ids.Length, ids, cancellationToken));
            }
            var keep = new bool[subjects.Count];
            Parallel.For(0, subjects.Count, new ParallelOptions { CancellationToken = cancellationToken }, i => keep[i] = Affected(subjects[i], sides, reaches));
            selected.UnionWith(subjects.Where((_, i) => keep[i]).Select(s => s.Id));
        }
        return new ProbeResult(selected, holders.Count, owners.Count, reaches.Count);
    }

    /// <summary>Whether a changed entity the subject's search reaches on either side could change its hits (see the class).</summary>
    private static bool Affected(MonitoredSubject subject, IReadOnlyList<Side> sides, Dictionary<string, HashSet<(int Side, int Entity)>> reaches)
    {
        var fields = subject.Fields;
        var options = ScreeningConfiguration.For(subject.Profile).Options;
        HashSet<string>? previous = null;
        for (var side = 0; side < sides.Count; side++)
        {
            var index = sides[side].Corpus.Index;
            var looked = new HashSet<string>(StringComparer.Ordinal);
            foreach (var name in fields.Names)
            {
                looked.UnionWith(index.LookedKeys(name, fields.Kind));
            }
            looked.UnionWith(fields.Identifiers.Select(CandidateKeys.OfIdentifier).OfType<string>());
            if (previous is not null && !previous.SetEquals(looked))
            {
                // A token crossed the line under which a search walks it: its candidates among unchanged entities change.
                return true;
            }
            previous = looked;
            var entities = new SortedSet<int>();
            foreach (var key in looked)
            {
                if (reaches.TryGetValue(key, out var met))
                {
                    entities.UnionWith(met.Where(m => m.Side == side).Select(m => m.Entity));
                }
            }
            if (entities.Count == 0)
            {
                continue;
            }
            var scores = SubjectScreener.Probe(sides[side].Corpus, fields, options, [.. entities], sides[side].Leaving, out var nextInLine);
            if (nextInLine >= options.Threshold - ProbeMargin || scores.Any(s => s >= options.Threshold - ProbeMargin))
            {
                return true;
            }
        }
        return false;
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
