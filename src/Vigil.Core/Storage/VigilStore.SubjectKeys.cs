using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Dapper;
using Vigil.Core.Workflow;
using Vigil.Core.Workflow.Monitoring;
using Vigil.Matching.Screening;

namespace Vigil.Core.Storage;

/// <summary>
/// The reverse key table: for each monitored subject's current version, the candidate keys of its names and
/// identifiers (<see cref="SubjectKeys"/>), so a list change finds the subjects it can affect without screening them
/// all. Keys of an older version, or of a subject deleted or no longer monitored, are never read.
/// </summary>
public sealed partial class VigilStore
{
    // Rows per insert statement: SQLite binds named parameters by a linear scan, so a statement stays small.
    private const int KeyRowsPerInsert = 64;

    // A subject's keys count only while it is monitored, not deleted, and the keys are of its current version.
    private const string CurrentKeys =
        "JOIN subjects s ON s.id = k.subject_id AND s.current_version = k.subject_version AND s.monitored = 1 AND s.deleted_at IS NULL";

    /// <summary>Replaces a subject's keys with those of the version just written (none when it is not monitored), in the writer's transaction.</summary>
    internal static async Task WriteSubjectKeysAsync(DbConnection connection, DbTransaction transaction, long subject, int version, SubjectFields fields, bool monitored, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM subject_keys WHERE subject_id = @subject", new { subject }, transaction, cancellationToken: cancellationToken));
        if (monitored)
        {
            await InsertKeysAsync(connection, transaction, [(subject, version, SubjectKeys.Of(fields))], cancellationToken);
        }
    }

    /// <summary>
    /// Writes the keys of every monitored subject whose current version has none: subjects written before the table
    /// existed, or whose keys were dropped to be rebuilt. Returns how many subjects got keys. Cheap when none lack them.
    /// </summary>
    public async Task<int> FillSubjectKeysAsync(CancellationToken cancellationToken = default)
    {
        const int Page = 2000;
        var filled = 0;
        var after = 0L;
        await using var connection = await ConnectAsync(cancellationToken);
        while (true)
        {
            var rows = (await connection.QueryAsync<(long Id, int Version, string Schema, string Names, string Identifiers)>(new CommandDefinition(
                """
                SELECT s.id, s.current_version, v.schema, v.names, v.identifiers
                FROM subjects s JOIN subject_versions v ON v.subject_id = s.id AND v.version = s.current_version
                WHERE s.id > @after AND s.monitored = 1 AND s.deleted_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM subject_keys k WHERE k.subject_id = s.id AND k.subject_version = s.current_version)
                ORDER BY s.id LIMIT @page
                """,
                new { after, page = Page }, cancellationToken: cancellationToken))).ToList();
            if (rows.Count == 0)
            {
                return filled;
            }
            after = rows[^1].Id;
            // Analysing the names is the work here; every core takes a share.
            var keyed = new (long, int, IReadOnlyList<string>)[rows.Count];
            Parallel.For(0, rows.Count, i =>
            {
                var r = rows[i];
                var fields = new SubjectFields(r.Schema, List(r.Names), [], [], [], List(r.Identifiers));
                keyed[i] = (r.Id, r.Version, SubjectKeys.Of(fields));
            });
            await using var transaction = await BeginWriteAsync(connection, cancellationToken);
            var (list, args) = IdParameters(rows.Select(r => r.Id).ToList());
            await connection.ExecuteAsync(new CommandDefinition($"DELETE FROM subject_keys WHERE subject_id IN ({list})", args, transaction, cancellationToken: cancellationToken));
            await InsertKeysAsync(connection, transaction, keyed, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            filled += rows.Count;
        }
    }

    /// <summary>Monitored subjects (current, not deleted) and the key rows that count for them.</summary>
    public async Task<(long Subjects, long Keys)> SubjectKeyCountsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var subjects = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM subjects WHERE monitored = 1 AND deleted_at IS NULL", cancellationToken: cancellationToken));
        var keys = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM subject_keys k {CurrentKeys}", cancellationToken: cancellationToken));
        return (subjects, keys);
    }

