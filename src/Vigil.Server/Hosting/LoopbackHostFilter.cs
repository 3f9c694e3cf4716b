using System.Globalization;
using System.Net;

namespace Vigil.Server.Hosting;

/// <summary>
/// While the server asks no caller who they are (<see cref="AccessGate"/>), it answers only requests addressed to a
/// loopback name on the port they arrived on: a web page whose DNS name an attacker rebinds to 127.0.0.1 reaches the
/// port, but its requests carry the attacker's name in <c>Host</c> and are refused with 400. ASP.NET Core's host
/// filtering takes a fixed list when the server starts; this filter follows the gate instead, so the restriction lifts
/// when the first key or user exists: every request must then present a credential, which a rebound page, running
/// under another name, does not hold.
/// </summary>
public static class LoopbackHostFilter
{
    /// <summary>The middleware: refuses a request whose Host is not a loopback name while the server is keyless.</summary>
    public static async Task Filter(HttpContext context, Func<Task> next)
    {
        var host = context.Request.Host;
        if (!IsAllowed(host, context.Request.IsHttps, context.Connection.LocalPort)
            && !await context.RequestServices.GetRequiredService<AccessGate>().RequiredAsync(context.RequestAborted))
        {
            var port = context.Connection.LocalPort.ToString(CultureInfo.InvariantCulture);
            var given = host.Value is { Length: > 100 } text ? text[..100] + "…" : host.Value;
            await Problems.Write(context, StatusCodes.Status400BadRequest, "Host not allowed",
                $"This server has no API key and answers requests addressed to localhost:{port}, 127.0.0.1:{port} or [::1]:{port} only, "
                + $"not to '{given}'; make a key or user (vigil keys create, vigil users add) to serve other names.");
            return;
        }
        await next();
    }

    /// <summary>
    /// Whether <paramref name="host"/> names this machine's loopback interface on <paramref name="localPort"/> (0: a
    /// test server without a port, whose port is not checked). A request without Host (HTTP/1.0) is allowed: a browser
    /// always sends one.
    /// </summary>
    public static bool IsAllowed(HostString host, bool https, int localPort)
    {
        if (!host.HasValue)
        {
            return true;
        }
        var port = host.Port ?? (https ? 443 : 80);
        if (localPort != 0 && port != localPort)
        {
            return false;
        }
        var name = host.Host;
        if (name.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        if (name.Length > 1 && name[0] == '[' && name[^1] == ']')
        {
            name = name[1..^1];
        }
        return IPAddress.TryParse(name, out var address)
            && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
    }
}
