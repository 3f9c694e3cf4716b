namespace Vigil.Core.Access;

/// <summary>Who a request is, once its key, password or session checked out: the name every write records, and the role.</summary>
public sealed record Credential(string Name, Role Role, CredentialKind Kind)
{
    /// <summary>
    /// A key from <c>VIGIL_API_KEYS</c> or a keys file: an administrator under one shared name, as such keys were before
    /// keys had names.
    /// </summary>
    public static Credential Operator { get; } = new("api", Role.Admin, CredentialKind.OperatorKey);

    /// <summary>A keyless server's caller on its own machine (<see cref="CredentialKind.Local"/>).</summary>
    public static Credential Local { get; } = new("api", Role.Admin, CredentialKind.Local);

    /// <summary>Whether this caller may do what <paramref name="permission"/> names.</summary>
    public bool May(Permission permission) => Kind == CredentialKind.Local || RolePermissions.Allows(Role, permission);
}
