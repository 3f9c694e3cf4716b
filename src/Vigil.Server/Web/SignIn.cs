using Vigil.Core.Storage;
using Vigil.Server.Hosting;
using Vigil.Server.Web.Pages;

namespace Vigil.Server.Web;

/// <summary>
/// <c>POST /login</c>: checks a user's login and password (or an API key) and opens a session whose random id goes into
/// an HttpOnly, SameSite=Strict cookie (Secure whenever the request is HTTPS), then returns to the page the analyst
/// wanted (a local path only, never another site). The cookie never holds the key or the password.
/// </summary>
/// <remarks>
/// Cross-site request forgery: the sign-in form is protected by an origin check rather than an antiforgery token.
/// Before sign-in there is no session to bind a token to, and a token would need a data-protection key ring kept
/// across restarts and replicas, which this server otherwise does not need. After sign-in the session cookie is
/// SameSite=Strict, so a request started by another site carries no session. What remains is login CSRF (another site
/// posting its own credentials so that the analyst works, unknowingly, in its session); browsers mark every form POST
/// with <c>Sec-Fetch-Site</c> and <c>Origin</c>, and a POST whose marks do not name this origin is refused.
/// </remarks>
internal static class SignIn
{
    public static async Task<IResult> Post(HttpContext context, AccessGate gate, VigilStore store)
    {
        if (!SameOrigin.Check(context.Request))
        {
            return WebPages.Message("Sign-in refused", "The sign-in form was not sent from this site.", StatusCodes.Status403Forbidden);
        }
        if (!context.Request.HasFormContentType)
        {
            return WebPages.Message("Sign-in refused", "Send the sign-in form as a form.", StatusCodes.Status400BadRequest);
        }
        var cancellationToken = context.RequestAborted;
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var next = LocalPath(form["next"]);
        if (!await gate.RequiredAsync(cancellationToken))
        {
            return Results.Redirect(next);
        }
        var login = form["login"].ToString().Trim();
        var key = form["key"].ToString().Trim();
        string? session;
        if (login.Length > 0)
        {
            session = await store.SignInAsync(login, form["password"].ToString(), cancellationToken);
        }
        else if (key.Length > 0)
        {
            session = gate.OperatorKeys.Accepts(key)
                ? await store.SignInWithOperatorKeyAsync(ApiKeys.HashText(key), cancellationToken)
                : await store.SignInWithKeyAsync(key, cancellationToken);
        }
        else
        {
            return WebPages.Page<LoginPage>(new { Next = next, Error = "Give your login and password, or an API key." }, StatusCodes.Status400BadRequest);
        }
        if (session is null)
        {
            return WebPages.Page<LoginPage>(new
            {
                Next = next,
                Login = login,
                Error = login.Length > 0 ? "That login and password are not accepted. Check them and try again." : "That key is not accepted. Check it and try again.",
            }, StatusCodes.Status401Unauthorized);
        }
        context.Response.Cookies.Append(VigilAuthentication.SessionCookie, session, Cookie(context, VigilStore.SessionLifetime));
        return Results.Redirect(next);
    }

    /// <summary>
    /// <c>POST /logout</c>: ends the session in the store and forgets the cookie, then shows the sign-in form. Open
    /// without a session (a stale cookie must still be clearable), so it takes the same origin check as sign-in: another
    /// site cannot sign the analyst out.
    /// </summary>
    public static async Task<IResult> SignOut(HttpContext context, VigilStore store)
    {
        if (!SameOrigin.Check(context.Request))
        {
            return WebPages.Message("Sign-out refused", "The sign-out form was not sent from this site.", StatusCodes.Status403Forbidden);
        }
        if (context.Request.Cookies.TryGetValue(VigilAuthentication.SessionCookie, out var session) && session.Length > 0)
        {
            await store.EndSessionAsync(session, context.RequestAborted);
        }
        context.Response.Cookies.Delete(VigilAuthentication.SessionCookie, Cookie(context, null));
        return Results.Redirect("/login");
    }

    private static CookieOptions Cookie(HttpContext context, TimeSpan? lifetime) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = context.Request.IsHttps,
        Path = "/",
        IsEssential = true,
        MaxAge = lifetime,
    };

    /// <summary>
    /// The address to return to when it is a path on this server; anything else (<c>//evil.example</c>,
    /// <c>/\evil.example</c>, <c>https://...</c>) becomes <c>/</c>, so the sign-in page cannot send anyone elsewhere.
    /// </summary>
    public static string LocalPath(string? next)
    {
        if (string.IsNullOrEmpty(next) || next[0] != '/' || next.Contains('\\', StringComparison.Ordinal) || next.Any(char.IsControl))
        {
            return "/";
        }
        if (next.Length > 1 && next[1] == '/')
        {
            return "/";
        }
        return next.StartsWith("/login", StringComparison.OrdinalIgnoreCase) ? "/" : next;
    }
}
