namespace Vigil.Core.Audit;

/// <summary>
/// RFC 6962 §2.1 written out as the RFC states it, recursion over lists of leaf hashes and nothing clever: MTH, PATH
/// and PROOF. The fast <see cref="MerkleAccumulator"/>, <see cref="MerkleTree"/> and <see cref="TiledSubtrees"/> are
/// tested against it.
/// </summary>
public static class MerkleReference
{
    public static byte[] Root(IReadOnlyList<byte[]> leaves)
    {
        if (leaves.Count == 0)
        {
            return AuditHashes.EmptyRoot();
        }
        if (leaves.Count == 1)
        {
            return leaves[0];
        }
        var k = (int)MerkleTree.Split(leaves.Count);
        return AuditHashes.Node(Root([.. leaves.Take(k)]), Root([.. leaves.Skip(k)]));
    }

    public static List<byte[]> Path(int m, IReadOnlyList<byte[]> leaves)
    {
        if (leaves.Count <= 1)
        {
            return [];
        }
        var k = (int)MerkleTree.Split(leaves.Count);
        var left = leaves.Take(k).ToList();
        var right = leaves.Skip(k).ToList();
        return m < k ? [.. Path(m, left), Root(right)] : [.. Path(m - k, right), Root(left)];
    }

    public static List<byte[]> Proof(int m, IReadOnlyList<byte[]> leaves) =>
        m <= 0 || m >= leaves.Count ? [] : SubProof(m, leaves, true);

    private static List<byte[]> SubProof(int m, IReadOnlyList<byte[]> leaves, bool complete)
    {
        var n = leaves.Count;
        if (m == n)
        {
            return complete ? [] : [Root(leaves)];
        }
        var k = (int)MerkleTree.Split(n);
        var left = leaves.Take(k).ToList();
        var right = leaves.Skip(k).ToList();
        return m <= k ? [.. SubProof(m, left, complete), Root(right)] : [.. SubProof(m - k, right, false), Root(left)];
    }
}
