namespace Vigil.Core.Audit;

/// <summary>
/// A business event to append to the audit log: what happened, by whom, what it concerns, and a payload (any value
/// <see cref="CanonicalJson"/> writes). The log gives it its sequence number, time and hashes.
/// </summary>
public sealed record AuditEvent(
    AuditEventKind Kind,
    string Actor,
    object? Payload,
    string? Subject = null,
    long? AlertId = null,
    long? DecisionId = null,
    long? SnapshotId = null,
    long? RunId = null);
