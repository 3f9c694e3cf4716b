using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;
using Vigil.Core.Audit;
using Vigil.Core.Workflow;

namespace Vigil.Core.Storage;

/// <summary>
/// The audit log: entries appended in the transaction of the change they record, checkpoints signed over its Merkle
/// root, proofs, and the verification that names the first entry edited, deleted or reordered.
/// </summary>
public sealed partial class VigilStore
{
    // The lock that orders appends on PostgreSQL (SQLite's single writer already does).
    private const long AuditLockKey = 7413;

    // The roots of the log's full tiles, which never change: read once per store instance, then every proof reuses them.
    private readonly TileRoots _auditTiles = new();

    // The leaves of the tiles the last proofs cut into, by tile and end, with their subtrees' roots: written leaves
    // never change, and the proofs to one checkpoint all cut into the same last tile. Bounded by emptying it when full.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(long Tile, long End), TileRoots> _auditTileLeaves = new();
    private const int HeldTileLeaves = 64;

    private const string EntryColumns = "l.seq, l.time, l.actor, l.kind, l.subject, l.alert_id, l.decision_id, l.snapshot_id, l.run_id, l.payload_hash, l.leaf_hash, l.chain_hash, p.payload";

    // Events of a transaction wait here until it commits and are appended last, so the lock that orders the log is
    // held only for the commit, never while the transaction waits for a row lock another auditing writer holds.
    private static readonly ConditionalWeakTable<DbTransaction, List<AuditEvent>> PendingAudit = new();

    /// <summary>
    /// Queues <paramref name="auditEvent"/> to be appended when <paramref name="transaction"/> commits through
    /// <see cref="CommitAsync"/> or <see cref="Commit"/>: the event exists if and only if the change it records does.
    /// </summary>
    internal static void Audit(DbTransaction transaction, AuditEvent auditEvent) => PendingAudit.GetOrCreateValue(transaction).Add(auditEvent);

    /// <summary>
    /// Appends the transaction's queued audit events and the webhook messages announcing them, then commits: every
    /// auditing write commits this way.
    /// </summary>
    internal static async Task CommitAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (PendingAudit.TryGetValue(transaction, out var pending) && pending.Count > 0)
        {
            var seqs = await AppendAsync(connection, transaction, pending, cancellationToken);
            await QueueWebhooksAsync(connection, transaction, pending, seqs, cancellationToken);
            PendingAudit.Remove(transaction);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc cref="CommitAsync"/>
    internal static void Commit(DbConnection connection, DbTransaction transaction)
    {
        if (PendingAudit.TryGetValue(transaction, out var pending) && pending.Count > 0)
        {
            var (lastSeq, lastChain) = LockAndReadLast(connection, transaction);
            var rows = Prepare(lastSeq, lastChain, pending, Clock.NowText());
            using var insert = new AuditInsert(connection, transaction);
            for (var start = 0; start < rows.Count; start += insert.RowsPerStatement)
            {
                insert.Entries(rows, start).ExecuteNonQuery();
                insert.Payloads(rows, start).ExecuteNonQuery();
            }
            QueueWebhooks(connection, transaction, pending, [.. rows.Select(r => r.Seq)]);
            PendingAudit.Remove(transaction);
        }
        transaction.Commit();
    }

    /// <summary>Appends one event in a transaction of its own (an export, a change outside the store's transactions); returns its sequence number.</summary>
    public async Task<long> AppendAuditAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default) =>
        (await AppendAuditAsync([auditEvent], cancellationToken))[0];

