namespace Vigil.Core.Audit;

/// <summary>The first thing wrong with the audit trail: what, at which sequence number (when one entry is at fault), in words.</summary>
public sealed record AuditProblem(AuditProblemKind Kind, long? Sequence, string Message);
