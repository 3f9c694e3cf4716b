namespace Vigil.Core.Access;

/// <summary>A named API key as the store keeps it: never the key itself, only its hash and first characters.</summary>
public sealed record ApiKeyInfo(long Id, string Name, Role Role, string Prefix, string CreatedAt, string CreatedBy, string? RevokedAt, string? RevokedBy);
