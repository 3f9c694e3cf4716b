namespace Vigil.Core.Workflow;

/// <summary>An analyst's decision on an alert, as asked for: outcome, reason code, the mandatory rationale, an optional expiry.</summary>
public sealed record DecisionRequest(DecisionOutcome Outcome, DecisionReason Reason, string Note, DateTimeOffset? ExpiresAt = null)
{
    /// <summary>Why the request cannot be recorded, or null: a decision without a rationale proves nothing to an examiner.</summary>
    public string? Problem(DateTimeOffset now) =>
        string.IsNullOrWhiteSpace(Note) ? "note: a decision needs a rationale (say why, in words)"
        : ExpiresAt is { } expires && expires <= now ? "expires: the expiry must lie in the future"
        : null;
}
