namespace Vigil.Core.Workflow;

/// <summary>The result of screening one subject: the outcome, the best score of any result, the hits that reached the threshold.</summary>
public sealed record SubjectScreening(ScreeningOutcome Outcome, double? TopScore, IReadOnlyList<RecordedHit> Hits);
