using Microsoft.AspNetCore.Authorization;
using Vigil.Core.Access;

namespace Vigil.Server.Hosting;

/// <summary>
/// One authorization policy per <see cref="Permission"/>, each asking the role table; endpoints name the permission
/// they need with <see cref="Requires{TBuilder}"/>, and any endpoint that names none needs <see cref="Permission.Screen"/>.
/// </summary>
public static class AccessPolicies
{
    public static void Add(AuthorizationOptions options)
    {
        foreach (var permission in Enum.GetValues<Permission>())
        {
            options.AddPolicy(permission.ToString(), Policy(permission));
        }
        options.FallbackPolicy = Policy(Permission.Screen);
    }

    public static TBuilder Requires<TBuilder>(this TBuilder builder, Permission permission) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(permission.ToString());

    /// <summary>The permission an endpoint asks for, for the message that refuses it; null when no endpoint matched.</summary>
    public static Permission? Required(Endpoint? endpoint) => endpoint is null ? null : Required(endpoint.Metadata);

    /// <summary>The permission endpoint metadata names (the last policy wins, as in ASP.NET Core), else the fallback's.</summary>
    public static Permission Required(IEnumerable<object> metadata) =>
        metadata.OfType<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null) is { } policy
        && Enum.TryParse<Permission>(policy, out var permission)
            ? permission
            : Permission.Screen;

    private static AuthorizationPolicy Policy(Permission permission) =>
        new AuthorizationPolicyBuilder(VigilAuthentication.SchemeName)
            .RequireAuthenticatedUser()
            .RequireAssertion(context => Caller.Of(context.User).May(permission))
            .Build();
}
