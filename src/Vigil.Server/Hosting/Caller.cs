using System.Security.Claims;
using Vigil.Core.Access;

namespace Vigil.Server.Hosting;

/// <summary>
/// Who sent a request and what they may do, read from the principal <see cref="VigilAuthentication"/> made. A request
/// it did not name (an endpoint open to all, or a test host without authentication) is the keyless local caller.
/// </summary>
public static class Caller
{
    /// <summary>The name every write records as its actor: a user's login or a key's name.</summary>
    public static string Name(HttpContext context) => Of(context.User).Name;

    public static Role RoleOf(HttpContext context) => Of(context.User).Role;

    public static bool May(HttpContext context, Permission permission) => Of(context.User).May(permission);

    public static Credential Of(ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name }
        && Enum.TryParse<Role>(user.FindFirst(ClaimTypes.Role)?.Value, out var role)
        && Enum.TryParse<CredentialKind>(user.FindFirst(VigilAuthentication.KindClaim)?.Value, out var kind)
            ? new Credential(name, role, kind)
            : Credential.Local;
}
