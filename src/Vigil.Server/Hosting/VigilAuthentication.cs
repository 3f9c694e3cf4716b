using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Vigil.Core.Access;
using Vigil.Core.Storage;
using Vigil.Core.Workflow;
using Vigil.Server.Web;

namespace Vigil.Server.Hosting;

/// <summary>
/// Who is calling: an API key (<c>Authorization: Bearer KEY</c> or <c>ApiKey KEY</c>, or <c>?api_key=KEY</c> for
/// OpenRefine), checked against the operator keys and the store's named keys; else the web page's session cookie,
/// which holds a random session id and never a key or password. A server with no credentials at all answers its own
/// machine only, as an administrator (<see cref="AccessGate"/>).
/// </summary>
public sealed class VigilAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AccessGate gate, VigilStore store)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Vigil";

    public const string SessionCookie = "vigil_session";

    /// <summary>The claim naming how the caller proved who they are (<see cref="CredentialKind"/>).</summary>
    public const string KindClaim = "vigil:credential";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var cancellationToken = Context.RequestAborted;
        if (!await gate.RequiredAsync(cancellationToken))
        {
            return LoopbackGuard.ArrivedOnLoopback(Context.Connection)
                ? Success(Credential.Local)
                : AuthenticateResult.Fail("This server has no API key and answers requests from its own machine only.");
        }
        if (ApiKeys.Presented(Request) is { } key)
        {
            if (gate.OperatorKeys.Accepts(key))
            {
                return Success(Credential.Operator);
            }
            return await store.FindKeyAsync(key, cancellationToken) is { } holder
                ? Success(holder)
                : AuthenticateResult.Fail("That API key is not accepted.");
        }
        if (Request.Cookies.TryGetValue(SessionCookie, out var session) && session.Length > 0)
        {
            return await store.FindSessionAsync(session, gate.OperatorKeys.AcceptsHash, cancellationToken) is { } holder
                ? Success(holder)
                : AuthenticateResult.Fail("The sign-in session has ended; sign in again.");
        }
        return AuthenticateResult.NoResult();
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (!await gate.RequiredAsync(Context.RequestAborted))
        {
            await Problems.Write(Context, StatusCodes.Status403Forbidden, "Loopback only",
                "This server has no API key and answers requests from its own machine only.");
            return;
        }
        // A person in a browser is sent to sign in; a program gets a problem document it can read.
        if (WantsPage(Request))
        {
            Response.Redirect("/login?next=" + Uri.EscapeDataString(Request.Path + Request.QueryString));
            return;
        }
        await Problems.Write(Context, StatusCodes.Status401Unauthorized, "API key required",
            ApiKeys.Presented(Request) is not null
                ? "That API key is not accepted (unknown or revoked)."
                : "Send an accepted key as 'Authorization: Bearer KEY' (or 'ApiKey KEY', or ?api_key=KEY).");
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var permission = AccessPolicies.Required(Context.GetEndpoint());
        var role = Caller.RoleOf(Context);
        var detail = $"{Caller.Name(Context)} has the role {WorkflowNames.Name(role)}, which may not {What(permission)}.";
        if (WantsPage(Request))
        {
            await WebPages.Message("Not permitted", detail, StatusCodes.Status403Forbidden).ExecuteAsync(Context);
            return;
        }
        await Problems.Write(Context, StatusCodes.Status403Forbidden, "Not permitted", detail);
    }

    private static AuthenticateResult Success(Credential credential)
    {
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, credential.Name),
                new Claim(ClaimTypes.Role, credential.Role.ToString()),
                new Claim(KindClaim, credential.Kind.ToString()),
            ],
            SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private static bool WantsPage(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && request.Headers.Accept.ToString().Contains("text/html", StringComparison.Ordinal);

    private static string What(Permission? permission) => permission switch
    {
        Permission.Screen => "screen or read the lists",
        Permission.ReadWork => "read alerts, decisions, subjects or jobs",
        Permission.ManageSubjects => "add or change subjects or submit batch jobs",
        Permission.WorkAlerts => "comment on, assign or decide alerts",
        Permission.ApproveDecisions => "approve or reject decisions",
        Permission.Revoke => "revoke decisions",
        Permission.ReadAudit => "read the audit trail",
        Permission.ReadOwnEvidence => "read evidence",
        Permission.Administer => "manage users, keys, webhooks or settings",
        _ => "do this",
    };
}
