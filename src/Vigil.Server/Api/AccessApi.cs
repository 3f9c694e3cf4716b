using Microsoft.AspNetCore.Mvc;
using Vigil.Core.Access;
using Vigil.Core.Storage;
using Vigil.Core.Workflow;
using Vigil.Server.Hosting;

namespace Vigil.Server.Api;

/// <summary>
/// <c>/keys</c> and <c>/users</c>: the administrator's view of who may use the server. A key is returned once, when
/// made; afterwards only its name, role and first characters.
/// </summary>
public static class AccessApi
{
    public static void MapAccessApi(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("").Requires(Permission.Administer).WithTags("Access");
        admin.MapGet("/keys", async (VigilStore store, CancellationToken cancellationToken) => Results.Json(await store.ListKeysAsync(cancellationToken), WorkflowJson.Compact))
            .WithSummary("Every named API key, revoked ones too (never the keys themselves)")
            .Produces<IReadOnlyList<ApiKeyInfo>>();
        admin.MapPost("/keys", CreateKey)
            .WithSummary("Makes a named key with a role; the response holds the key, shown this once")
            .Produces<CreatedKeyResponse>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest);
        admin.MapPost("/keys/{id:long}/revoke", async (HttpContext context, long id, VigilStore store, CancellationToken cancellationToken) =>
                await store.RevokeKeyAsync(id, Caller.Name(context), cancellationToken) is { } key
                    ? Results.Json(key, WorkflowJson.Compact)
                    : Problems.NotFound($"id: no key {id} in use"))
            .WithSummary("Revokes a key at once, with the web sessions opened with it")
            .Produces<ApiKeyInfo>().ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapGet("/users", async (VigilStore store, CancellationToken cancellationToken) => Results.Json(await store.ListUsersAsync(cancellationToken), WorkflowJson.Compact))
            .WithSummary("Every user, disabled ones too")
            .Produces<IReadOnlyList<UserInfo>>();
        admin.MapPost("/users", AddUser)
            .WithSummary("Adds a user with a role and a password (at least 12 characters)")
            .Produces<UserInfo>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest);
        admin.MapPost("/users/{login}/disable", async (HttpContext context, string login, VigilStore store, CancellationToken cancellationToken) =>
                await store.DisableUserAsync(login, Caller.Name(context), cancellationToken) is { } user
                    ? Results.Json(user, WorkflowJson.Compact)
                    : Problems.NotFound($"login: no active user '{login}'"))
            .WithSummary("Stops a user signing in and ends their sessions at once")
            .Produces<UserInfo>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    internal static async Task<IResult> CreateKey(HttpContext context, [FromBody] KeyRequest? body, VigilStore store, AccessGate gate, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body?.Name))
        {
            return Problems.BadRequest("name: say who or what holds the key, e.g. {\"name\": \"payments-gateway\", \"role\": \"service\"}");
        }
        if (!WorkflowNames.TryParse<Role>(body.Role, out var role))
        {
            return Problems.BadRequest($"role: '{body.Role}' is not one of {WorkflowNames.All<Role>()}");
        }
        try
        {
            var created = await store.CreateKeyAsync(body.Name, role, Caller.Name(context), cancellationToken);
            gate.CredentialsExist();
            return Results.Json(CreatedKeyResponse.From(created), WorkflowJson.Compact, statusCode: StatusCodes.Status201Created);
        }
        catch (ArgumentException e)
        {
            return Problems.BadRequest(e.Message);
        }
    }

    internal static async Task<IResult> AddUser(HttpContext context, [FromBody] UserRequest? body, VigilStore store, AccessGate gate, CancellationToken cancellationToken)
    {
        if (body is null || string.IsNullOrWhiteSpace(body.Login))
        {
            return Problems.BadRequest("login: give the user's login, role and password, e.g. {\"login\": \"ann\", \"role\": \"analyst\", \"password\": \"...\"}");
        }
        if (!WorkflowNames.TryParse<Role>(body.Role, out var role))
        {
            return Problems.BadRequest($"role: '{body.Role}' is not one of {WorkflowNames.All<Role>()}");
        }
        try
        {
            var user = await store.AddUserAsync(body.Login, role, body.Password ?? "", Caller.Name(context), cancellationToken);
            gate.CredentialsExist();
            return Results.Json(user, WorkflowJson.Compact, statusCode: StatusCodes.Status201Created);
        }
        catch (ArgumentException e)
        {
            return Problems.BadRequest(e.Message);
        }
    }
}
