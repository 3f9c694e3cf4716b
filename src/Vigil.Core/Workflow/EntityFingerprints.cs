using System.Collections.Concurrent;
using Vigil.Core.Screening;
using Vigil.Core.Storage;

namespace Vigil.Core.Workflow;

/// <summary>
/// The material facts of the records screened against, read from the corpus's own snapshots and kept per record, so
/// that a run with many hits on the same listed person reads its facts once. Belongs to one corpus.
/// </summary>
public sealed class EntityFingerprints(VigilStore store, ScreeningCorpus corpus)
{
    private readonly ConcurrentDictionary<string, RecordFacts> _records = new(StringComparer.Ordinal);
    private readonly long[] _snapshots = [.. corpus.Snapshots.Select(s => s.Snapshot)];

    /// <summary>The facts of these records as the corpus's snapshots state them; a record they do not hold is left out.</summary>
    public async Task<IReadOnlyDictionary<string, RecordFacts>> FactsAsync(IEnumerable<string> recordIds, CancellationToken cancellationToken)
    {
        var wanted = recordIds.Distinct(StringComparer.Ordinal).ToList();
        var missing = wanted.Where(r => !_records.ContainsKey(r)).ToList();
        if (missing.Count > 0)
        {
            foreach (var facts in await store.RecordFactsAsync(_snapshots, missing, cancellationToken))
            {
                _records.TryAdd(facts.RecordId, facts);
            }
        }
        var found = new Dictionary<string, RecordFacts>(StringComparer.Ordinal);
        foreach (var id in wanted)
        {
            if (_records.TryGetValue(id, out var facts))
            {
                found[id] = facts;
            }
        }
        return found;
    }

    /// <summary>The screening with each hit's record and entity fingerprints filled in.</summary>
    public async Task<SubjectScreening> FingerprintAsync(SubjectScreening screening, CancellationToken cancellationToken)
    {
        if (screening.Hits.Count == 0)
        {
            return screening;
        }
        var facts = await FactsAsync(screening.Hits.SelectMany(h => h.RecordIds), cancellationToken);
        return screening with
        {
            Hits = [.. screening.Hits.Select(h =>
            {
                var fingerprints = h.RecordIds.Where(facts.ContainsKey).ToDictionary(r => r, r => facts[r].Fingerprint, StringComparer.Ordinal);
                return h with { RecordFingerprints = fingerprints, EntityFingerprint = RecordFacts.EntityFingerprint(fingerprints) };
            })],
            Facts = facts,
        };
    }
}
