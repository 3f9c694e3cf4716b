namespace Vigil.Server.Web;

/// <summary>
/// The pages' defence against cross-site form posts: a POST is taken only when the browser marks it as sent from this
/// site, by <c>Sec-Fetch-Site: same-origin</c> or, from a browser without fetch metadata, an <c>Origin</c> naming this
/// host. Sign-in and sign-out use it (see <see cref="SignIn"/> for why an origin check rather than a token), and so does
/// every form that changes an alert: the key cookie is SameSite=Strict already, and this check also holds on a server
/// without keys, where no cookie stands between another site and the store.
/// </summary>
internal static class SameOrigin
{
    public static bool Check(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0)
        {
            return site == "same-origin";
        }
        // Browsers without fetch metadata still send Origin on a form POST; a request with neither is not a browser's form.
        var origin = request.Headers.Origin.ToString();
        return Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && string.Equals(uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}", request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Refuses, with a page saying why, a form post to the endpoints it guards that another site sent.</summary>
    public static async ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        Check(context.HttpContext.Request)
            ? await next(context)
            : WebPages.Message("Form refused", "The form was not sent from this site, so nothing was changed.", StatusCodes.Status403Forbidden);
}
