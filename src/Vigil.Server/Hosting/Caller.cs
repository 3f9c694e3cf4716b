using System.Security.Claims;
using Vigil.Core.Access;

namespace Vigil.Server.Hosting;

/// <summary>
/// Who sent a request and what their role lets them do, read from the signed-in principal. A request the
/// authentication did not name (a keyless server answering loopback only, or a key from <c>VIGIL_API_KEYS</c>) acts as
/// administrator under the name <see cref="Unnamed"/>: whoever can reach such a server can open its store directly.
/// </summary>
public static class Caller
{
    public const string Unnamed = "api";

    /// <summary>The name every write records as its actor: a user's login or a key's name.</summary>
    public static string Name(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : Unnamed;

    public static Role RoleOf(HttpContext context) =>
        context.User.FindFirst(ClaimTypes.Role)?.Value is { } value && Enum.TryParse<Role>(value, ignoreCase: false, out var role)
            ? role
            : Role.Admin;

    public static bool May(HttpContext context, Permission permission) => RolePermissions.Allows(RoleOf(context), permission);
}
