using System.Text.Json.Serialization;

namespace Vigil.Core.Workflow;

/// <summary>The result of screening one subject: the outcome, the best score of any result, the hits that reached the threshold.</summary>
public sealed record SubjectScreening(ScreeningOutcome Outcome, double? TopScore, IReadOnlyList<RecordedHit> Hits)
{
    /// <summary>The material facts of the hits' records, once fingerprinted: kept with the alert rules' evidence.</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, RecordFacts> Facts { get; init; } = new Dictionary<string, RecordFacts>();
}
