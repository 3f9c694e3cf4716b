using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Vigil.Core.Audit;

namespace Vigil.Tests.Audit;

/// <summary>
/// The RFC 6962 tree: the Certificate Transparency test vectors (transparency-dev/merkle's testonly constants), and
/// the fast streaming root, tiled proofs and RFC 9162 verifiers held against the plain recursive reference.
/// </summary>
public sealed class MerkleTreeTests
{
    private static readonly byte[][] VectorLeaves =
        [.. new[] { "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f" }
            .Select(h => AuditHashes.Leaf(Convert.FromHexString(h)))];

    private static readonly string[] VectorRoots =
    [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    private static MerkleTree.SubtreeSource Plain(IReadOnlyList<byte[]> leaves) =>
        (start, end) => MerkleReference.Root([.. leaves.Skip((int)start).Take((int)(end - start))]);

    private static string Hex(IEnumerable<byte[]> hashes) => string.Join(",", hashes.Select(Convert.ToHexStringLower));

    [Fact]
    public void Roots_of_the_certificate_transparency_vectors_match_for_every_size_0_to_8()
    {
        for (var n = 0; n <= 8; n++)
        {
            Assert.Equal(VectorRoots[n], AuditHashes.Hex(MerkleAccumulator.RootOf(VectorLeaves.Take(n))));
            Assert.Equal(VectorRoots[n], AuditHashes.Hex(MerkleReference.Root([.. VectorLeaves.Take(n)])));
        }
    }

    [Theory]
    [InlineData(0, 8, "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7,5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e,6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")]
    [InlineData(5, 8, "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b,ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0,d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")]
    public void Inclusion_proofs_of_the_vectors_are_the_published_ones_and_verify(int index, int size, string expected)
    {
        var proof = MerkleTree.InclusionProof(index, size, Plain(VectorLeaves));

        Assert.Equal(expected, Hex(proof));
        Assert.True(MerkleTree.VerifyInclusion(index, size, VectorLeaves[index], proof, Convert.FromHexString(VectorRoots[size])));
    }

    [Theory]
    [InlineData(2, 8, "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e,6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")]
    [InlineData(6, 8, "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a,ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0,d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")]
    [InlineData(2, 5, "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e,bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")]
    public void Consistency_proofs_of_the_vectors_are_the_published_ones_and_verify(int first, int second, string expected)
    {
        var proof = MerkleTree.ConsistencyProof(first, second, Plain(VectorLeaves));

        Assert.Equal(expected, Hex(proof));
        Assert.True(MerkleTree.VerifyConsistency(first, second, Convert.FromHexString(VectorRoots[first]), Convert.FromHexString(VectorRoots[second]), proof));
    }

    private static byte[][] Leaves(int count, int seed) =>
        [.. Enumerable.Range(0, count).Select(i => AuditHashes.Leaf(BitConverter.GetBytes(((long)seed << 32) | (uint)i)))];

    [Property(MaxTest = 200)]
    public Property Streaming_root_and_tiled_proofs_equal_the_reference_and_verify()
    {
        var cases = from size in Gen.Choose(1, 300)
                    from index in Gen.Choose(0, size - 1)
                    from old in Gen.Choose(0, size)
                    from height in Gen.Choose(0, 4)
                    select (size, index, old, height);
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var leaves = Leaves(c.size, c.size * 31 + c.height);
            var root = MerkleReference.Root(leaves);
            var tiles = Tiles(leaves, c.height, c.size, c.index, c.old);
            var inclusion = MerkleTree.InclusionProof(c.index, c.size, tiles.Subtree);
            var consistency = MerkleTree.ConsistencyProof(c.old, c.size, tiles.Subtree);
            var oldRoot = MerkleReference.Root([.. leaves.Take(c.old)]);
            return MerkleAccumulator.RootOf(leaves).AsSpan().SequenceEqual(root)
                && Hex(inclusion) == Hex(MerkleReference.Path(c.index, leaves))
                && Hex(consistency) == Hex(MerkleReference.Proof(c.old, leaves))
                && MerkleTree.VerifyInclusion(c.index, c.size, leaves[c.index], inclusion, root)
                && MerkleTree.VerifyConsistency(c.old, c.size, oldRoot, root, consistency);
        });
    }

    private static TiledSubtrees Tiles(byte[][] leaves, int height, long size, long? index, long? old)
    {
        var tileSize = 1 << height;
        var roots = leaves.Chunk(tileSize).Where(t => t.Length == tileSize).Select(t => MerkleReference.Root(t)).ToList();
        var read = TiledSubtrees.TilesToRead(height, size, index, old)
            .ToDictionary(t => t, t => new TileRoots(leaves.Skip((int)t * tileSize).Take(tileSize)));
        return new TiledSubtrees(height, new TileRoots(roots), read);
    }

    [Property(MaxTest = 200)]
    public Property Held_tile_roots_give_the_reference_root_of_any_range_of_tiles_however_they_were_added()
    {
        var cases = from count in Gen.Choose(1, 200)
                    from first in Gen.Choose(0, count - 1)
                    from end in Gen.Choose(first + 1, count)
                    from twice in Gen.Choose(0, count)
                    select (count, first, end, twice);
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var roots = Leaves(c.count, c.count * 17);
            var held = new TileRoots();
            for (var t = 0; t < c.count; t++)
            {
                held.Add(t, roots[t]);
                // A second reader adding roots already held (a concurrent load) changes nothing.
                if (t < c.twice)
                {
                    held.Add(t / 2, roots[t / 2]);
                }
            }
            return held.Count == c.count
                && held.Root(c.first, c.end).AsSpan().SequenceEqual(MerkleReference.Root([.. roots.Skip(c.first).Take(c.end - c.first)]));
        });
    }

    [Fact]
    public void A_tile_root_added_past_a_gap_is_refused()
    {
        var held = new TileRoots([AuditHashes.Leaf([1])]);

        Assert.Throws<InvalidOperationException>(() => held.Add(2, AuditHashes.Leaf([2])));
        Assert.Throws<ArgumentOutOfRangeException>(() => held.Root(0, 2));
    }

    [Property(MaxTest = 200)]
    public Property A_proof_with_one_changed_byte_or_a_wrong_index_does_not_verify()
    {
        var cases = from size in Gen.Choose(2, 200)
                    from index in Gen.Choose(0, size - 1)
                    from old in Gen.Choose(1, size - 1)
                    select (size, index, old);
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var leaves = Leaves(c.size, 7);
            var root = MerkleReference.Root(leaves);
            var inclusion = MerkleReference.Path(c.index, leaves);
            var consistency = MerkleReference.Proof(c.old, leaves);
            var oldRoot = MerkleReference.Root([.. leaves.Take(c.old)]);
            var flipped = inclusion.Select(p => p.ToArray()).ToList();
            flipped[^1][5] ^= 1;
            var flippedConsistency = consistency.Select(p => p.ToArray()).ToList();
            flippedConsistency[0][0] ^= 0x80;
            return !MerkleTree.VerifyInclusion(c.index, c.size, leaves[c.index], flipped, root)
                && !MerkleTree.VerifyInclusion((c.index + 1) % c.size, c.size, leaves[c.index], inclusion, root)
                && !MerkleTree.VerifyInclusion(c.index, c.size, leaves[c.index], inclusion.Take(inclusion.Count - 1).ToList(), root)
                && !MerkleTree.VerifyConsistency(c.old, c.size, oldRoot, root, flippedConsistency)
                && !MerkleTree.VerifyConsistency(c.old, c.size, oldRoot, root, consistency.Take(consistency.Count - 1).ToList());
        });
    }
}
