namespace Vigil.Core.Workflow;

/// <summary>
/// A decision on a pair (subject, listed records), with what it saw when it was made: the subject version and its
/// input hash, the score band, and each record's material fingerprint. It stays in force until a later decision on
/// the same pair supersedes it, it is revoked, or it expires. Under four eyes it is first proposed, and counts only once
/// a second person approved it (<see cref="ApprovedBy"/>).
/// </summary>
public sealed record Decision(
    long Id,
    string Subject,
    IReadOnlyList<string> Records,
    DecisionOutcome Outcome,
    DecisionReason Reason,
    string Note,
    DecisionState State,
    long? AlertId,
    int SubjectVersion,
    double Score,
    ScoreBand Band,
    string DecidedBy,
    string DecidedAt,
    string? ExpiresAt,
    string? EndedBy,
    string? EndedAt,
    string? EndReason,
    string? ApprovedBy = null,
    string? ApprovedAt = null);
