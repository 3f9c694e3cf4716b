namespace Vigil.Core.Workflow;

/// <summary>An alert as lists show it (<c>vigil alerts --json</c>, <c>GET /alerts</c>): without its changes and history.</summary>
public sealed record AlertSummary(
    long Id,
    AlertKind Kind,
    AlertStatus Status,
    string Subject,
    IReadOnlyList<string> Records,
    double Score,
    ScoreBand Band,
    IReadOnlyList<AlertReason> Reasons,
    string Entity,
    string Caption,
    long? Decision,
    string? AssignedTo,
    string CreatedAt,
    string UpdatedAt,
    string? ClosedAt)
{
    public static AlertSummary From(Alert a) => new(
        a.Id, a.Kind, a.Status, a.Subject, a.Records, a.Score, a.Band, a.Reasons, a.EntityId, a.Caption, a.DecisionId, a.AssignedTo, a.CreatedAt, a.UpdatedAt, a.ClosedAt);
}
