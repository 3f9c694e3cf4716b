namespace Vigil.Core.Workflow;

/// <summary>
/// One subject's screening as recorded: the run it belongs to (with the snapshot set), the subject version and input
/// hash screened, the outcome, the best score and the hits. No-hit screenings are recorded too.
/// </summary>
public sealed record ScreeningRecord(
    long Id,
    ScreeningRun Run,
    int SubjectVersion,
    string InputHash,
    ScreeningOutcome Outcome,
    double? TopScore,
    string ScreenedAt,
    IReadOnlyList<RecordedHit> Hits)
{
    /// <summary>The decision that kept a <see cref="ScreeningOutcome.Suppressed"/> screening quiet.</summary>
    public long? DecisionId { get; init; }
}
