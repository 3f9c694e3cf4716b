using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Vigil.Core.Screening;

namespace Vigil.Core.Workflow;

/// <summary>
/// One hit of a recorded screening: the canonical entity, the list records it stood for at the time (decisions are
/// kept on those, not on the entity id, which moves when links change), the score, its band, and a hash of the
/// explanation. The fingerprints (of the entity, and of each record's material facts) are filled in before the
/// screening is recorded, from the snapshots screened against.
/// </summary>
public sealed record RecordedHit(
    string EntityId,
    IReadOnlyList<string> RecordIds,
    double Score,
    ScoreBand Band,
    string ExplanationHash,
    string? EntityFingerprint = null,
    IReadOnlyDictionary<string, string>? RecordFingerprints = null)
{
    /// <summary>The entity's caption at screening time, for alert lists; not part of the evidence.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Caption { get; init; } = EntityId;

    public static RecordedHit From(ScreeningHit hit) => new(
        hit.Entity.Id,
        hit.Entity.Referents,
        hit.Score,
        BandOf(hit.Score),
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(hit.Explanation, ExplanationJson.Options)))))
    {
        Caption = hit.Entity.Caption,
    };

    /// <summary>The band of a score at or above the threshold: [t, 0.85), [0.85, 0.95), [0.95, 1].</summary>
    public static ScoreBand BandOf(double score) => score switch
    {
        >= 0.95 => ScoreBand.High,
        >= 0.85 => ScoreBand.Medium,
        _ => ScoreBand.Low,
    };
}
