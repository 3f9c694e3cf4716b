namespace Vigil.Core.Audit;

/// <summary>
/// The RFC 6962 Merkle root of a stream of leaf hashes in O(log n) memory: a stack holds the roots of the perfect
/// subtrees that make up the leaves so far (one per set bit of the count), so a million leaves are never held at once.
/// </summary>
public sealed class MerkleAccumulator
{
    private readonly List<byte[]> _stack = [];

    public long Count { get; private set; }

    public void Add(byte[] leafHash)
    {
        _stack.Add(leafHash);
        Count++;
        // Each trailing zero bit of the new count closes one perfect subtree: merge the two tops.
        for (var c = Count; (c & 1) == 0; c >>= 1)
        {
            var right = _stack[^1];
            var left = _stack[^2];
            _stack.RemoveRange(_stack.Count - 2, 2);
            _stack.Add(AuditHashes.Node(left, right));
        }
    }

    /// <summary>The root of the leaves added so far; adding more afterwards is allowed.</summary>
    public byte[] Root()
    {
        if (_stack.Count == 0)
        {
            return AuditHashes.EmptyRoot();
        }
        var root = _stack[^1];
        for (var i = _stack.Count - 2; i >= 0; i--)
        {
            root = AuditHashes.Node(_stack[i], root);
        }
        return root;
    }

    /// <summary>The root of <paramref name="leafHashes"/>.</summary>
    public static byte[] RootOf(IEnumerable<byte[]> leafHashes)
    {
        var accumulator = new MerkleAccumulator();
        foreach (var leaf in leafHashes)
        {
            accumulator.Add(leaf);
        }
        return accumulator.Root();
    }
}
