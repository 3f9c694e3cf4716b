using System.Text;
using System.Text.Json;

namespace Vigil.Core.Audit;

/// <summary>
/// Verifies an evidence bundle offline, with nothing but the log's public key: the checkpoint's signature, each
/// entry's payload hash and inclusion in the signed tree, and each screening's inclusion in its run's sealed root.
/// </summary>
public static class EvidenceCheck
{
    /// <summary>Null when every part verifies, else the first failure in words.</summary>
    public static string? Verify(EvidenceBundle bundle, AuditSigningKey key)
    {
        if (bundle.Format != EvidenceBundle.CurrentFormat)
        {
            return $"the bundle's format is '{bundle.Format}', not {EvidenceBundle.CurrentFormat}";
        }
        Checkpoint checkpoint;
        try
        {
            checkpoint = Audit.Checkpoint.Parse(bundle.Checkpoint);
        }
        catch (FormatException e)
        {
            return "the bundle's checkpoint cannot be read: " + e.Message;
        }
        if (!checkpoint.VerifySignature(key))
        {
            return $"the checkpoint's signature does not verify with key {key.KeyId} (it names key {checkpoint.KeyId})";
        }
        var seals = new Dictionary<long, JsonElement>();
        foreach (var e in bundle.Entries)
        {
            JsonElement canonical;
            try
            {
                canonical = JsonDocument.Parse(e.Canonical).RootElement;
            }
            catch (JsonException)
            {
                return $"entry {e.Seq}: its canonical text is not JSON";
            }
            if (!canonical.TryGetProperty("seq", out var seq) || seq.GetInt64() != e.Seq)
            {
                return $"entry {e.Seq}: its canonical text names another sequence number";
            }
            if (e.Payload is not null && AuditEntry.HashPayload(e.Payload) != canonical.GetProperty("payload_sha256").GetString())
            {
                return $"entry {e.Seq}: its payload does not match the entry's payload_sha256";
            }
            var leaf = AuditHashes.Leaf(Encoding.UTF8.GetBytes(e.Canonical));
            if (!MerkleTree.VerifyInclusion(e.Seq - 1, checkpoint.TreeSize, leaf, Hashes(e.Proof), checkpoint.Root))
            {
                return $"entry {e.Seq}: its inclusion proof does not lead to the checkpoint's root";
            }
            var kind = canonical.GetProperty("kind").GetString();
            var subject = canonical.GetProperty("subject");
            if (kind != "screening_run_sealed" && (subject.ValueKind != JsonValueKind.String || subject.GetString() != bundle.Subject))
            {
                return $"entry {e.Seq}: it concerns another subject than {bundle.Subject}";
            }
            if (kind == "screening_run_sealed" && e.Payload is not null)
            {
                seals[e.Seq] = JsonDocument.Parse(e.Payload).RootElement;
            }
        }
        foreach (var s in bundle.Screenings)
        {
            if (!seals.TryGetValue(s.RunSeal, out var seal))
            {
                return $"screening {s.Screening}: the bundle holds no payload of its run's seal (entry {s.RunSeal})";
            }
            var root = Convert.FromBase64String(seal.GetProperty("screenings_root").GetString()!);
            var count = seal.GetProperty("screenings").GetInt64();
            if (!MerkleTree.VerifyInclusion(s.Index, count, ScreeningLeaf.LeafHash(s.Canonical), Hashes(s.Proof), root))
            {
                return $"screening {s.Screening}: its proof does not lead to the screenings_root sealed in entry {s.RunSeal}";
            }
            var screened = JsonDocument.Parse(s.Canonical).RootElement;
            if (screened.GetProperty("subject").GetString() != bundle.Subject || screened.GetProperty("id").GetInt64() != s.Screening)
            {
                return $"screening {s.Screening}: its canonical text names another subject or id";
            }
        }
        return null;
    }

    private static List<byte[]> Hashes(IReadOnlyList<string> base64) => [.. base64.Select(Convert.FromBase64String)];
}
