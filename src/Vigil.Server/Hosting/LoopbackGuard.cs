using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Vigil.Server.Hosting;

/// <summary>
/// Keeps a server without API keys reachable from this machine alone. An address counts as loopback only when Kestrel
/// binds it to loopback interfaces: a literal 127.x.x.x or ::1, or the name <c>localhost</c> (which Kestrel binds to
/// 127.0.0.1 and ::1). Any other host name, even one that resolves to loopback such as <c>loopback</c>, Kestrel binds to
/// every interface, so it is refused. The guard reads what Kestrel reads (every URL of a <c>;</c>-separated list and the
/// <c>Kestrel:Endpoints</c> configuration, which overrides the URLs), then checks the addresses actually bound.
/// </summary>
public static class LoopbackGuard
{
    /// <summary>The first configured or bound address that is not loopback only, or null when all are.</summary>
    public static string? FirstExposed(IEnumerable<string> urls)
    {
        foreach (var url in urls.SelectMany(u => u.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!IsLoopback(url))
            {
                return url;
            }
        }
        return null;
    }

    /// <summary>Whether Kestrel listens on loopback interfaces only for this URL; a URL it cannot read is refused as such.</summary>
    public static bool IsLoopback(string url)
    {
        BindingAddress address;
        try
        {
            address = BindingAddress.Parse(url);
        }
        catch (FormatException)
        {
            throw new ArgumentException($"--urls: '{url}' is not a URL such as http://127.0.0.1:8080");
        }
        if (address.IsUnixPipe || address.IsNamedPipe)
        {
            return false;
        }
        var host = address.Host;
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        if (host.Length > 1 && host[0] == '[' && host[^1] == ']')
        {
            host = host[1..^1];
        }
        if (!IPAddress.TryParse(host, out var ip))
        {
            return false;
        }
        if (ip.IsIPv4MappedToIPv6)
        {
            // Linux refuses to bind an IPv4-mapped address at all; the plain 127.0.0.1 is what is meant.
            throw new ArgumentException($"--urls: '{url}' is an IPv4-mapped IPv6 address, which cannot be bound; write http://127.0.0.1:PORT instead");
        }
        return IPAddress.IsLoopback(ip);
    }

    /// <summary>The URLs the <c>Kestrel:Endpoints</c> configuration section names (environment variables <c>Kestrel__Endpoints__NAME__Url</c>).</summary>
    public static IEnumerable<string> ConfiguredEndpoints(IConfiguration configuration) =>
        configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Select(e => e["Url"])
            .OfType<string>();

    /// <summary>The addresses the server actually listens on, once started.</summary>
    public static IReadOnlyList<string> Bound(IServer server) =>
        server.Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];

    /// <summary>Whether a connection arrived on a loopback interface; null (an in-memory test server) has no network to arrive from.</summary>
    public static bool ArrivedOnLoopback(ConnectionInfo connection) =>
        connection.LocalIpAddress is not { } local
        || IPAddress.IsLoopback(local.IsIPv4MappedToIPv6 ? local.MapToIPv4() : local);

    public static ArgumentException Refusal(string exposed) =>
        new($"refusing to listen on {exposed} without an API key: make a key or user (vigil keys create, vigil users add), set {ServerDefaults.ApiKeysVariable} or --keys-file, or bind 127.0.0.1");
}
