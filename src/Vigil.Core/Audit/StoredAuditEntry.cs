namespace Vigil.Core.Audit;

/// <summary>An audit entry as the store holds it: the entry, the hashes stored with it, and its payload unless retention purged it.</summary>
public sealed record StoredAuditEntry(AuditEntry Entry, byte[] LeafHash, byte[] ChainHash, string? Payload);
