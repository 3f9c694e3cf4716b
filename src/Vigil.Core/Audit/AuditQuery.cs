namespace Vigil.Core.Audit;

/// <summary>
/// Which audit entries to read: a time range (both ends inclusive; ISO 8601 text as stored),
/// a subject reference, a kind, an actor, an alert, and a page (after a sequence number, at most <c>Limit</c> entries).
/// </summary>
public sealed record AuditQuery(
    string? From = null,
    string? To = null,
    string? Subject = null,
    AuditEventKind? Kind = null,
    string? Actor = null,
    long AfterSequence = 0,
    int Limit = 100,
    long? AlertId = null);
