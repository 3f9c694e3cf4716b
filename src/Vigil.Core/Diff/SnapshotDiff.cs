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
    private const string ChangedSql =
        """
        SELECT DISTINCT d.record_id FROM (
            SELECT record_id FROM (
                SELECT record_id, property, value FROM statements WHERE snapshot_id = @to
                EXCEPT SELECT record_id, property, value FROM statements WHERE snapshot_id = @from) x
            UNION ALL
            SELECT record_id FROM (
                SELECT record_id, property, value FROM statements WHERE snapshot_id = @from
                EXCEPT SELECT record_id, property, value FROM statements WHERE snapshot_id = @to) y
        ) d
        WHERE d.record_id IN (SELECT record_id FROM records WHERE snapshot_id = @from)
          AND d.record_id IN (SELECT record_id FROM records WHERE snapshot_id = @to)
        """;

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
        if (changedIds.Count > 0)
        {
            var rows = connection.Query<(long Snapshot, string RecordId, string Property, string Value)>(
                $"""
                SELECT s.snapshot_id, s.record_id, s.property, s.value FROM statements s
                WHERE s.snapshot_id IN (@from, @to)
                  AND s.record_id IN ({ChangedSql})
                ORDER BY s.record_id, s.property, s.seq
                """, args);
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
