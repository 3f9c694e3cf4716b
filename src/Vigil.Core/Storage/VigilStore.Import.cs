using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Vigil.Core.Audit;
using Vigil.Core.Model;
using Vigil.Core.Sources;

namespace Vigil.Core.Storage;

public sealed partial class VigilStore
{
    /// <summary>
    /// Imports a list file or folder as a new snapshot of its source, in one transaction: the snapshot is visible
    /// completely or not at all, also when the process dies mid-import. A file identical to the source's latest
    /// snapshot makes no new snapshot. Throws <see cref="ListFormatException"/> on bad input, leaving the store as it was.
    /// A <paramref name="guard"/> sees the complete import before it is committed and may refuse it with a reason
    /// (<see cref="ImportRefusedException"/>), e.g. a download that would drop a fifth of a list.
    /// </summary>
    public ImportResult Import(
        string path,
        string? format = null,
        IProgress<ImportProgress>? progress = null,
        Func<ImportCheck, string?>? guard = null,
        CancellationToken cancellationToken = default)
    {
        var input = ListInput.Open(path);
        var parser = format is null ? ListFormats.Detect(input) : ListFormats.ByName(format);
        var hash = ContentHash(input);
        var header = new ListHeader();

        using var records = parser.Read(input, header, cancellationToken).GetEnumerator();
        var hasFirst = MoveNext(records, input);
        if (!hasFirst)
        {
            throw new ListFormatException(input.Path, "whole file", $"no records found in this {parser.Format} file");
        }
        var source = header.Source ?? throw new InvalidOperationException($"parser {parser.Format} did not name its source");

        using var connection = Connect();
        using var transaction = BeginWrite(connection);
        if (Kind == StoreKind.Postgres)
        {
            // Imports of one source queue here (SQLite's write lock already serialises them), so "identical to the
            // latest" below sees the other import's commit and two runs of one file make one snapshot.
            connection.Execute("SELECT pg_advisory_xact_lock(7412, hashtext(@source))", new { source }, transaction);
        }
        var previous = connection.QuerySingleOrDefault<(long Id, string Hash, int Entities)?>(
            "SELECT id, content_hash, entity_count FROM snapshots WHERE source = @source ORDER BY id DESC LIMIT 1",
            new { source }, transaction);
        if (previous is { } p && p.Hash == hash)
        {
            transaction.Rollback();
            var info = connection.QuerySingle<(string? Published, int Count)>(
                "SELECT published, entity_count FROM snapshots WHERE id = @id", new { id = p.Id });
            return new ImportResult(source, p.Id, info.Published, info.Count, 0, 0, 0, parser.Format, Unchanged: true);
        }

        var snapshot = connection.ExecuteScalar<long>(
            """
            INSERT INTO snapshots (source, format, content_hash, published, imported_at, entity_count, origin)
            VALUES (@source, @format, @hash, NULL, @now, 0, @origin) RETURNING id
            """,
            new { source, format = parser.Format, hash, now = Clock.NowText(), origin = input.Path },
            transaction);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var firstSeen = new Dictionary<string, (byte[] Fingerprint, string? Location, string Caption)>(StringComparer.Ordinal);
        var seq = 0;
        using (var recordRows = new BatchInserter(connection, transaction, "records", "snapshot_id", "record_id", "schema", "caption", "seq"))
        using (var statementRows = new BatchInserter(connection, transaction, "statements", "snapshot_id", "record_id", "stmt_key", "seq", "property", "value", "original"))
        using (var nameRows = new BatchInserter(connection, transaction, "names", "snapshot_id", "record_id", "name_key", "seq", "name_type", "full_name", "script", "lang", "parts"))
        using (var designationRows = new BatchInserter(connection, transaction, "designations", "snapshot_id", "record_id", "designation_key", "seq", "program", "listed_on", "authority", "reference"))
        {
            do
            {
                var record = records.Current;
                ListLimits.CheckRecord(record, input.Path);
                var id = source + ":" + record.NativeId;
                // A native id met again (the EU lists a person under two programmes) is the same record:
                // its rows fold into the first through the primary keys.
                var isNew = seen.Add(id);
                if (!parser.RepeatsIds)
                {
                    CheckRepeatedId(firstSeen, record, isNew, input.Path);
                }
                if (isNew)
                {
                    recordRows.Add(snapshot, id, record.Schema.ToString(), record.Caption, seq++);
                    if (seen.Count % 500 == 0)
                    {
                        progress?.Report(new ImportProgress(source, seen.Count));
                    }
                }
                foreach (var s in record.Statements)
                {
                    statementRows.Add(snapshot, id, Key(s.Property, s.Value, s.Original), seq++, s.Property, s.Value, s.Original);
                }
                foreach (var n in record.Names)
                {
                    var parts = n.Parts.Count == 0 ? null : JsonSerializer.Serialize(n.Parts.Select(x => new[] { x.Kind.ToString(), x.Value }));
                    nameRows.Add(snapshot, id, Key(n.Type.ToString(), n.FullName, parts, n.Language), seq++, n.Type.ToString(), n.FullName, n.Script, n.Language, parts);
                }
                foreach (var d in record.Designations)
                {
                    designationRows.Add(snapshot, id, Key(d.Program, d.ListedOn, d.Authority, d.Reference), seq++, d.Program, d.ListedOn, d.Authority, d.Reference);
                }
            }
            while (MoveNext(records, input));
            recordRows.Flush();
            statementRows.Flush();
            nameRows.Flush();
            designationRows.Flush();
        }
        progress?.Report(new ImportProgress(source, seen.Count));

        if (header.DeclaredCount is { } declared && declared != seen.Count)
        {
            throw new ListFormatException(input.Path, "whole file", $"the file states {declared} records but {seen.Count} were read");
        }
        if (guard?.Invoke(new ImportCheck(source, seen.Count, previous?.Entities)) is { } refusal)
        {
            transaction.Rollback();
            throw new ImportRefusedException(source, refusal);
        }
        connection.Execute(
            "UPDATE snapshots SET entity_count = @count, published = @published WHERE id = @snapshot",
            new { count = seen.Count, published = header.Published, snapshot }, transaction);

        var counts = previous is { } prev
            ? SnapshotDiff.Count(connection, transaction, prev.Id, snapshot)
            : (Added: seen.Count, Removed: 0, Changed: 0);
        RefreshCrossReferenceLinks(connection, transaction);
        // The monitoring of this snapshot is queued by the transaction that makes it visible: a crash between the two
        // can never leave a list change that no one re-screens the customers for.
        connection.Execute(
            """
            INSERT INTO monitor_queue (trigger_kind, source, from_snapshot, to_snapshot, queued_at, finished_at, run_id, subjects, alerts)
            VALUES ('list_delta', @source, @from, @snapshot, @now, NULL, NULL, NULL, NULL)
            """,
            new { source, from = previous?.Id, snapshot, now = Clock.NowText() }, transaction);
        AdvanceGeneration(connection, transaction);
        Audit(transaction, new AuditEvent(AuditEventKind.SnapshotImported, UpdateActor, new Dictionary<string, object?>
        {
            ["source"] = source,
            ["snapshot"] = snapshot,
            ["format"] = parser.Format,
            ["file"] = input.Path,
            ["file_sha256"] = hash,
            ["published"] = header.Published,
            ["entities"] = seen.Count,
            ["added"] = counts.Added,
            ["removed"] = counts.Removed,
            ["changed"] = counts.Changed,
        }, SnapshotId: snapshot));
        Commit(connection, transaction);
        if (Kind == StoreKind.Postgres)
        {
            // The planner's statistics predate this snapshot until autovacuum notices it (up to a minute later), so
            // diffs and entity queries would plan for an empty snapshot. Run after the commit: ANALYZE of one table
            // queues behind another's, and inside the transaction it would hold concurrent imports until this one commits.
            connection.Execute("ANALYZE records, statements, names, designations");
        }
        return new ImportResult(source, snapshot, header.Published, seen.Count, counts.Added, counts.Removed, counts.Changed, parser.Format, Unchanged: false);
    }

