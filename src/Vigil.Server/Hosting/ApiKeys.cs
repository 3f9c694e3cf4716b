using System.Security.Cryptography;
using System.Text;

namespace Vigil.Server.Hosting;

/// <summary>
/// The operator keys (from <c>VIGIL_API_KEYS</c> and a keys file), compared in constant time; each acts as an
/// administrator. Keys arrive as <c>Authorization: Bearer KEY</c>, as <c>Authorization: ApiKey KEY</c> (what yente
/// clients send) or as <c>?api_key=KEY</c> (OpenRefine cannot set headers).
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

    /// <summary>
    /// Whether a key with this SHA-256 (lower-case hex) is accepted: a web session opened with an operator key keeps
    /// only the hash, and ends when the key leaves the configuration.
    /// </summary>
    public bool AcceptsHash(string hexHash)
    {
        var accepted = false;
        foreach (var h in _hashes)
        {
            accepted |= string.Equals(Convert.ToHexStringLower(h), hexHash, StringComparison.Ordinal);
        }
        return accepted;
    }

    /// <summary>The SHA-256 of a key, as <see cref="AcceptsHash"/> takes it.</summary>
    public static string HashText(string key) => Convert.ToHexStringLower(Hash(key));

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
        return request.Query.TryGetValue("api_key", out var query) && query.Count > 0 ? query[0] : null;
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
