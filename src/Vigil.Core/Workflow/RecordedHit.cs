using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Vigil.Core.Screening;

namespace Vigil.Core.Workflow;

/// <summary>
/// One hit of a recorded screening: the canonical entity, the list records it stood for at the time (decisions are
/// kept on those, not on the entity id, which moves when links change), the score, its band, and a hash of the
/// explanation. <see cref="EntityFingerprint"/> is filled by the alert rules once they exist.
/// </summary>
public sealed record RecordedHit(string EntityId, IReadOnlyList<string> RecordIds, double Score, ScoreBand Band, string ExplanationHash, string? EntityFingerprint = null)
{
    public static RecordedHit From(ScreeningHit hit) => new(
        hit.Entity.Id,
        hit.Entity.Referents,
        hit.Score,
        BandOf(hit.Score),
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(hit.Explanation, ExplanationJson.Options)))));

    /// <summary>The band of a score at or above the threshold: [t, 0.85), [0.85, 0.95), [0.95, 1].</summary>
    public static ScoreBand BandOf(double score) => score switch
    {
        >= 0.95 => ScoreBand.High,
        >= 0.85 => ScoreBand.Medium,
        _ => ScoreBand.Low,
    };
}