    /// <summary>
    /// Moves the store's generation in the import's own transaction, so it changes exactly when the snapshot becomes
    /// visible. Snapshot ids cannot serve: PostgreSQL hands them out at insert, so a long import holding a lower id can
    /// commit after a short one with a higher id. The row lock also orders concurrent imports' last step.
    /// </summary>
    private static void AdvanceGeneration(DbConnection connection, DbTransaction transaction) =>
        connection.Execute("UPDATE store_generation SET generation = generation + 1 WHERE id = 1", transaction: transaction);

    /// <summary>Links records that quote another list's record id to it (UK rows quoting "UN Ref QDi.372").</summary>
    private static void RefreshCrossReferenceLinks(DbConnection connection, DbTransaction transaction) =>
        connection.Execute(
            """
            INSERT INTO entity_links (left_id, right_id, method, evidence, created_at)
            SELECT s.record_id, s.value, 'crossReference', MIN(COALESCE(s.original, s.value)), @now
            FROM statements s
            WHERE s.property = 'crossReference'
              AND s.snapshot_id IN (SELECT MAX(id) FROM snapshots GROUP BY source)
              AND EXISTS (SELECT 1 FROM records r WHERE r.record_id = s.value)
            GROUP BY s.record_id, s.value
            ON CONFLICT DO NOTHING
            """,
            new { now = Clock.NowText() }, transaction);

