namespace Vigil.Core.Access;

/// <summary>A key just made: the only moment its secret exists outside the caller's hands.</summary>
public sealed record CreatedApiKey(ApiKeyInfo Info, string Key);
