using System.Globalization;
using System.Text;

namespace Vigil.Core.Audit;

/// <summary>
/// A signed statement of the log's size and Merkle root at a time, as a plain-text note that can be copied off the
/// machine. The note is the body — four lines: origin, tree size, root in base64, UTC time — a blank line, and a
/// signature line <c>— vigil-audit KEYID BASE64</c>, the signature being ECDSA P-256 (DER) over SHA-256 of the body's
/// bytes (each of the four lines ending in a line feed).
/// </summary>
public sealed record Checkpoint(string Origin, long TreeSize, byte[] Root, string Time, string KeyId, byte[] Signature)
{
    private const string SignaturePrefix = "\u2014 vigil-audit ";

    /// <summary>The origin line of a log signed by <paramref name="keyId"/>.</summary>
    public static string OriginFor(string keyId) => "vigil-audit/" + keyId;

    public string Body() => string.Create(CultureInfo.InvariantCulture, $"{Origin}\n{TreeSize}\n{Convert.ToBase64String(Root)}\n{Time}\n");

    public string Note() => Body() + "\n" + SignaturePrefix + KeyId + " " + Convert.ToBase64String(Signature) + "\n";

    /// <summary>Signs the tree of <paramref name="treeSize"/> leaves with <paramref name="root"/> at <paramref name="time"/>.</summary>
    public static Checkpoint Sign(long treeSize, byte[] root, string time, AuditSigningKey key)
    {
        var unsigned = new Checkpoint(OriginFor(key.KeyId), treeSize, root, time, key.KeyId, []);
        return unsigned with { Signature = key.Sign(Encoding.UTF8.GetBytes(unsigned.Body())) };
    }

    /// <summary>Whether the signature is <paramref name="key"/>'s over the body, and the note names that key.</summary>
    public bool VerifySignature(AuditSigningKey key) =>
        KeyId == key.KeyId && Origin == OriginFor(key.KeyId) && key.Verify(Encoding.UTF8.GetBytes(Body()), Signature);

    /// <summary>Reads a note; throws <see cref="FormatException"/> naming the line at fault.</summary>
    public static Checkpoint Parse(string note)
    {
        var lines = note.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length < 6)
        {
            throw new FormatException("a checkpoint has four lines, a blank line and a signature line");
        }
        if (!long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            throw new FormatException($"line 2: '{lines[1]}' is not a tree size");
        }
        byte[] root;
        try
        {
            root = Convert.FromBase64String(lines[2]);
        }
        catch (FormatException)
        {
            throw new FormatException($"line 3: '{lines[2]}' is not a base64 root");
        }
        if (root.Length != AuditHashes.Size)
        {
            throw new FormatException($"line 3: the root has {root.Length} bytes, not 32");
        }
        if (lines[4].Length != 0 || !lines[5].StartsWith(SignaturePrefix, StringComparison.Ordinal))
        {
            throw new FormatException("line 6: no '\u2014 vigil-audit KEYID SIGNATURE' line after the blank line");
        }
        var parts = lines[5][SignaturePrefix.Length..].Split(' ');
        if (parts.Length != 2)
        {
            throw new FormatException("line 6: the signature line is '\u2014 vigil-audit KEYID SIGNATURE'");
        }
        byte[] signature;
        try
        {
            signature = Convert.FromBase64String(parts[1]);
        }
        catch (FormatException)
        {
            throw new FormatException("line 6: the signature is not base64");
        }
        return new Checkpoint(lines[0], size, root, lines[3], parts[0], signature);
    }
}