    /// <summary>
    /// Refuses a native id met again with other content in a format whose ids are unique: folding the two would merge
    /// two people (a UN file with one REFERENCE_NUMBER typed twice). An exact repeat folds harmlessly.
    /// </summary>
    private static void CheckRepeatedId(Dictionary<string, (byte[] Fingerprint, string? Location, string Caption)> firstSeen, SourceRecord record, bool isNew, string path)
    {
        var fingerprint = Fingerprint(record);
        if (isNew)
        {
            firstSeen[record.NativeId] = (fingerprint, record.Location, record.Caption);
            return;
        }
        var first = firstSeen[record.NativeId];
        if (!first.Fingerprint.AsSpan().SequenceEqual(fingerprint))
        {
            throw new ListFormatException(
                path,
                $"{first.Location ?? "an earlier record"} and {record.Location ?? "a later record"}",
                $"id {record.NativeId} is given to two records with different content ('{Shorten(first.Caption)}' and '{Shorten(record.Caption)}'); each record needs its own id");
        }
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";

    /// <summary>SHA-256 of the record's schema and sorted statements (names and designations are mirrored there).</summary>
    private static byte[] Fingerprint(SourceRecord record)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(record.Schema.ToString()));
        foreach (var s in record.Statements
                     .Select(s => s.Property + "\u0001" + s.Value + "\u0001" + s.Original)
                     .Order(StringComparer.Ordinal))
        {
            sha.AppendData(Encoding.UTF8.GetBytes("\u0002" + s));
        }
        return sha.GetHashAndReset();
    }

    private static bool MoveNext(IEnumerator<SourceRecord> records, ListInput input)
    {
        try
        {
            return records.MoveNext();
        }
        catch (ListFormatException)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e) when (e is System.Xml.XmlException or FormatException or InvalidDataException or IOException or ArgumentException or InvalidOperationException)
        {
            throw new ListFormatException(input.Path, "while reading", e.Message, e);
        }
    }

    /// <summary>SHA-256 of the file, or of every file's name and bytes in a folder, in name order.</summary>
    internal static string ContentHash(ListInput input)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var files = input.IsDirectory
            ? Directory.GetFiles(input.Path).Order(StringComparer.Ordinal).ToArray()
            : [input.Path];
        var buffer = new byte[81920];
        foreach (var file in files)
        {
            if (input.IsDirectory)
            {
                sha.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(file) + "\0"));
            }
            using var stream = File.OpenRead(file);
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                sha.AppendData(buffer, 0, read);
            }
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>A stable 64-bit key for a row's content, so a repeated value folds into one row.</summary>
    private static long Key(params string?[] parts)
    {
        var text = string.Join('\u001F', parts.Select(p => p ?? "\u0000"));
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return BitConverter.ToInt64(hash);
    }
}
