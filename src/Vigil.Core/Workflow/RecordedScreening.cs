namespace Vigil.Core.Workflow;

/// <summary>
/// One screening as recorded, looked up by its id: the run (kind, actor, configuration, matcher, the snapshot set),
/// the subject reference and version screened (null for an ad-hoc query, whose <see cref="InputHash"/> is then the
/// query's own hash), the outcome, the best score and the hits.
/// </summary>
public sealed record RecordedScreening(
    long Id,
    ScreeningRun Run,
    string? Subject,
    int? SubjectVersion,
    string InputHash,
    ScreeningOutcome Outcome,
    double? TopScore,
    string ScreenedAt,
    IReadOnlyList<RecordedHit> Hits);