    /// <summary>Monitored subjects: current, not deleted.</summary>
    internal async Task<long> MonitoredSubjectCountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM subjects WHERE monitored = 1 AND deleted_at IS NULL", cancellationToken: cancellationToken));
    }

    /// <summary>Every distinct spelling key (<see cref="CandidateKeys.SpellingPrefix"/>) in the table: the vocabulary a near lookup runs over.</summary>
    internal async Task<List<string>> SubjectSpellingKeysAsync(CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        // A range over the key index; keys of stale versions may be among them, which only widens the lookup.
        var upper = CandidateKeys.SpellingPrefix[..^1] + (char)(CandidateKeys.SpellingPrefix[^1] + 1);
        return (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT DISTINCT key FROM subject_keys WHERE key >= @lower AND key < @upper",
            new { lower = CandidateKeys.SpellingPrefix, upper }, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>The monitored subjects whose current version holds any of <paramref name="keys"/>.</summary>
    internal async Task<HashSet<long>> SubjectsHoldingKeysAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var subjects = new HashSet<long>();
        await using var connection = await ConnectAsync(cancellationToken);
        foreach (var chunk in keys.Order(StringComparer.Ordinal).Chunk(500))
        {
            var (list, args) = IdParameters(chunk);
            subjects.UnionWith(await connection.QueryAsync<long>(new CommandDefinition(
                $"SELECT DISTINCT k.subject_id FROM subject_keys k {CurrentKeys} WHERE k.key IN ({list})", args, cancellationToken: cancellationToken)));
        }
        return subjects;
    }

    /// <summary>The monitored subjects whose latest screening holds a hit on any of <paramref name="recordIds"/>.</summary>
    internal async Task<HashSet<long>> SubjectsHitOnRecordsAsync(IReadOnlySet<string> recordIds, CancellationToken cancellationToken)
    {
        var subjects = new HashSet<long>();
        if (recordIds.Count == 0)
        {
            return subjects;
        }
        await using var connection = await ConnectAsync(cancellationToken);
        // Hits are few beside subjects; their record ids are a JSON list, read and compared here exactly.
        var hits = await connection.QueryAsync<(long Subject, string Records)>(new CommandDefinition(
            """
            SELECT sc.subject_id, h.record_ids
            FROM screening_hits h
            JOIN screenings sc ON sc.id = h.screening_id
            JOIN subjects s ON s.id = sc.subject_id AND s.monitored = 1 AND s.deleted_at IS NULL
            WHERE sc.id = (SELECT MAX(l.id) FROM screenings l WHERE l.subject_id = sc.subject_id)
            """,
            cancellationToken: cancellationToken));
        foreach (var (subject, records) in hits)
        {
            if (!subjects.Contains(subject) && (JsonSerializer.Deserialize<List<string>>(records) ?? []).Any(recordIds.Contains))
            {
                subjects.Add(subject);
            }
        }
        return subjects;
    }

    private static async Task InsertKeysAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<(long Subject, int Version, IReadOnlyList<string> Keys)> subjects, CancellationToken cancellationToken)
    {
        var rows = subjects.SelectMany(s => s.Keys.Select(k => (s.Subject, s.Version, Key: k)));
        foreach (var chunk in rows.Chunk(KeyRowsPerInsert))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var sql = new StringBuilder("INSERT INTO subject_keys (subject_id, subject_version, key) VALUES ");
            for (var i = 0; i < chunk.Length; i++)
            {
                sql.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"(@s{i}, @v{i}, @k{i})");
                Parameter(command, $"s{i}", chunk[i].Subject);
                Parameter(command, $"v{i}", chunk[i].Version);
                Parameter(command, $"k{i}", chunk[i].Key);
            }
            command.CommandText = sql.ToString();
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static void Parameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static (string List, DynamicParameters Args) IdParameters<T>(IReadOnlyList<T> values)
    {
        var args = new DynamicParameters();
        for (var i = 0; i < values.Count; i++)
        {
            args.Add($"p{i}", values[i]);
        }
        return (string.Join(", ", Enumerable.Range(0, values.Count).Select(i => $"@p{i}")), args);
    }
}
