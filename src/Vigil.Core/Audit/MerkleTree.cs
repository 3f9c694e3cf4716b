namespace Vigil.Core.Audit;

/// <summary>
/// RFC 6962 inclusion and consistency proofs, made from the roots of the few subtrees they need (a
/// <see cref="SubtreeSource"/> answers them from stored leaf hashes and cached tiles), and the RFC 9162 §2.1.3.2 and
/// §2.1.4.2 verifiers. <see cref="MerkleReference"/> is the plain twin the tests hold these against.
/// </summary>
public static class MerkleTree
{
    /// <summary>The root of the subtree over leaves [start, end).</summary>
    public delegate byte[] SubtreeSource(long start, long end);

    /// <summary>The largest power of two smaller than <paramref name="n"/> (n ≥ 2): RFC 6962's split point.</summary>
    public static long Split(long n) => 1L << (63 - (int)long.LeadingZeroCount(n - 1));

    /// <summary>PATH(m, D[0:n]) of RFC 6962 §2.1.1: the audit path of leaf <paramref name="index"/> in a tree of <paramref name="size"/> leaves.</summary>
    public static IReadOnlyList<byte[]> InclusionProof(long index, long size, SubtreeSource subtree)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, size);
        var path = new List<byte[]>();
        Path(index, 0, size, subtree, path);
        return path;
    }

    private static void Path(long m, long start, long end, SubtreeSource subtree, List<byte[]> path)
    {
        var n = end - start;
        if (n == 1)
        {
            return;
        }
        var k = Split(n);
        if (m < k)
        {
            Path(m, start, start + k, subtree, path);
            path.Add(subtree(start + k, end));
        }
        else
        {
            Path(m - k, start + k, end, subtree, path);
            path.Add(subtree(start, start + k));
        }
    }

    /// <summary>PROOF(m, D[0:n]) of RFC 6962 §2.1.2: shows the tree of <paramref name="newSize"/> leaves extends the one of <paramref name="oldSize"/>.</summary>
    public static IReadOnlyList<byte[]> ConsistencyProof(long oldSize, long newSize, SubtreeSource subtree)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(oldSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(oldSize, newSize);
        var proof = new List<byte[]>();
        if (oldSize > 0 && oldSize < newSize)
        {
            SubProof(oldSize, 0, newSize, true, subtree, proof);
        }
        return proof;
    }

    private static void SubProof(long m, long start, long end, bool complete, SubtreeSource subtree, List<byte[]> proof)
    {
        var n = end - start;
        if (m == n)
        {
            if (!complete)
            {
                proof.Add(subtree(start, end));
            }
            return;
        }
        var k = Split(n);
        if (m <= k)
        {
            SubProof(m, start, start + k, complete, subtree, proof);
            proof.Add(subtree(start + k, end));
        }
        else
        {
            SubProof(m - k, start + k, end, false, subtree, proof);
            proof.Add(subtree(start, start + k));
        }
    }

    /// <summary>RFC 9162 §2.1.3.2: whether <paramref name="leafHash"/> is leaf <paramref name="index"/> of the tree of <paramref name="size"/> leaves with <paramref name="root"/>.</summary>
    public static bool VerifyInclusion(long index, long size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        if (index < 0 || index >= size || leafHash.Length != AuditHashes.Size || root.Length != AuditHashes.Size)
        {
            return false;
        }
        var fn = index;
        var sn = size - 1;
        var r = leafHash.ToArray();
        foreach (var p in proof)
        {
            if (sn == 0 || p.Length != AuditHashes.Size)
            {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn)
            {
                r = AuditHashes.Node(p, r);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                r = AuditHashes.Node(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && r.AsSpan().SequenceEqual(root);
    }

    /// <summary>RFC 9162 §2.1.4.2: whether the tree of <paramref name="newSize"/> leaves with <paramref name="newRoot"/> extends the one of <paramref name="oldSize"/> with <paramref name="oldRoot"/>.</summary>
    public static bool VerifyConsistency(long oldSize, long newSize, ReadOnlySpan<byte> oldRoot, ReadOnlySpan<byte> newRoot, IReadOnlyList<byte[]> proof)
    {
        if (oldSize < 0 || oldSize > newSize || oldRoot.Length != AuditHashes.Size || newRoot.Length != AuditHashes.Size)
        {
            return false;
        }
        if (oldSize == newSize)
        {
            return proof.Count == 0 && oldRoot.SequenceEqual(newRoot);
        }
        if (oldSize == 0)
        {
            return proof.Count == 0;
        }
        if (proof.Count == 0 || proof.Any(p => p.Length != AuditHashes.Size))
        {
            return false;
        }
        var path = new List<byte[]>(proof.Count + 1);
        if ((oldSize & (oldSize - 1)) == 0)
        {
            path.Add(oldRoot.ToArray());
        }
        path.AddRange(proof);
        var fn = oldSize - 1;
        var sn = newSize - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }
        var fr = path[0];
        var sr = path[0];
        for (var i = 1; i < path.Count; i++)
        {
            var c = path[i];
            if (sn == 0)
            {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn)
            {
                fr = AuditHashes.Node(c, fr);
                sr = AuditHashes.Node(c, sr);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                sr = AuditHashes.Node(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && fr.AsSpan().SequenceEqual(oldRoot) && sr.AsSpan().SequenceEqual(newRoot);
    }
}
