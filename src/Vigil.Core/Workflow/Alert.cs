namespace Vigil.Core.Workflow;

/// <summary>
/// An alert on a pair (subject, listed records): why it was raised, where it stands, the latest screening's score and
/// band, and, for a re-review, the decision it questions and what changed since. <see cref="Events"/> is filled when
/// one alert is read, empty in lists.
/// </summary>
public sealed record Alert(
    long Id,
    AlertKind Kind,
    AlertStatus Status,
    string Subject,
    string EntityId,
    string Caption,
    IReadOnlyList<string> Records,
    double Score,
    ScoreBand Band,
    IReadOnlyList<AlertReason> Reasons,
    AlertChanges Changes,
    long? ScreeningId,
    long? DecisionId,
    string? AssignedTo,
    string CreatedAt,
    string UpdatedAt,
    string? ClosedAt,
    IReadOnlyList<AlertEvent> Events);
