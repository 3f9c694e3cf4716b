using System.Data.Common;
using Dapper;

namespace Vigil.Core.Storage;

/// <summary>One property of one record whose values differ between two snapshots.</summary>
public sealed record PropertyChange(string Property, IReadOnlyList<string> Before, IReadOnlyList<string> After);

/// <summary>A record present in both snapshots whose statements differ.</summary>
public sealed record RecordChange(string Id, IReadOnlyList<PropertyChange> Changes);

/// <summary>What changed between two snapshots of one source: new listings, delistings, amendments.</summary>
public sealed record DiffResult(
    string Source,
    long? From,
    long To,
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Removed,
    IReadOnlyList<RecordChange> Changed);

/// <summary>Computes differences between snapshots in SQL, so a diff never loads whole snapshots into memory.</summary>
internal static class SnapshotDiff
{
    private const string AddedSql =
        "SELECT record_id FROM records WHERE snapshot_id = @to EXCEPT SELECT record_id FROM records WHERE snapshot_id = @from";

    private const string RemovedSql =
        "SELECT record_id FROM records WHERE snapshot_id = @from EXCEPT SELECT record_id FROM records WHERE snapshot_id = @to";

    // Records in both snapshots with a value only one side has (a changed "original" wording alone is not a change).
    // Only scans and aggregates, never a join: a join's plan depends on the row estimates, and the new snapshot's rows
    // are uncounted by statistics taken before it (inside the import's own transaction, or until autovacuum runs), which
    // makes the planner choose nested loops over every statement of both snapshots.
    private const string ChangedSql =
        """
        SELECT record_id FROM (
            SELECT record_id, kind,
                   MAX(CASE WHEN snapshot_id = @from THEN 1 ELSE 0 END) AS in_from,
                   MAX(CASE WHEN snapshot_id = @to THEN 1 ELSE 0 END) AS in_to
            FROM (
                SELECT snapshot_id, record_id, 1 AS kind, '' AS property, '' AS value FROM records WHERE snapshot_id IN (@from, @to)
                UNION ALL
                SELECT snapshot_id, record_id, 0, property, value FROM statements WHERE snapshot_id IN (@from, @to)
            ) u
            GROUP BY record_id, kind, property, value
        ) g
        GROUP BY record_id
        HAVING MAX(CASE WHEN kind = 1 AND in_from = 1 AND in_to = 1 THEN 1 ELSE 0 END) = 1
           AND MAX(CASE WHEN kind = 0 AND in_from <> in_to THEN 1 ELSE 0 END) = 1
        """;

    // Statements of the changed records are read by primary key a batch of ids at a time, for the same reason.
    private const int DetailBatch = 500;

    public static (int Added, int Removed, int Changed) Count(DbConnection connection, DbTransaction? transaction, long from, long to)
    {
        var args = new { from, to };
        return (
            connection.ExecuteScalar<int>($"SELECT COUNT(*) FROM ({AddedSql}) x", args, transaction),
            connection.ExecuteScalar<int>($"SELECT COUNT(*) FROM ({RemovedSql}) x", args, transaction),
            connection.ExecuteScalar<int>($"SELECT COUNT(*) FROM ({ChangedSql}) x", args, transaction));
    }

    public static DiffResult Compute(DbConnection connection, string source, long? from, long to)
    {
        var args = new { from = from ?? -1, to };
        var added = connection.Query<string>(AddedSql + " ORDER BY 1", args).ToList();
        var removed = connection.Query<string>(RemovedSql + " ORDER BY 1", args).ToList();
        var changedIds = connection.Query<string>(ChangedSql + " ORDER BY 1", args).ToList();
        var changed = new List<RecordChange>(changedIds.Count);
        foreach (var batch in changedIds.Chunk(DetailBatch))
        {
            // Dapper expands a list into parameters for SQLite and passes an array to Npgsql.
            var rows = connection.Query<(long Snapshot, string RecordId, string Property, string Value)>(
                $"""
                SELECT s.snapshot_id, s.record_id, s.property, s.value FROM statements s
                WHERE s.snapshot_id IN (@from, @to) AND s.record_id {(connection is Npgsql.NpgsqlConnection ? "= ANY(@ids)" : "IN @ids")}
                ORDER BY s.record_id, s.property, s.seq
                """, new { args.from, to, ids = batch });
            foreach (var record in rows.GroupBy(r => r.RecordId))
            {
                var changes = new List<PropertyChange>();
                foreach (var property in record.GroupBy(r => r.Property).OrderBy(g => g.Key, StringComparer.Ordinal))
                {
                    var before = property.Where(r => r.Snapshot == args.from).Select(r => r.Value).Distinct().ToList();
                    var after = property.Where(r => r.Snapshot == to).Select(r => r.Value).Distinct().ToList();
                    if (!before.ToHashSet().SetEquals(after) || before.Count != after.Count)
                    {
                        changes.Add(new PropertyChange(property.Key, before, after));
                    }
                }
                changed.Add(new RecordChange(record.Key, changes));
            }
        }
        return new DiffResult(source, from, to, added, removed, changed);
    }
}
