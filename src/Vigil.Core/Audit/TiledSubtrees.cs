namespace Vigil.Core.Audit;

/// <summary>
/// Subtree roots for proofs over a large log without reading it whole: the leaves are grouped in tiles of
/// 2^<see cref="Height"/> consecutive leaves, each full tile's root is kept (<see cref="TileRoots"/>, cached in the
/// store and in memory), and only the leaves of the tiles a proof cuts into are read. A range whose ends fall on tile
/// edges is the Merkle root of its tiles' roots, because RFC 6962 splits such a range only at tile edges; any other
/// range of a proof lies in one tile.
/// </summary>
public sealed class TiledSubtrees
{
    /// <summary>The tile height the store caches: 1,024 leaves a tile, so a proof reads at most two tiles' leaves.</summary>
    public const int DefaultHeight = 10;

    private readonly TileRoots _tileRoots;
    private readonly IReadOnlyDictionary<long, TileRoots> _tileLeaves;

    /// <param name="height">Leaves per tile, as a power of two.</param>
    /// <param name="tileRoots">The root of every full tile below the tree size, in order (it may hold more).</param>
    /// <param name="tileLeaves">The leaf hashes of the tiles a proof cuts into (see <see cref="TilesToRead"/>), each tile's held as a <see cref="TileRoots"/> of its leaves.</param>
    public TiledSubtrees(int height, TileRoots tileRoots, IReadOnlyDictionary<long, TileRoots> tileLeaves)
    {
        Height = height;
        _tileRoots = tileRoots;
        _tileLeaves = tileLeaves;
    }

    public int Height { get; }

    private long TileSize => 1L << Height;

    /// <summary>The tiles whose leaves an inclusion proof of <paramref name="index"/>, or a consistency proof from <paramref name="oldSize"/>, in a tree of <paramref name="size"/> leaves reads.</summary>
    public static IReadOnlySet<long> TilesToRead(int height, long size, long? index = null, long? oldSize = null)
    {
        var tiles = new HashSet<long>();
        void Cut(long end)
        {
            // A range ending inside a tile needs that tile's leaves.
            if (end > 0 && end % (1L << height) != 0)
            {
                tiles.Add((end - 1) >> height);
            }
        }
        Cut(size);
        if (index is { } i)
        {
            tiles.Add(i >> height);
        }
        if (oldSize is { } m)
        {
            Cut(m);
        }
        return tiles;
    }

    /// <summary>The root of leaves [start, end) when that range is an RFC 6962 subtree (as proofs ask for).</summary>
    public byte[] Subtree(long start, long end)
    {
        if (start % TileSize == 0 && end % TileSize == 0)
        {
            return _tileRoots.Root(start >> Height, end >> Height);
        }
        var tile = start >> Height;
        if ((end - 1) >> Height == tile)
        {
            return _tileLeaves.TryGetValue(tile, out var leaves)
                ? leaves.Root(start - (tile << Height), end - (tile << Height))
                : throw new InvalidOperationException($"tile {tile} was not read, but leaves {start} to {end - 1} are needed");
        }
        var k = MerkleTree.Split(end - start);
        return AuditHashes.Node(Subtree(start, start + k), Subtree(start + k, end));
    }
}
