namespace Vigil.Core.Access;

/// <summary>A local user as the store keeps it (the password only as a salted, slow hash).</summary>
public sealed record UserInfo(long Id, string Login, Role Role, string CreatedAt, string CreatedBy, string? DisabledAt, string? DisabledBy);
