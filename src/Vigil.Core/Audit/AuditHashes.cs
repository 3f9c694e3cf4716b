using System.Security.Cryptography;

namespace Vigil.Core.Audit;

/// <summary>
/// The hash formulas of the audit trail: RFC 6962 leaves (<c>SHA-256(0x00 ‖ data)</c>) and interior nodes
/// (<c>SHA-256(0x01 ‖ left ‖ right)</c>), and the chain (<c>SHA-256(previous chain ‖ leaf)</c>, starting from 32 zero bytes).
/// </summary>
public static class AuditHashes
{
    public const int Size = 32;

    /// <summary>The chain hash before the first entry.</summary>
    public static ReadOnlySpan<byte> ChainStart => new byte[Size];

    /// <summary>The Merkle root of an empty tree: SHA-256 of nothing.</summary>
    public static byte[] EmptyRoot() => SHA256.HashData([]);

    public static byte[] Leaf(ReadOnlySpan<byte> data)
    {
        var buffer = data.Length < 1024 ? stackalloc byte[data.Length + 1] : new byte[data.Length + 1];
        buffer[0] = 0x00;
        data.CopyTo(buffer[1..]);
        return SHA256.HashData(buffer);
    }

    public static byte[] Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> buffer = stackalloc byte[1 + 2 * Size];
        buffer[0] = 0x01;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + Size)..]);
        return SHA256.HashData(buffer);
    }

    public static byte[] Chain(ReadOnlySpan<byte> previous, ReadOnlySpan<byte> leaf)
    {
        Span<byte> buffer = stackalloc byte[2 * Size];
        previous.CopyTo(buffer);
        leaf.CopyTo(buffer[Size..]);
        return SHA256.HashData(buffer);
    }

    public static string Hex(ReadOnlySpan<byte> hash) => Convert.ToHexStringLower(hash);
}
