using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Vigil.Core.Access;

/// <summary>
/// Password hashes: PBKDF2 with HMAC-SHA-512 at the iteration count OWASP recommends, a random salt per password, in a
/// self-describing text (<c>pbkdf2-sha512$iterations$salt$hash</c>) so that a later, slower setting still verifies the
/// hashes made before it.
/// </summary>
public static class Passwords
{
    private const string Scheme = "pbkdf2-sha512";
    private const int Iterations = 210_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    /// <summary>The shortest password accepted: shorter ones fall to a guessing attack whatever the hash.</summary>
    public const int MinimumLength = 12;

    public static string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA512, HashBytes);
        return string.Create(CultureInfo.InvariantCulture, $"{Scheme}${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    public static bool Verify(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < 1)
        {
            return false;
        }
        byte[] salt, expected;
        try
        {
            salt = Convert.FromBase64String(parts[2]);
            expected = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA512, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>Why a new password is refused, or null.</summary>
    public static string? Problem(string password) =>
        password.Length < MinimumLength ? $"password: at least {MinimumLength} characters"
        : password.Trim().Length != password.Length ? "password: no leading or trailing spaces (they are lost too easily when typing)"
        : null;
}
