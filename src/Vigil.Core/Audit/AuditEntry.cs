using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Vigil.Core.Workflow;

namespace Vigil.Core.Audit;

/// <summary>
/// One entry of the audit log as it is hashed: its place in the log, when and by whom, what happened, what it
/// concerns, and the SHA-256 of its JSON payload. The payload itself is kept beside the entry and may be purged by
/// retention; its hash stays in the entry, so the leaf hash can always be recomputed.
/// </summary>
public sealed record AuditEntry(
    long Sequence,
    string Time,
    string Actor,
    AuditEventKind Kind,
    string? Subject,
    long? AlertId,
    long? DecisionId,
    long? SnapshotId,
    long? RunId,
    string PayloadHash)
{
    /// <summary>The version of the canonical form, hashed with each entry.</summary>
    public const int FormVersion = 1;

    /// <summary>
    /// The canonical entry (RFC 8785 JSON): <c>{"actor","alert","decision","kind","payload_sha256","run","seq","snapshot","subject","time","v"}</c>.
    /// Written key by key in that sorted order, as <see cref="CanonicalJson"/> writes the same object, because every
    /// append and every verification hashes one per entry.
    /// </summary>
    public string Canonical()
    {
        var text = new StringBuilder(256);
        text.Append("{\"actor\":");
        CanonicalJson.AppendString(text, Actor);
        Number(text.Append(",\"alert\":"), AlertId);
        Number(text.Append(",\"decision\":"), DecisionId);
        CanonicalJson.AppendString(text.Append(",\"kind\":"), WorkflowNames.Name(Kind));
        CanonicalJson.AppendString(text.Append(",\"payload_sha256\":"), PayloadHash);
        Number(text.Append(",\"run\":"), RunId);
        Number(text.Append(",\"seq\":"), Sequence);
        Number(text.Append(",\"snapshot\":"), SnapshotId);
        text.Append(",\"subject\":");
        if (Subject is null)
        {
            text.Append("null");
        }
        else
        {
            CanonicalJson.AppendString(text, Subject);
        }
        CanonicalJson.AppendString(text.Append(",\"time\":"), Time);
        Number(text.Append(",\"v\":"), FormVersion);
        return text.Append('}').ToString();
    }

    private static void Number(StringBuilder text, long? value)
    {
        if (value is { } n)
        {
            text.Append(n.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            text.Append("null");
        }
    }

    /// <summary><c>SHA-256(0x00 ‖ UTF-8 canonical entry)</c>: the entry's leaf in the Merkle tree.</summary>
    public byte[] LeafHash() => AuditHashes.Leaf(Encoding.UTF8.GetBytes(Canonical()));

    /// <summary>The hex SHA-256 of a payload's UTF-8 bytes, as an entry carries it.</summary>
    public static string HashPayload(string payload) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(payload)));
}
