using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Vigil.Core.Audit;
using Vigil.Core.Workflow;

namespace Vigil.Tests.Audit;

/// <summary>The canonical entry and its hashes, byte for byte, as docs/audit.md tells an auditor to recompute them.</summary>
public sealed class CanonicalFormTests
{
    [Fact]
    public void Canonical_json_sorts_keys_escapes_only_what_json_requires_and_keeps_other_text_as_is()
    {
        var text = CanonicalJson.Write(new Dictionary<string, object?> { ["b"] = "Гулмурод \"Q\"\n\u0001", ["a"] = 1L, ["c"] = null, ["d"] = new List<object?> { true } });

        Assert.Equal("{\"a\":1,\"b\":\"Гулмурод \\\"Q\\\"\\n\\u0001\",\"c\":null,\"d\":[true]}", text);
        Assert.Throws<ArgumentException>(() => CanonicalJson.Write(0.5));
    }

    [Fact]
    public void An_entry_hashes_as_sha256_of_0x00_and_its_canonical_json_and_the_chain_as_sha256_of_previous_and_leaf()
    {
        var entry = new AuditEntry(3, "2025-03-03T10:00:00.000Z", "alice", AuditEventKind.DecisionApproved, "C-1", 7, 9, null, null, AuditEntry.HashPayload("{}"));

        var canonical = entry.Canonical();
        Assert.Equal(
            "{\"actor\":\"alice\",\"alert\":7,\"decision\":9,\"kind\":\"decision_approved\",\"payload_sha256\":\"44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\",\"run\":null,\"seq\":3,\"snapshot\":null,\"subject\":\"C-1\",\"time\":\"2025-03-03T10:00:00.000Z\",\"v\":1}",
            canonical);
        var expectedLeaf = System.Security.Cryptography.SHA256.HashData([0x00, .. Encoding.UTF8.GetBytes(canonical)]);
        Assert.Equal(expectedLeaf, entry.LeafHash());
        var previous = new byte[32];
        previous[0] = 9;
        Assert.Equal(System.Security.Cryptography.SHA256.HashData([.. previous, .. expectedLeaf]), AuditHashes.Chain(previous, expectedLeaf));
    }

    [Property(MaxTest = 300)]
    public Property An_entry_written_key_by_key_is_the_canonical_json_of_its_eleven_keys()
    {
        var text = Gen.Elements("", "alice", "C-1", "Гулмурод \"Q\"", "a\\b\n\t\u0001\u001f\u007f", "émoji 😀", "2025-03-03T10:00:00.000Z");
        var number = Gen.Elements<long?>(null, 0, 1, 7, long.MaxValue, -3);
        var kinds = Gen.Elements(Enum.GetValues<AuditEventKind>());
        var entries = from seq in Gen.Choose(1, int.MaxValue)
                      from time in text
                      from actor in text
                      from kind in kinds
                      from subject in Gen.OneOf(Gen.Constant<string?>(null), text.Select(t => (string?)t))
                      from alert in number
                      from decision in number
                      from snapshot in number
                      from run in number
                      from payload in text
                      select new AuditEntry(seq, time, actor, kind, subject, alert, decision, snapshot, run, AuditEntry.HashPayload(payload));
        return Prop.ForAll(entries.ToArbitrary(), e => e.Canonical() == CanonicalJson.Write(new Dictionary<string, object?>
        {
            ["v"] = AuditEntry.FormVersion,
            ["seq"] = e.Sequence,
            ["time"] = e.Time,
            ["actor"] = e.Actor,
            ["kind"] = WorkflowNames.Name(e.Kind),
            ["subject"] = e.Subject,
            ["alert"] = e.AlertId,
            ["decision"] = e.DecisionId,
            ["snapshot"] = e.SnapshotId,
            ["run"] = e.RunId,
            ["payload_sha256"] = e.PayloadHash,
        }));
    }
}
