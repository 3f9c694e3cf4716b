using Vigil.Server.Hosting;
using Vigil.Server.Web.Pages;

namespace Vigil.Server.Web;

/// <summary>
/// <c>POST /login</c>: checks the key and keeps it in an HttpOnly, SameSite=Strict cookie, which the API key
/// middleware accepts, then returns to the page the analyst wanted (a local path only, never another site).
/// </summary>
/// <remarks>
/// Cross-site request forgery: the sign-in form is protected by an origin check rather than an antiforgery token.
/// Before sign-in there is no session to bind a token to, and a token would need a data-protection key ring kept
/// across restarts and replicas, which this server otherwise does not need. After sign-in the key cookie is
/// SameSite=Strict, so a request started by another site carries no key. What remains is login CSRF (another site
/// posting its own key so that the analyst works, unknowingly, in its session); browsers mark every form POST with
/// <c>Sec-Fetch-Site</c> and <c>Origin</c>, and a POST whose marks do not name this origin is refused.
/// </remarks>
internal static class SignIn
{
    public static async Task<IResult> Post(HttpContext context, ApiKeys keys)
    {
        if (!SameOrigin.Check(context.Request))
        {
            return WebPages.Message("Sign-in refused", "The sign-in form was not sent from this site.", StatusCodes.Status403Forbidden);
        }
        if (!context.Request.HasFormContentType)
        {
            return WebPages.Message("Sign-in refused", "Send the sign-in form as a form.", StatusCodes.Status400BadRequest);
        }
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var next = LocalPath(form["next"]);
        var key = form["key"].ToString().Trim();
        if (!keys.Required)
        {
            return Results.Redirect(next);
        }
        if (!keys.Accepts(key))
        {
            return WebPages.Page<LoginPage>(new { Next = next, Error = "That key is not accepted. Check it and try again." },
                StatusCodes.Status401Unauthorized);
        }
        context.Response.Cookies.Append(ServerDefaults.KeyCookie, key, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/",
            IsEssential = true,
        });
        return Results.Redirect(next);
    }

    /// <summary>
    /// <c>POST /logout</c>: forgets the key cookie and shows the sign-in form. Open without a key (a stale cookie must
    /// still be clearable), so it takes the same origin check as sign-in: another site cannot sign the analyst out.
    /// </summary>
    public static IResult SignOut(HttpContext context)
    {
        if (!SameOrigin.Check(context.Request))
        {
            return WebPages.Message("Sign-out refused", "The sign-out form was not sent from this site.", StatusCodes.Status403Forbidden);
        }
        context.Response.Cookies.Delete(ServerDefaults.KeyCookie, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/",
        });
        return Results.Redirect("/login");
    }

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
