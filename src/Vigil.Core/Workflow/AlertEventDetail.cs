using System.Text.Json;

namespace Vigil.Core.Workflow;

/// <summary>
/// What an alert event's JSON detail says, read back for people: the reasons and score a screening found (created,
/// rescreened), the decision that closed the alert, or that the records left their lists. Plain-text details (a
/// comment, an assignee) are not JSON and read as <see cref="Text"/>.
/// </summary>
public sealed record AlertEventDetail(
    IReadOnlyList<AlertReason> Reasons,
    double? Score,
    ScoreBand? Band,
    long? Screening,
    long? Decision,
    DecisionOutcome? Outcome,
    DecisionReason? Reason,
    bool Delisted,
    string? Text)
{
    public static AlertEventDetail Read(AlertEvent e)
    {
        if (e.Detail is not { Length: > 0 } detail || e.Kind is AlertEventKind.Comment or AlertEventKind.Assigned || detail[0] != '{')
        {
            return new([], null, null, null, null, null, null, false, e.Detail);
        }
        try
        {
            var read = JsonSerializer.Deserialize<Shape>(detail, WorkflowJson.Compact);
            return read is null
                ? new([], null, null, null, null, null, null, false, e.Detail)
                : new(read.Reasons ?? [], read.Score, read.Band, read.Screening, read.Decision, read.Outcome, read.Reason, read.Delisted, null);
        }
        catch (JsonException)
        {
            return new([], null, null, null, null, null, null, false, e.Detail);
        }
    }

    /// <summary>Every shape the store writes into an event's detail, as one record of optional members.</summary>
    private sealed record Shape(
        List<AlertReason>? Reasons, double? Score, ScoreBand? Band, long? Screening, long? Decision, DecisionOutcome? Outcome, DecisionReason? Reason, bool Delisted);
}
