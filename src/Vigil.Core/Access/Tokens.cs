using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Vigil.Core.Access;

/// <summary>
/// The secrets Vigil hands out (API keys, session ids): 32 random bytes, base64url, behind a short prefix that says what
/// the secret is when it turns up in a log or a leaked file. The store keeps only their SHA-256: the secrets are
/// random and long, so a fast hash leaves nothing to guess, and a lookup by hash needs no constant-time comparison.
/// </summary>
internal static class Tokens
{
    public const string KeyPrefix = "vk_";
    public const string SessionPrefix = "vs_";

    public static string New(string prefix) => prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>What a listing shows of a key so its owner can tell which one it is: the prefix and four characters.</summary>
    public static string Shown(string token) => token[..Math.Min(token.Length, KeyPrefix.Length + 4)];
}