    /// <summary>Appends events in one transaction of their own, in order; returns their sequence numbers.</summary>
    public async Task<IReadOnlyList<long>> AppendAuditAsync(IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        var seqs = await AppendAsync(connection, transaction, events, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return seqs;
    }

    /// <summary>Appends events in the caller's transaction, under the log's lock; returns their sequence numbers.</summary>
    private static async Task<IReadOnlyList<long>> AppendAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken)
    {
        if (connection is Npgsql.NpgsqlConnection)
        {
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@key)", new { key = AuditLockKey }, transaction, cancellationToken: cancellationToken));
        }
        var last = await connection.QuerySingleOrDefaultAsync<(long Seq, byte[] Chain)?>(new CommandDefinition(
            "SELECT seq, chain_hash FROM audit_log ORDER BY seq DESC LIMIT 1", transaction: transaction, cancellationToken: cancellationToken));
        var rows = Prepare(last?.Seq ?? 0, last?.Chain ?? AuditHashes.ChainStart.ToArray(), events, Clock.NowText());
        await using var insert = new AuditInsert(connection, transaction);
        for (var start = 0; start < rows.Count; start += insert.RowsPerStatement)
        {
            await insert.Entries(rows, start).ExecuteNonQueryAsync(cancellationToken);
            await insert.Payloads(rows, start).ExecuteNonQueryAsync(cancellationToken);
        }
        return [.. rows.Select(r => r.Seq)];
    }

    private static (long Seq, byte[] Chain) LockAndReadLast(DbConnection connection, DbTransaction transaction)
    {
        if (connection is Npgsql.NpgsqlConnection)
        {
            connection.Execute("SELECT pg_advisory_xact_lock(@key)", new { key = AuditLockKey }, transaction);
        }
        var last = connection.QuerySingleOrDefault<(long Seq, byte[] Chain)?>("SELECT seq, chain_hash FROM audit_log ORDER BY seq DESC LIMIT 1", transaction: transaction);
        return (last?.Seq ?? 0, last?.Chain ?? AuditHashes.ChainStart.ToArray());
    }

    /// <summary>
    /// The INSERTs that write prepared entries and their payloads: a statement per table for each run of
    /// <see cref="RowsPerStatement"/> rows, the full-size commands built once per commit and reused with new values.
    /// Entries go before their payloads, which reference them.
    /// </summary>
    private sealed class AuditInsert(DbConnection connection, DbTransaction transaction) : IDisposable, IAsyncDisposable
    {
        private static readonly string[] EntryColumnNames =
            ["seq", "time", "actor", "kind", "subject", "alert_id", "decision_id", "snapshot_id", "run_id", "payload_hash", "leaf_hash", "chain_hash"];

        private static readonly string[] PayloadColumnNames = ["seq", "payload"];

        private readonly List<DbCommand> _made = [];
        private DbCommand? _fullEntries;
        private DbCommand? _fullPayloads;

        // SQLite finds each named parameter by a linear scan of the statement's names, so binding costs the square of a
        // statement's parameters (as BatchInserter notes) while a statement costs no round trip: one row a statement,
        // prepared once. PostgreSQL pays a round trip per statement instead, so it takes many rows at once.
        public int RowsPerStatement { get; } = connection is Microsoft.Data.Sqlite.SqliteConnection ? 1 : 256;

        /// <summary>The INSERT of entries [<paramref name="start"/>, start + <see cref="RowsPerStatement"/>) of <paramref name="rows"/>, bound.</summary>
        public DbCommand Entries(List<EntryRow> rows, int start)
        {
            var count = Math.Min(RowsPerStatement, rows.Count - start);
            var command = count == RowsPerStatement ? _fullEntries ??= Create("audit_log", EntryColumnNames, count) : Create("audit_log", EntryColumnNames, count);
            var values = command.Parameters;
            var p = 0;
            for (var r = start; r < start + count; r++)
            {
                var row = rows[r];
                values[p++].Value = row.Seq;
                values[p++].Value = row.Time;
                values[p++].Value = row.Actor;
                values[p++].Value = row.Kind;
                values[p++].Value = (object?)row.Subject ?? DBNull.Value;
                values[p++].Value = (object?)row.AlertId ?? DBNull.Value;
                values[p++].Value = (object?)row.DecisionId ?? DBNull.Value;
                values[p++].Value = (object?)row.SnapshotId ?? DBNull.Value;
                values[p++].Value = (object?)row.RunId ?? DBNull.Value;
                values[p++].Value = row.PayloadHash;
                values[p++].Value = row.LeafHash;
                values[p++].Value = row.ChainHash;
            }
            return command;
        }

        /// <summary>The INSERT of the payloads of the same rows as <see cref="Entries"/>, bound.</summary>
        public DbCommand Payloads(List<EntryRow> rows, int start)
        {
            var count = Math.Min(RowsPerStatement, rows.Count - start);
            var command = count == RowsPerStatement ? _fullPayloads ??= Create("audit_payloads", PayloadColumnNames, count) : Create("audit_payloads", PayloadColumnNames, count);
            var values = command.Parameters;
            var p = 0;
            for (var r = start; r < start + count; r++)
            {
                values[p++].Value = rows[r].Seq;
                values[p++].Value = rows[r].Payload;
            }
            return command;
        }

        private DbCommand Create(string table, string[] columns, int rows)
        {
            var command = connection.CreateCommand();
            _made.Add(command);
            command.Transaction = transaction;
            var sql = new System.Text.StringBuilder();
            sql.Append("INSERT INTO ").Append(table).Append(" (").AppendJoin(", ", columns).Append(") VALUES ");
            for (var r = 0; r < rows; r++)
            {
                sql.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Length; c++)
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = $"@p{(r * columns.Length) + c}";
                    command.Parameters.Add(parameter);
                    sql.Append(c == 0 ? "" : ", ").Append(parameter.ParameterName);
                }
                sql.Append(')');
            }
            command.CommandText = sql.ToString();
            return command;
        }

        public void Dispose()
        {
            foreach (var command in _made)
            {
                command.Dispose();
            }
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var command in _made)
            {
                await command.DisposeAsync();
            }
        }
    }

    private sealed record EntryRow(long Seq, string Time, string Actor, string Kind, string? Subject, long? AlertId, long? DecisionId, long? SnapshotId, long? RunId, string PayloadHash, byte[] LeafHash, byte[] ChainHash, string Payload);

    private static List<EntryRow> Prepare(long lastSeq, byte[] lastChain, IReadOnlyList<AuditEvent> events, string now)
    {
        var rows = new List<EntryRow>(events.Count);
        var chain = lastChain;
        var seq = lastSeq;
        foreach (var e in events)
        {
            var payload = CanonicalJson.Write(e.Payload);
            var entry = new AuditEntry(++seq, now, e.Actor, e.Kind, e.Subject, e.AlertId, e.DecisionId, e.SnapshotId, e.RunId, AuditEntry.HashPayload(payload));
            var leaf = entry.LeafHash();
            chain = AuditHashes.Chain(chain, leaf);
            rows.Add(new EntryRow(seq, now, e.Actor, WorkflowNames.Name(e.Kind), e.Subject, e.AlertId, e.DecisionId, e.SnapshotId, e.RunId, entry.PayloadHash, leaf, chain, payload));
        }
        return rows;
    }

    /// <summary>The number of entries in the log (its tree size).</summary>
    public async Task<long> AuditSizeAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT MAX(seq) FROM audit_log", cancellationToken: cancellationToken)) ?? 0;
    }

    /// <summary>
    /// Signs a checkpoint over the whole log now and records it, with a <see cref="AuditEventKind.CheckpointSigned"/>
    /// entry that the next checkpoint covers. Caches the tiles' roots the proofs read.
    /// </summary>
    public async Task<Checkpoint> SignCheckpointAsync(AuditSigningKey key, string actor, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        if (Kind == StoreKind.Postgres)
        {
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@key)", new { key = AuditLockKey }, transaction, cancellationToken: cancellationToken));
        }
        var size = await connection.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT MAX(seq) FROM audit_log", transaction: transaction, cancellationToken: cancellationToken)) ?? 0;
        var subtrees = await SubtreesAsync(connection, transaction, size, null, null, persist: true, cancellationToken);
        var root = size == 0 ? AuditHashes.EmptyRoot() : subtrees.Subtree(0, size);
        var checkpoint = Checkpoint.Sign(size, root, Clock.NowText(), key);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO audit_checkpoints (tree_size, root, signed_at, key_id, note) VALUES (@size, @root, @time, @keyId, @note)",
            new { size, root, time = checkpoint.Time, keyId = checkpoint.KeyId, note = checkpoint.Note() }, transaction, cancellationToken: cancellationToken));
        Audit(transaction, new AuditEvent(AuditEventKind.CheckpointSigned, actor, new Dictionary<string, object?>
        {
            ["tree_size"] = size,
            ["root"] = Convert.ToBase64String(root),
            ["key_id"] = key.KeyId,
            ["signed_at"] = checkpoint.Time,
        }));
        await CommitAsync(connection, transaction, cancellationToken);
        return checkpoint;
    }

    /// <summary>The latest signed checkpoint, or null before the first.</summary>
    public async Task<Checkpoint?> LatestCheckpointAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var note = await connection.QueryFirstOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT note FROM audit_checkpoints ORDER BY id DESC LIMIT 1", cancellationToken: cancellationToken));
        return note is null ? null : Checkpoint.Parse(note);
    }

    /// <summary>The audit path of entry <paramref name="seq"/> (leaf <c>seq - 1</c>) in the tree of the first <paramref name="treeSize"/> entries.</summary>
    public async Task<IReadOnlyList<byte[]>> InclusionProofAsync(long seq, long treeSize, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var subtrees = await SubtreesAsync(connection, null, treeSize, seq - 1, null, persist: false, cancellationToken);
        return MerkleTree.InclusionProof(seq - 1, treeSize, subtrees.Subtree);
    }

    /// <summary>The proof that the tree of <paramref name="newSize"/> entries extends the one of <paramref name="oldSize"/>.</summary>
    public async Task<IReadOnlyList<byte[]>> ConsistencyProofAsync(long oldSize, long newSize, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var subtrees = await SubtreesAsync(connection, null, newSize, null, oldSize, persist: false, cancellationToken);
        return MerkleTree.ConsistencyProof(oldSize, newSize, subtrees.Subtree);
    }

    /// <summary>
    /// What a proof over the first <paramref name="size"/> entries reads: every full tile's root (held in memory once
    /// read; read from the store's cache, or computed from the leaves of the tiles it lacks) and the leaves of the
    /// tiles the proof cuts into. When <paramref name="persist"/>, the tiles the store's cache lacks are written to it.
    /// </summary>
    private async Task<TiledSubtrees> SubtreesAsync(DbConnection connection, DbTransaction? transaction, long size, long? index, long? oldSize, bool persist, CancellationToken cancellationToken)
    {
        const int height = TiledSubtrees.DefaultHeight;
        const long tileSize = 1L << height;
        var fullTiles = size >> height;
        var tiles = _auditTiles;
        var held = tiles.Count;
        if (held < fullTiles)
        {
            var stored = (await connection.QueryAsync<(long Tile, byte[] Root)>(new CommandDefinition(
                "SELECT tile, root FROM audit_tiles WHERE tile >= @held AND tile < @fullTiles ORDER BY tile",
                new { held, fullTiles }, transaction, cancellationToken: cancellationToken))).ToDictionary(r => r.Tile, r => r.Root);
            for (var t = held; t < fullTiles;)
            {
                if (stored.TryGetValue(t, out var root))
                {
                    tiles.Add(t, root);
                    t++;
                    continue;
                }
                // A run of tiles the store has no root for: compute them from their leaves, in one read.
                var end = t;
                while (end < fullTiles && !stored.ContainsKey(end))
                {
                    end++;
                }
                var tile = new MerkleAccumulator();
                var next = t;
                await foreach (var leaf in LeavesAsync(connection, transaction, t * tileSize, end * tileSize, cancellationToken))
                {
                    tile.Add(leaf);
                    if (tile.Count == tileSize)
                    {
                        tiles.Add(next++, tile.Root());
                        tile = new MerkleAccumulator();
                    }
                }
                if (next != end)
                {
                    throw new InvalidDataException("the audit log has gaps in its sequence: run 'vigil audit verify'");
                }
                t = end;
            }
        }
        if (persist && fullTiles > 0)
        {
            var present = (await connection.QueryAsync<long>(new CommandDefinition(
                "SELECT tile FROM audit_tiles WHERE tile < @fullTiles", new { fullTiles }, transaction, cancellationToken: cancellationToken))).ToHashSet();
            var missing = new List<(long Tile, byte[] Root)>();
            for (var t = 0L; t < fullTiles; t++)
            {
                if (!present.Contains(t))
                {
                    missing.Add((t, tiles.Root(t, t + 1)));
                }
            }
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO audit_tiles (tile, root) VALUES (@Tile, @Root)",
                missing.Select(m => new { m.Tile, m.Root }), transaction, cancellationToken: cancellationToken));
        }
        var leaves = new Dictionary<long, TileRoots>();
        foreach (var t in TiledSubtrees.TilesToRead(height, size, index, oldSize))
        {
            var end = Math.Min(size, (t + 1) * tileSize);
            if (!_auditTileLeaves.TryGetValue((t, end), out var tileLeaves))
            {
                var read = new List<byte[]>();
                await foreach (var leaf in LeavesAsync(connection, transaction, t * tileSize, end, cancellationToken))
                {
                    read.Add(leaf);
                }
                if (read.Count != end - t * tileSize)
                {
                    throw new InvalidDataException("the audit log has gaps in its sequence: run 'vigil audit verify'");
                }
                if (_auditTileLeaves.Count >= HeldTileLeaves)
                {
                    _auditTileLeaves.Clear();
                }
                _auditTileLeaves[(t, end)] = tileLeaves = new TileRoots(read);
            }
            leaves[t] = tileLeaves;
        }
        return new TiledSubtrees(height, tiles, leaves);
    }

    /// <summary>The leaf hashes of leaves [from, to) (entries from + 1 to to), in order.</summary>
    private static async IAsyncEnumerable<byte[]> LeavesAsync(DbConnection connection, DbTransaction? transaction, long from, long to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT leaf_hash FROM audit_log WHERE seq > @from AND seq <= @to ORDER BY seq";
        AddParameter(command, "from", from);
        AddParameter(command, "to", to);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return (byte[])reader.GetValue(0);
        }
    }

    private static void AddParameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    /// <summary>
    /// Recomputes every entry's leaf hash, payload hash and chain hash, and the Merkle root at every stored checkpoint
    /// (and at <paramref name="older"/>, a checkpoint kept elsewhere), checks their signatures with <paramref name="key"/>
    /// and that the latest checkpoint extends <paramref name="older"/>. Reports the first problem, naming the entry.
    /// </summary>
    public async Task<AuditVerification> VerifyAuditAsync(AuditSigningKey key, Checkpoint? older = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var checkpoints = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT note FROM audit_checkpoints ORDER BY id", cancellationToken: cancellationToken))).Select(Checkpoint.Parse).ToList();
        var check = new AuditChainCheck(checkpoints.Select(c => c.TreeSize).Append(older?.TreeSize ?? 0));
        await foreach (var row in StoredEntriesAsync(connection, 0, cancellationToken))
        {
            if (row.Problem is { } unreadable)
            {
                return new AuditVerification(check.Count, check.Root(), 0, checkpoints.LastOrDefault(), unreadable);
            }
            if (!check.Add(row.Stored!))
            {
                break;
            }
        }
        var problem = check.Finish();
        if (problem is { Kind: AuditProblemKind.Edited, Sequence: { } edited })
        {
            problem = await MovedAsync(connection, edited, check.ChainHash, cancellationToken) ?? problem;
        }
        var latest = checkpoints.LastOrDefault();
        var compared = 0;
        foreach (var checkpoint in older is null ? checkpoints : [.. checkpoints, older])
        {
            if (problem is not null)
            {
                break;
            }
            problem = Compare(checkpoint, check, key);
            compared++;
        }
        if (problem is null && older is not null && latest is not null && latest.TreeSize >= older.TreeSize)
        {
            var proof = await ConsistencyProofAsync(older.TreeSize, latest.TreeSize, cancellationToken);
            if (!MerkleTree.VerifyConsistency(older.TreeSize, latest.TreeSize, older.Root, latest.Root, proof))
            {
                problem = new AuditProblem(AuditProblemKind.Inconsistent, null,
                    $"the latest checkpoint (size {latest.TreeSize}) does not extend the given one (size {older.TreeSize}): the consistency proof fails");
            }
        }
        return new AuditVerification(check.Count, check.Root(), compared, latest, problem);
    }

    private static AuditProblem? Compare(Checkpoint checkpoint, AuditChainCheck check, AuditSigningKey key)
    {
        var name = $"the checkpoint of {checkpoint.TreeSize} entries signed at {checkpoint.Time}";
        if (!checkpoint.VerifySignature(key))
        {
            return new AuditProblem(AuditProblemKind.BadSignature, null,
                checkpoint.KeyId == key.KeyId ? $"{name}: its signature does not verify" : $"{name}: signed by key {checkpoint.KeyId}, not by {key.KeyId}");
        }
        if (checkpoint.TreeSize > check.Count)
        {
            return new AuditProblem(AuditProblemKind.Deleted, check.Count + 1,
                $"entry {check.Count + 1} was deleted: the log ends at entry {check.Count}, but {name} covers {checkpoint.TreeSize}");
        }
        return check.RootAt(checkpoint.TreeSize) is { } root && root.AsSpan().SequenceEqual(checkpoint.Root)
            ? null
            : new AuditProblem(AuditProblemKind.Rewritten, null,
                $"entries up to {checkpoint.TreeSize} were rewritten with recomputed hashes: their Merkle root differs from {name}");
    }

    /// <summary>When entry <paramref name="seq"/> fails, whether the entry written at that place sits at another sequence number now.</summary>
    private static async Task<AuditProblem?> MovedAsync(DbConnection connection, long seq, byte[] chainBefore, CancellationToken cancellationToken)
    {
        await foreach (var row in StoredEntriesAsync(connection, seq, cancellationToken))
        {
            if (row.Stored is not { } stored)
            {
                continue;
            }
            if (AuditHashes.Chain(chainBefore, stored.LeafHash).AsSpan().SequenceEqual(stored.ChainHash)
                && (stored.Entry with { Sequence = seq }).LeafHash().AsSpan().SequenceEqual(stored.LeafHash))
            {
                return new AuditProblem(AuditProblemKind.Reordered, seq,
                    $"entry {seq} was moved: it now sits at sequence {stored.Entry.Sequence} (entries reordered)");
            }
        }
        return null;
    }

    private readonly record struct ReadEntry(StoredAuditEntry? Stored, AuditProblem? Problem);

    /// <summary>The stored entries from sequence <paramref name="from"/> on, with their payloads, in sequence order.</summary>
    private static async IAsyncEnumerable<ReadEntry> StoredEntriesAsync(DbConnection connection, long from, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {EntryColumns} FROM audit_log l LEFT JOIN audit_payloads p ON p.seq = l.seq AND p.seq >= @from WHERE l.seq >= @from ORDER BY l.seq";
        AddParameter(command, "from", from);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return ReadStored(reader);
        }
    }

    private static ReadEntry ReadStored(DbDataReader reader)
    {
        var seq = reader.GetInt64(0);
        if (!WorkflowNames.TryParse<AuditEventKind>(reader.GetString(3), out var kind))
        {
            return new ReadEntry(null, new AuditProblem(AuditProblemKind.Edited, seq, $"entry {seq} was edited: '{reader.GetString(3)}' is no event kind"));
        }
        long? Long(int i) => reader.IsDBNull(i) ? null : reader.GetInt64(i);
        var entry = new AuditEntry(seq, reader.GetString(1), reader.GetString(2), kind, reader.IsDBNull(4) ? null : reader.GetString(4),
            Long(5), Long(6), Long(7), Long(8), reader.GetString(9));
        return new ReadEntry(new StoredAuditEntry(entry, (byte[])reader.GetValue(10), (byte[])reader.GetValue(11), reader.IsDBNull(12) ? null : reader.GetString(12)), null);
    }

    /// <summary>Entries matching <paramref name="query"/>, in sequence order, one page.</summary>
    public async Task<IReadOnlyList<AuditRecord>> ListAuditAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        var records = new List<AuditRecord>();
        await foreach (var record in ReadAuditAsync(query with { Limit = Math.Clamp(query.Limit, 1, 1000) }, cancellationToken))
        {
            records.Add(record);
        }
        return records;
    }

    /// <summary>Every entry matching <paramref name="query"/> (its <c>Limit</c> ignored when zero), streamed in sequence order.</summary>
    public async IAsyncEnumerable<AuditRecord> ReadAuditAsync(AuditQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var where = new List<string> { "l.seq > @after" };
        AddParameter(command, "after", query.AfterSequence);
        void Filter(string clause, string name, object? value)
        {
            if (value is not null)
            {
                where.Add(clause);
                AddParameter(command, name, value);
            }
        }
        Filter("l.time >= @from", "from", query.From);
        Filter("l.time <= @to", "to", query.To);
        Filter("l.subject = @subject", "subject", query.Subject);
        Filter("l.kind = @kind", "kind", query.Kind is { } k ? WorkflowNames.Name(k) : null);
        Filter("l.actor = @actor", "actor", query.Actor);
        Filter("l.alert_id = @alert", "alert", query.AlertId);
        var limit = query.Limit > 0 ? $" LIMIT {query.Limit}" : "";
        // The join repeats the lower bound on the payloads: PostgreSQL carries no range through the join's equality, and
        // would otherwise merge-join from the first payload to reach a page deep in the log.
        command.CommandText = $"SELECT {EntryColumns} FROM audit_log l LEFT JOIN audit_payloads p ON p.seq = l.seq AND p.seq > @after WHERE {string.Join(" AND ", where)} ORDER BY l.seq{limit}";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (ReadStored(reader).Stored is { } s)
            {
                yield return new AuditRecord(s.Entry, AuditHashes.Hex(s.LeafHash), AuditHashes.Hex(s.ChainHash), s.Payload);
            }
        }
    }
}
