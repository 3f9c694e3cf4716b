namespace Vigil.Core.Audit;

/// <summary>An audit entry read back for people: the entry, its hashes in hex, and its payload unless purged.</summary>
public sealed record AuditRecord(AuditEntry Entry, string LeafHash, string ChainHash, string? Payload);
