using System.Security.Cryptography;
using System.Text;
using Vigil.Core.Storage;

namespace Vigil.Core.Audit;

/// <summary>
/// The ECDSA P-256 key that signs checkpoints, kept in a PEM file outside the store so that someone who can write the
/// database cannot re-sign a rewritten log. Created on first use, readable by its owner only.
/// </summary>
public sealed class AuditSigningKey : IDisposable
{
    /// <summary>Environment variable that names the key file when <c>--audit-key</c> is not given.</summary>
    public const string EnvironmentVariable = "VIGIL_AUDIT_KEY";

    private readonly ECDsa _key;

    private AuditSigningKey(ECDsa key, bool canSign, string path)
    {
        _key = key;
        CanSign = canSign;
        Path = path;
        var spki = key.ExportSubjectPublicKeyInfo();
        KeyId = Convert.ToHexStringLower(SHA256.HashData(spki).AsSpan(0, 4));
    }

    /// <summary>Whether this is the private key (a public key only verifies).</summary>
    public bool CanSign { get; }

    public string Path { get; }

    /// <summary>The first four bytes of SHA-256 of the public key's SubjectPublicKeyInfo (DER), in hex: names the key in checkpoints.</summary>
    public string KeyId { get; }

    /// <summary>The public key as a PEM "PUBLIC KEY" block, to hand to auditors.</summary>
    public string PublicPem() => _key.ExportSubjectPublicKeyInfoPem() + "\n";

    /// <summary>
    /// The key file at <paramref name="option"/>, else <c>VIGIL_AUDIT_KEY</c>, else <paramref name="defaultPath"/>;
    /// throws <see cref="ArgumentException"/> when none names one.
    /// </summary>
    public static string ResolvePath(string? option, string? defaultPath)
    {
        var path = string.IsNullOrWhiteSpace(option) ? Environment.GetEnvironmentVariable(EnvironmentVariable) : option;
        path = string.IsNullOrWhiteSpace(path) ? defaultPath : path;
        return path is null
            ? throw new ArgumentException($"--audit-key: give the signing key's file (or ${EnvironmentVariable}); a PostgreSQL store has no default place for it")
            : System.IO.Path.GetFullPath(path);
    }

    /// <summary>Reads the private key at <paramref name="path"/>, creating it (mode 0600) when the file is missing.</summary>
    /// <exception cref="InvalidDataException">The file holds no EC private key.</exception>
    public static AuditSigningKey LoadOrCreate(string path)
    {
        if (!File.Exists(path))
        {
            OwnerOnlyFiles.CreateFolder(System.IO.Path.GetDirectoryName(path)!);
            using var created = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            try
            {
                using var file = new StreamWriter(path, Encoding.ASCII, OwnerOnlyFiles.NewFile());
                file.Write(created.ExportPkcs8PrivateKeyPem());
                file.Write('\n');
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first: use theirs.
            }
        }
        return Load(path, requirePrivate: true);
    }

    /// <summary>Reads a public key (or the public half of a private key) from a PEM file.</summary>
    /// <exception cref="InvalidDataException">The file holds no P-256 key.</exception>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    public static AuditSigningKey LoadPublic(string path) => Load(System.IO.Path.GetFullPath(path), requirePrivate: false);

    private static AuditSigningKey Load(string path, bool requirePrivate)
    {
        var pem = File.ReadAllText(path);
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new InvalidDataException($"{path} holds no ECDSA P-256 key in PEM form", e);
        }
        var hasPrivate = pem.Contains("PRIVATE KEY-----", StringComparison.Ordinal);
        if (requirePrivate && !hasPrivate)
        {
            key.Dispose();
            throw new InvalidDataException($"{path} holds a public key only; signing checkpoints needs the private key");
        }
        if (key.KeySize != 256)
        {
            key.Dispose();
            throw new InvalidDataException($"{path} holds a {key.KeySize}-bit key; audit checkpoints use P-256");
        }
        return new AuditSigningKey(key, hasPrivate, path);
    }

    /// <summary>ECDSA P-256 over SHA-256 of <paramref name="data"/>, DER-encoded (what <c>openssl dgst -sha256 -verify</c> reads).</summary>
    public byte[] Sign(byte[] data) =>
        CanSign
            ? _key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)
            : throw new InvalidOperationException($"{Path} is a public key: it cannot sign");

    public bool Verify(byte[] data, byte[] signature)
    {
        try
        {
            return _key.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    public void Dispose() => _key.Dispose();
}
