using System.Globalization;
using System.Text;

namespace Vigil.Core.Audit;

/// <summary>
/// One recorded screening as a leaf of its run's Merkle tree: a run's seal carries the root over its screenings (in
/// id order), so a run of a million no-hit screenings is one audit entry and any one screening is still provable.
/// </summary>
public static class ScreeningLeaf
{
    /// <summary>A hit as the screening recorded it: the canonical entity, its record ids, the score and band.</summary>
    public sealed record Hit(string Entity, IReadOnlyList<string> Records, double Score, int Band);

    /// <summary>
    /// The canonical screening (RFC 8785 JSON; scores as round-trip decimal text):
    /// <c>{"decision","hits":[{"band","entity","records","score"}],"id","input_hash","outcome","run","screened_at","subject","top_score","version"}</c>.
    /// </summary>
    public static string Canonical(long id, long run, string? subject, long? version, string inputHash, string outcome, double? topScore, string screenedAt, long? decision, IEnumerable<Hit> hits) =>
        CanonicalJson.Write(new Dictionary<string, object?>
        {
            ["id"] = id,
            ["run"] = run,
            ["subject"] = subject,
            ["version"] = version,
            ["input_hash"] = inputHash,
            ["outcome"] = outcome,
            ["top_score"] = topScore is { } t ? Score(t) : null,
            ["screened_at"] = screenedAt,
            ["decision"] = decision,
            ["hits"] = hits.Select(h => new Dictionary<string, object?>
            {
                ["entity"] = h.Entity,
                ["records"] = h.Records,
                ["score"] = Score(h.Score),
                ["band"] = h.Band,
            }).ToList(),
        });

    public static byte[] LeafHash(string canonical) => AuditHashes.Leaf(Encoding.UTF8.GetBytes(canonical));

    private static string Score(double score) => score.ToString("R", CultureInfo.InvariantCulture);
}
