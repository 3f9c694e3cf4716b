namespace Vigil.Core.Audit;

/// <summary>
/// The roots of a log's full tiles, in order, with the root of every aligned power-of-two run of them, so the root of
/// any range of whole tiles costs O(log n) hashes. A full tile never changes, so the roots only grow: one instance per
/// store serves every proof, and a proof reads no tile root from the store once the instance holds it. The leaves of
/// one tile are held the same way (a tile of single leaves), so proofs cutting into a tile already read hash little.
/// Safe for concurrent use.
/// </summary>
public sealed class TileRoots
{
    private readonly Lock _lock = new();

    // _levels[h][i] is the root of tiles [i * 2^h, (i + 1) * 2^h).
    private readonly List<List<byte[]>> _levels = [[]];

    public TileRoots()
    {
    }

    /// <summary>Roots of tiles 0, 1, 2, ... in order.</summary>
    public TileRoots(IEnumerable<byte[]> roots)
    {
        foreach (var root in roots)
        {
            Add(Count, root);
        }
    }

    /// <summary>How many tiles, from tile 0, the instance holds.</summary>
    public long Count
    {
        get
        {
            lock (_lock)
            {
                return _levels[0].Count;
            }
        }
    }

    /// <summary>
    /// Adds the root of tile <paramref name="tile"/>: the next one, or one already held (two readers loading the same
    /// tiles at once), which is ignored. A gap is a caller's error.
    /// </summary>
    public void Add(long tile, byte[] root)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(root.Length, AuditHashes.Size);
        lock (_lock)
        {
            var count = _levels[0].Count;
            if (tile < count)
            {
                return;
            }
            if (tile > count)
            {
                throw new InvalidOperationException($"tile {tile} added while the roots end at tile {count - 1}");
            }
            _levels[0].Add(root.ToArray());
            // An even count closes a pair on that level: its parent is the next root one level up.
            for (var h = 0; (_levels[h].Count & 1) == 0; h++)
            {
                if (h + 1 == _levels.Count)
                {
                    _levels.Add([]);
                }
                _levels[h + 1].Add(AuditHashes.Node(_levels[h][^2], _levels[h][^1]));
            }
        }
    }

    /// <summary>The RFC 6962 root over the roots of tiles [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public byte[] Root(long from, long to)
    {
        lock (_lock)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(from);
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(to, from);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(to, _levels[0].Count);
            return RootHeld(from, to).ToArray();
        }
    }

    private byte[] RootHeld(long from, long to)
    {
        var n = to - from;
        if ((n & (n - 1)) == 0 && from % n == 0)
        {
            var h = 63 - (int)long.LeadingZeroCount(n);
            return _levels[h][(int)(from >> h)];
        }
        var k = MerkleTree.Split(n);
        return AuditHashes.Node(RootHeld(from, from + k), RootHeld(from + k, to));
    }
}
