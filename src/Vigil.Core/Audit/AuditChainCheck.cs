using System.Text.Json;

namespace Vigil.Core.Audit;

/// <summary>
/// Checks audit entries streamed in sequence order: each entry's content against its leaf hash, its payload against
/// the payload hash, the chain, gaps in the sequence, and the Merkle root at the sizes of the checkpoints to compare.
/// Stops at the first problem. A payload that is missing must be listed by a retention purge (checked at the end,
/// since a purge comes after the entries it purges).
/// </summary>
public sealed class AuditChainCheck
{
    private readonly MerkleAccumulator _tree = new();
    private readonly HashSet<long> _wantedSizes;
    private readonly Dictionary<long, byte[]> _roots = [];
    private readonly List<long> _missingPayloads = [];
    private readonly List<(long From, long To)> _purged = [];
    private byte[] _chain = AuditHashes.ChainStart.ToArray();

    /// <param name="rootSizes">Tree sizes whose root to keep (the checkpoints to compare with).</param>
    public AuditChainCheck(IEnumerable<long> rootSizes)
    {
        _wantedSizes = [.. rootSizes];
        if (_wantedSizes.Contains(0))
        {
            _roots[0] = AuditHashes.EmptyRoot();
        }
    }

    public long Count => _tree.Count;

    public AuditProblem? Problem { get; private set; }

    /// <summary>The chain hash after the entries checked so far.</summary>
    public byte[] ChainHash => _chain;

    /// <summary>The Merkle root at one of the sizes asked for, once the check has passed it.</summary>
    public byte[]? RootAt(long size) => _roots.GetValueOrDefault(size);

    /// <summary>The root of everything checked so far.</summary>
    public byte[] Root() => _tree.Root();

    /// <summary>Checks the next entry; false once a problem is found (the first one stays in <see cref="Problem"/>).</summary>
    public bool Add(StoredAuditEntry row)
    {
        if (Problem is not null)
        {
            return false;
        }
        var expected = _tree.Count + 1;
        var seq = row.Entry.Sequence;
        if (seq != expected)
        {
            Problem = seq > expected
                ? new AuditProblem(AuditProblemKind.Deleted, expected,
                    expected == seq - 1 ? $"entry {expected} was deleted: the log goes from {expected - 1} to {seq}" : $"entries {expected} to {seq - 1} were deleted: the log goes from {expected - 1} to {seq}")
                : new AuditProblem(AuditProblemKind.Reordered, seq, $"entry {seq} appears twice or out of order after {expected - 1}");
            return false;
        }
        var leaf = row.Entry.LeafHash();
        if (!leaf.AsSpan().SequenceEqual(row.LeafHash))
        {
            Problem = new AuditProblem(AuditProblemKind.Edited, seq, $"entry {seq} was edited: its content no longer matches its leaf hash");
            return false;
        }
        var chain = AuditHashes.Chain(_chain, leaf);
        if (!chain.AsSpan().SequenceEqual(row.ChainHash))
        {
            Problem = new AuditProblem(AuditProblemKind.Edited, seq,
                $"entry {seq} was edited: its leaf hash was recomputed but no longer continues the chain from entry {seq - 1}");
            return false;
        }
        if (row.Payload is null)
        {
            _missingPayloads.Add(seq);
        }
        else if (AuditEntry.HashPayload(row.Payload) != row.Entry.PayloadHash)
        {
            Problem = new AuditProblem(AuditProblemKind.PayloadEdited, seq, $"the payload of entry {seq} was edited: it no longer matches the entry's payload hash");
            return false;
        }
        else if (row.Entry.Kind == AuditEventKind.RetentionPurge)
        {
            _purged.AddRange(PurgedRanges(row.Payload));
        }
        _chain = chain;
        _tree.Add(leaf);
        if (_wantedSizes.Contains(_tree.Count))
        {
            _roots[_tree.Count] = _tree.Root();
        }
        return true;
    }

    /// <summary>After the last entry: the first missing payload no purge accounts for, else the problem found earlier.</summary>
    public AuditProblem? Finish()
    {
        if (Problem is not null)
        {
            return Problem;
        }
        foreach (var seq in _missingPayloads)
        {
            if (!_purged.Any(p => seq >= p.From && seq <= p.To))
            {
                return Problem = new AuditProblem(AuditProblemKind.PayloadDeleted, seq,
                    $"the payload of entry {seq} was deleted, and no retention purge lists it");
            }
        }
        return null;
    }

    /// <summary>The sequence ranges a retention purge's payload lists under <c>"purged"</c>: <c>[[from, to], ...]</c>.</summary>
    public static IEnumerable<(long From, long To)> PurgedRanges(string payload)
    {
        using var document = JsonDocument.Parse(payload);
        if (!document.RootElement.TryGetProperty("purged", out var ranges))
        {
            yield break;
        }
        foreach (var range in ranges.EnumerateArray())
        {
            yield return (range[0].GetInt64(), range[1].GetInt64());
        }
    }
}
