using System.Security.Cryptography;
using System.Text;

namespace Vigil.Server.Hosting;

/// <summary>
/// The API keys a caller may present, compared in constant time. Keys arrive as <c>Authorization: Bearer KEY</c>,
/// as <c>Authorization: ApiKey KEY</c> (what yente clients send), as <c>?api_key=KEY</c> (OpenRefine cannot set
/// headers) or in the cookie the web page's sign-in sets.
/// </summary>
public sealed class ApiKeys
{
    private readonly byte[][] _hashes;

    public ApiKeys(IEnumerable<string> keys) =>
        _hashes = keys.Select(k => k.Trim()).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).Select(Hash).ToArray();

    public bool Required => _hashes.Length > 0;

    public bool Accepts(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return false;
        }
        var hash = Hash(key);
        var accepted = false;
        // Every key is compared, so timing does not tell which one came close.
        foreach (var h in _hashes)
        {
            accepted |= CryptographicOperations.FixedTimeEquals(h, hash);
        }
        return accepted;
    }

    /// <summary>The key a request presents, from wherever it was put; null when none.</summary>
    public static string? Presented(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        foreach (var scheme in (ReadOnlySpan<string>)["Bearer ", "ApiKey "])
        {
            if (header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                return header[scheme.Length..].Trim();
            }
        }
        if (request.Query.TryGetValue("api_key", out var query) && query.Count > 0)
        {
            return query[0];
        }
        return request.Cookies.TryGetValue(ServerDefaults.KeyCookie, out var cookie) ? cookie : null;
    }

    /// <summary>Keys from <c>VIGIL_API_KEYS</c> (comma-separated) and a keys file (one per line, <c>#</c> comments).</summary>
    public static IReadOnlyList<string> Load(string? environmentValue, string? keysFile)
    {
        var keys = new List<string>();
        if (!string.IsNullOrWhiteSpace(environmentValue))
        {
            var fromEnvironment = environmentValue.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (fromEnvironment.Length == 0)
            {
                // Whoever set the variable meant to require a key; serving without one would be the opposite.
                throw new ArgumentException($"{ServerDefaults.ApiKeysVariable} is set but holds no key: refusing to serve without authentication");
            }
            keys.AddRange(fromEnvironment);
        }
        if (keysFile is not null)
        {
            if (!File.Exists(keysFile))
            {
                throw new FileNotFoundException($"{keysFile}: no such keys file", keysFile);
            }
            var fromFile = File.ReadLines(keysFile)
                .Select(l => l.Trim())
                .Where(l => l.Length > 0 && !l.StartsWith('#'))
                .ToList();
            if (fromFile.Count == 0)
            {
                throw new ArgumentException($"{keysFile}: the keys file holds no key (only blank lines or comments): refusing to serve without authentication");
            }
            keys.AddRange(fromFile);
        }
        return keys;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}

/// <summary>Turns away requests without an accepted key, except health, readiness, metrics and the sign-in page.</summary>
internal sealed class ApiKeyMiddleware(RequestDelegate next, ApiKeys keys)
{
    private static readonly string[] OpenPaths = ["/healthz", "/readyz", "/metrics", "/login", "/logout", "/assets/"];

    public Task InvokeAsync(HttpContext context)
    {
        if (!keys.Required)
        {
            // Without a key only loopback may call, whatever the server ended up bound to.
            return LoopbackGuard.ArrivedOnLoopback(context.Connection)
                ? next(context)
                : Problems.Write(context, StatusCodes.Status403Forbidden, "Loopback only",
                    "This server has no API key and answers requests from its own machine only.");
        }
        if (keys.Accepts(ApiKeys.Presented(context.Request)) || IsOpen(context.Request.Path))
        {
            return next(context);
        }
        // A person in a browser is sent to sign in; a program gets a problem document it can read.
        if (HttpMethods.IsGet(context.Request.Method) && context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.Ordinal))
        {
            context.Response.Redirect("/login?next=" + Uri.EscapeDataString(context.Request.Path + context.Request.QueryString));
            return Task.CompletedTask;
        }
        return Problems.Write(context, StatusCodes.Status401Unauthorized, "API key required",
            "Send an accepted key as 'Authorization: Bearer KEY' (or 'ApiKey KEY', or ?api_key=KEY).");
    }

    /// <summary>Whether a path is answered without a key (the OpenAPI document says so of the same paths).</summary>
    internal static bool IsOpen(PathString path)
    {
        foreach (var open in OpenPaths)
        {
            if (path.StartsWithSegments(open.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }
}
