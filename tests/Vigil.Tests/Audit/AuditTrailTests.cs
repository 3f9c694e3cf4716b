using Dapper;
using Vigil.Core.Audit;
using Vigil.Core.Storage;
using Vigil.Tests.Parts;
using Vigil.Tests.Storage;

namespace Vigil.Tests.Audit;

/// <summary>
/// The audit log in a real store of each kind: appends, triggers that refuse changes, checkpoints, proofs, and
/// verification naming the entry an attacker with database access edited, deleted or moved (after dropping the triggers).
/// </summary>
public abstract class AuditTrailTests(StoreKind kind)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<(VigilStore Store, AuditSigningKey Key)> LogOfAsync(int entries)
    {
        var store = VigilStore.Open(StoreFactory.NewSpec(kind));
        var key = AuditSigningKey.LoadOrCreate(StoreFactory.NewFilePath("audit-key", ".pem"));
        var events = Enumerable.Range(1, entries).Select(i => new AuditEvent(
            i % 3 == 0 ? AuditEventKind.AlertCreated : AuditEventKind.SubjectCreated,
            i % 2 == 0 ? "alice" : "bob",
            new Dictionary<string, object?> { ["n"] = i, ["name"] = $"Customer {i}" },
            Subject: $"C-{i % 7}",
            AlertId: i % 3 == 0 ? i : null)).ToList();
        foreach (var batch in events.Chunk(500))
        {
            await store.AppendAuditAsync(batch, Cancel);
        }
        return (store, key);
    }

    private void Attack(VigilStore store, string sql)
    {
        using var connection = store.Connect();
        connection.Execute(kind == StoreKind.Sqlite
            ? "DROP TRIGGER IF EXISTS audit_log_refuse_update; DROP TRIGGER IF EXISTS audit_log_refuse_delete; DROP TRIGGER IF EXISTS audit_payloads_refuse_update;"
            : "DROP TRIGGER IF EXISTS audit_log_refuse ON audit_log; DROP TRIGGER IF EXISTS audit_payloads_refuse ON audit_payloads;");
        connection.Execute(sql);
    }

    [Fact]
    public async Task An_untouched_log_verifies_against_its_signed_checkpoints()
    {
        var (store, key) = await LogOfAsync(30);
        var first = await store.SignCheckpointAsync(key, "test", Cancel);
        await store.AppendAuditAsync(new AuditEvent(AuditEventKind.ExportMade, "carol", new Dictionary<string, object?> { ["rows"] = 3 }), Cancel);
        var second = await store.SignCheckpointAsync(key, "test", Cancel);

        var result = await store.VerifyAuditAsync(key, first, Cancel);

        Assert.Null(result.Problem);
        Assert.Equal(33, result.Entries);
        Assert.Equal(30, first.TreeSize);
        Assert.Equal(32, second.TreeSize);
        Assert.Equal(3, result.CheckpointsChecked);
        var leaves = new List<byte[]>();
        await foreach (var r in store.ReadAuditAsync(new AuditQuery(Limit: 0), Cancel))
        {
            leaves.Add(Convert.FromHexString(r.LeafHash));
        }
        Assert.Equal(MerkleReference.Root([.. leaves.Take(32)]), second.Root);
    }

    [Fact]
    public async Task The_triggers_refuse_to_update_or_delete_an_entry()
    {
        var (store, _) = await LogOfAsync(3);
        using var connection = store.Connect();

        Assert.ThrowsAny<System.Data.Common.DbException>(() => connection.Execute("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2"));
        Assert.ThrowsAny<System.Data.Common.DbException>(() => connection.Execute("DELETE FROM audit_log WHERE seq = 3"));
        Assert.ThrowsAny<System.Data.Common.DbException>(() => connection.Execute("UPDATE audit_payloads SET payload = '{}' WHERE seq = 2"));
        Assert.Equal(3, await store.AuditSizeAsync(Cancel));
    }

    [Fact]
    public async Task One_changed_byte_in_an_entry_is_named_by_its_sequence_number()
    {
        var (store, key) = await LogOfAsync(40);
        await store.SignCheckpointAsync(key, "test", Cancel);

        Attack(store, "UPDATE audit_log SET actor = 'alicf' WHERE seq = 18");
        var result = await store.VerifyAuditAsync(key, null, Cancel);

        Assert.Equal(AuditProblemKind.Edited, result.Problem?.Kind);
        Assert.Equal(18, result.Problem?.Sequence);
        Assert.StartsWith("entry 18 was edited", result.Problem?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_changed_byte_in_a_payload_is_named_by_its_sequence_number()
    {
        var (store, key) = await LogOfAsync(40);

        Attack(store, "UPDATE audit_payloads SET payload = REPLACE(payload, 'Customer 25', 'Customer 26') WHERE seq = 25");
        var result = await store.VerifyAuditAsync(key, null, Cancel);

        Assert.Equal(AuditProblemKind.PayloadEdited, result.Problem?.Kind);
        Assert.Equal(25, result.Problem?.Sequence);
    }

    [Fact]
    public async Task A_deleted_entry_is_named_by_its_sequence_number()
    {
        var (store, key) = await LogOfAsync(40);
        await store.SignCheckpointAsync(key, "test", Cancel);

        Attack(store, "DELETE FROM audit_payloads WHERE seq = 23; DELETE FROM audit_log WHERE seq = 23");
        var result = await store.VerifyAuditAsync(key, null, Cancel);

        Assert.Equal(AuditProblemKind.Deleted, result.Problem?.Kind);
        Assert.Equal(23, result.Problem?.Sequence);
        Assert.Equal("entry 23 was deleted: the log goes from 22 to 24", result.Problem?.Message);
    }

    [Fact]
    public async Task Deleting_the_last_entries_is_named_against_the_signed_checkpoint()
    {
        var (store, key) = await LogOfAsync(40);
        await store.SignCheckpointAsync(key, "test", Cancel);

        Attack(store, "DELETE FROM audit_payloads WHERE seq >= 39; DELETE FROM audit_log WHERE seq >= 39");
        var result = await store.VerifyAuditAsync(key, null, Cancel);

        Assert.Equal(AuditProblemKind.Deleted, result.Problem?.Kind);
        Assert.Equal(39, result.Problem?.Sequence);
    }

    [Fact]
    public async Task Two_swapped_entries_are_named_as_moved()
    {
        var (store, key) = await LogOfAsync(40);

        Attack(store, """
            DELETE FROM audit_payloads WHERE seq IN (10, 30);
            UPDATE audit_log SET seq = -1 WHERE seq = 10;
            UPDATE audit_log SET seq = 10 WHERE seq = 30;
            UPDATE audit_log SET seq = 30 WHERE seq = -1;
            """);
        var result = await store.VerifyAuditAsync(key, null, Cancel);

        Assert.Equal(AuditProblemKind.Reordered, result.Problem?.Kind);
        Assert.Equal(10, result.Problem?.Sequence);
        Assert.Equal("entry 10 was moved: it now sits at sequence 30 (entries reordered)", result.Problem?.Message);
    }

    [Fact]
    public async Task A_log_rewritten_with_recomputed_hashes_differs_from_the_signed_checkpoint()
    {
        var (store, key) = await LogOfAsync(10);
        await store.SignCheckpointAsync(key, "test", Cancel);
        // Rebuild the log from its own entries with one actor changed, every hash recomputed, as a careful attacker would.
        var rows = new List<AuditRecord>();
        await foreach (var r in store.ReadAuditAsync(new AuditQuery(Limit: 0), Cancel))
        {
            rows.Add(r);
        }
        var chain = AuditHashes.ChainStart.ToArray();
        var updates = new List<string>();
        foreach (var r in rows)
        {
            var entry = r.Entry.Sequence == 4 ? r.Entry with { Actor = "mallory" } : r.Entry;
            var leaf = entry.LeafHash();
            chain = AuditHashes.Chain(chain, leaf);
            var hex = kind == StoreKind.Sqlite ? $"X'{Convert.ToHexString(leaf)}'" : $"'\\x{Convert.ToHexString(leaf)}'::bytea";
            var chainHex = kind == StoreKind.Sqlite ? $"X'{Convert.ToHexString(chain)}'" : $"'\\x{Convert.ToHexString(chain)}'::bytea";
            updates.Add($"UPDATE audit_log SET actor = '{entry.Actor}', leaf_hash = {hex}, chain_hash = {chainHex} WHERE seq = {entry.Sequence};");
        }

        Attack(store, string.Join("\n", updates));
        var result = await store.VerifyAuditAsync(key, null, Cancel);

        Assert.Equal(AuditProblemKind.Rewritten, result.Problem?.Kind);
    }

    [Fact]
    public async Task Inclusion_and_consistency_proofs_over_several_tiles_verify_against_signed_checkpoints()
    {
        var (store, key) = await LogOfAsync(2500);
        var older = await store.SignCheckpointAsync(key, "test", Cancel);
        await store.AppendAuditAsync([.. Enumerable.Range(0, 700).Select(i => new AuditEvent(AuditEventKind.ExportMade, "carol", i))], Cancel);
        var newer = await store.SignCheckpointAsync(key, "test", Cancel);
        var leaves = new List<byte[]>();
        await foreach (var r in store.ReadAuditAsync(new AuditQuery(Limit: 0), Cancel))
        {
            leaves.Add(Convert.FromHexString(r.LeafHash));
        }

        foreach (var seq in new long[] { 1, 1024, 1025, 2047, 2500, 3000, newer.TreeSize })
        {
            var proof = await store.InclusionProofAsync(seq, newer.TreeSize, Cancel);
            Assert.True(MerkleTree.VerifyInclusion(seq - 1, newer.TreeSize, leaves[(int)seq - 1], proof, newer.Root), $"entry {seq}");
        }
        var consistency = await store.ConsistencyProofAsync(older.TreeSize, newer.TreeSize, Cancel);
        Assert.True(MerkleTree.VerifyConsistency(older.TreeSize, newer.TreeSize, older.Root, newer.Root, consistency));
        Assert.Null((await store.VerifyAuditAsync(key, older, Cancel)).Problem);
    }

    [Fact]
    public async Task Proofs_equal_the_reference_ones_for_random_sizes_and_indexes_whether_tile_roots_are_held_stored_or_computed()
    {
        var spec = StoreFactory.NewSpec(kind);
        var store = VigilStore.Open(spec);
        using var key = AuditSigningKey.LoadOrCreate(StoreFactory.NewFilePath("audit-key", ".pem"));
        await store.AppendAuditAsync([.. Enumerable.Range(0, 2100).Select(i => new AuditEvent(AuditEventKind.ExportMade, "carol", i, $"C-{i % 7}"))], Cancel);
        await store.SignCheckpointAsync(key, "test", Cancel);
        // Tiles past the checkpoint have no stored root: a proof computes them from their leaves.
        await store.AppendAuditAsync([.. Enumerable.Range(0, 1400).Select(i => new AuditEvent(AuditEventKind.ExportMade, "dave", i))], Cancel);
        var leaves = new List<byte[]>();
        await foreach (var r in store.ReadAuditAsync(new AuditQuery(Limit: 0), Cancel))
        {
            leaves.Add(Convert.FromHexString(r.LeafHash));
        }
        var random = new Random(2017);
        static string Hex(IEnumerable<byte[]> hashes) => string.Join(",", hashes.Select(Convert.ToHexStringLower));

        // The store that signed holds the first tiles; a second instance over the same store starts with none.
        foreach (var prover in new[] { VigilStore.Open(spec), store })
        {
            for (var i = 0; i < 25; i++)
            {
                var size = random.Next(1, leaves.Count + 1);
                var index = random.Next(size);
                var old = random.Next(0, size + 1);
                var tree = leaves.Take(size).ToList();
                var root = MerkleReference.Root(tree);

                var inclusion = await prover.InclusionProofAsync(index + 1, size, Cancel);
                var consistency = await prover.ConsistencyProofAsync(old, size, Cancel);

                Assert.Equal(Hex(MerkleReference.Path(index, tree)), Hex(inclusion));
                Assert.True(MerkleTree.VerifyInclusion(index, size, leaves[index], inclusion, root), $"entry {index + 1} of {size}");
                Assert.Equal(Hex(MerkleReference.Proof(old, tree)), Hex(consistency));
                Assert.True(MerkleTree.VerifyConsistency(old, size, MerkleReference.Root([.. leaves.Take(old)]), root, consistency), $"{old} to {size}");
            }
        }

        await VigilStore.Open(spec).SignCheckpointAsync(key, "test", Cancel);
        using var connection = store.Connect();
        var stored = connection.Query<(long Tile, byte[] Root)>("SELECT tile, root FROM audit_tiles ORDER BY tile").ToList();
        Assert.Equal([0L, 1L, 2L], stored.Select(t => t.Tile));
        Assert.All(stored, t => Assert.Equal(MerkleReference.Root([.. leaves.Skip((int)t.Tile * 1024).Take(1024)]), t.Root));
    }

    [Fact]
    public async Task Retention_purges_old_payloads_keeps_held_ones_and_verify_tells_the_purge_from_a_deletion()
    {
        var (store, key) = await LogOfAsync(30);
        var before = await store.SignCheckpointAsync(key, "test", Cancel);
        await store.HoldAsync("C-3", "court order", "admin", Cancel);
        var proofBefore = await store.InclusionProofAsync(6, before.TreeSize, Cancel);

        var dry = await store.RunRetentionAsync(new(), DateTimeOffset.UtcNow.AddYears(11), dryRun: true, "admin", Cancel);
        var report = await store.RunRetentionAsync(new(), DateTimeOffset.UtcNow.AddYears(11), dryRun: false, "admin", Cancel);

        // Every third entry is an alert (evidence); the held subject's stay.
        Assert.Equal(dry.Evidence, report.Evidence);
        Assert.True(report.Evidence > 0 && report.Held > 0);
        Assert.NotNull(report.PurgeEntry);
        var purged = new List<long>();
        await foreach (var r in store.ReadAuditAsync(new AuditQuery(Limit: 0), Cancel))
        {
            if (r.Payload is null)
            {
                purged.Add(r.Entry.Sequence);
            }
        }
        Assert.Equal(report.Evidence, purged.Count);
        Assert.Null((await store.VerifyAuditAsync(key, before, Cancel)).Problem);
        var leaf = (await store.ListAuditAsync(new AuditQuery(AfterSequence: 5, Limit: 1), Cancel))[0].LeafHash;
        Assert.True(MerkleTree.VerifyInclusion(5, before.TreeSize, Convert.FromHexString(leaf), proofBefore, before.Root));

        Attack(store, "DELETE FROM audit_payloads WHERE seq = 4");
        var deleted = await store.VerifyAuditAsync(key, null, Cancel);
        Assert.Equal(AuditProblemKind.PayloadDeleted, deleted.Problem?.Kind);
        Assert.Equal(4, deleted.Problem?.Sequence);
    }

    [Fact]
    public async Task The_log_is_searched_by_alert_and_actor_and_the_legal_holds_are_listed()
    {
        var (store, _) = await LogOfAsync(30);
        await store.HoldAsync("C-3", "court order", "admin", Cancel);
        await store.HoldAsync("C-1", "regulator's inquiry", "admin", Cancel);
        await store.ReleaseHoldAsync("C-3", "admin", Cancel);

        var byAlert = await store.ListAuditAsync(new AuditQuery(AlertId: 6), Cancel);
        var byAlertAndActor = await store.ListAuditAsync(new AuditQuery(Actor: "bob", AlertId: 6), Cancel);
        var holds = await store.ListHoldsAsync(Cancel);

        Assert.Equal([6L], byAlert.Select(r => r.Entry.Sequence));
        Assert.Empty(byAlertAndActor);
        Assert.Equal([("C-1", "regulator's inquiry", "admin")], holds.Select(h => (h.Subject, h.Reason, h.PlacedBy)));
    }

    [Fact]
    public async Task A_checkpoint_signed_with_another_key_is_refused()
    {
        var (store, key) = await LogOfAsync(5);
        using var other = AuditSigningKey.LoadOrCreate(StoreFactory.NewFilePath("audit-key", ".pem"));
        await store.SignCheckpointAsync(other, "test", Cancel);

        var result = await store.VerifyAuditAsync(key, null, Cancel);

        Assert.Equal(AuditProblemKind.BadSignature, result.Problem?.Kind);
    }
}

public sealed class SqliteAuditTrailTests() : AuditTrailTests(StoreKind.Sqlite);

[Needs(SystemPart.PostgreSql)]
public sealed class PostgresAuditTrailTests() : AuditTrailTests(StoreKind.Postgres);
