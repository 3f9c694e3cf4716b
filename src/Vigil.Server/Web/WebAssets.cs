using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace Vigil.Server.Web;

/// <summary>
/// The pages' stylesheet and images, embedded in the assembly and served at <c>/assets/NAME</c>. Pages link them
/// with <c>?v=HASH</c>, so a browser may keep a versioned copy for a year and still sees a new one after an upgrade.
/// </summary>
public static class WebAssets
{
    private const string ResourcePrefix = "Vigil.Server.Web.Assets.";

    private static readonly FrozenDictionary<string, Asset> Assets = Load();

    /// <summary>The address of an asset with its content version, for a page to link.</summary>
    public static string Url(string name) => $"/assets/{name}?v={Assets[name].Version}";

    internal static void MapWebAssets(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/assets/{name}", (string name, HttpContext context) => Serve(name, context)).AllowAnonymous().ExcludeFromDescription();

    private static IResult Serve(string name, HttpContext context)
    {
        if (!Assets.TryGetValue(name, out var asset))
        {
            return Results.NotFound();
        }
        var headers = context.Response.GetTypedHeaders();
        headers.ETag = asset.ETag;
        // A versioned address names exactly these bytes; an unversioned one must be checked again each time.
        headers.CacheControl = context.Request.Query["v"] == asset.Version
            ? new CacheControlHeaderValue { Public = true, MaxAge = TimeSpan.FromDays(365), Extensions = { new NameValueHeaderValue("immutable") } }
            : new CacheControlHeaderValue { NoCache = true };
        if (context.Request.GetTypedHeaders().IfNoneMatch.Any(tag => tag.Compare(asset.ETag, useStrongComparison: false)))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        return Results.Bytes(asset.Content, asset.ContentType);
    }

    private static FrozenDictionary<string, Asset> Load()
    {
        var assembly = typeof(WebAssets).Assembly;
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var content = buffer.ToArray();
            var version = Convert.ToHexStringLower(SHA256.HashData(content))[..12];
            var name = resource[ResourcePrefix.Length..];
            assets[name] = new Asset(content, ContentTypeOf(name), version, new EntityTagHeaderValue($"\"{version}\""));
        }
        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };

    private sealed record Asset(byte[] Content, string ContentType, string Version, EntityTagHeaderValue ETag);
}
