using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Vigil.Core.Workflow;

namespace Vigil.Core.Storage;

/// <summary>The monitoring queue (filled by the transactions that change lists and links) and the monitored subjects it re-screens.</summary>
public sealed partial class VigilStore
{
    private const string QueueColumns =
        "id AS Id, trigger_kind AS TriggerKind, source AS Source, from_snapshot AS FromSnapshot, to_snapshot AS ToSnapshot, records AS Records, queued_at AS QueuedAt, finished_at AS FinishedAt, run_id AS RunId, subjects AS Subjects, alerts AS Alerts";

    /// <summary>Queues monitoring work that no list import queues by itself: a full re-screen, a link decision's pairs.</summary>
    public async Task<long> QueueMonitorAsync(MonitorTrigger trigger, IReadOnlyList<string>? records = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        var id = await QueueMonitorAsync(connection, transaction, trigger, records, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    private const string QueueInsert =
        """
        INSERT INTO monitor_queue (trigger_kind, source, from_snapshot, to_snapshot, records, queued_at, finished_at, run_id, subjects, alerts)
        VALUES (@trigger, NULL, NULL, NULL, @records, @now, NULL, NULL, NULL, NULL) RETURNING id
        """;

    private static async Task<long> QueueMonitorAsync(DbConnection connection, DbTransaction transaction, MonitorTrigger trigger, IReadOnlyList<string>? records, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(QueueInsert, QueueArguments(trigger, records), transaction, cancellationToken: cancellationToken));

    private static object QueueArguments(MonitorTrigger trigger, IReadOnlyList<string>? records) =>
        new { trigger = Text(trigger), records = records is null ? null : Json(records), now = Clock.NowText() };

    /// <summary>The monitoring work not yet done, oldest first.</summary>
    public async Task<IReadOnlyList<MonitorWork>> PendingMonitorWorkAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        return await QueueAsync(connection, "finished_at IS NULL ORDER BY id", cancellationToken);
    }

    /// <summary>The latest work of this trigger that finished; null when none has.</summary>
    public async Task<MonitorWork?> LastFinishedMonitorWorkAsync(MonitorTrigger trigger, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        return (await QueueAsync(connection, $"finished_at IS NOT NULL AND trigger_kind = '{Text(trigger)}' ORDER BY id DESC LIMIT 1", cancellationToken)).SingleOrDefault();
    }

    /// <summary>
    /// Marks queued work done by a run, with the subjects it screened and the alerts it raised; for a list change, the
    /// bound on the score moves of the subjects its plan left alone and the latest screening id when it was planned
    /// (see <see cref="Workflow.Monitoring.DeltaPlan.ScoreMargin"/>), which later plans add up for the subjects not screened since.
    /// </summary>
    public async Task FinishMonitorWorkAsync(IReadOnlyList<long> work, long? run, int subjects, int alerts, double? scoreMargin = null, long? screeningMark = null, CancellationToken cancellationToken = default)
    {
        if (work.Count == 0)
        {
            return;
        }
        await using var connection = await ConnectAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE monitor_queue SET finished_at = @now, run_id = @run, subjects = @subjects, alerts = @alerts, score_margin = @scoreMargin, screening_mark = @screeningMark
            WHERE id IN ({string.Join(", ", work.Select(w => w.ToString(CultureInfo.InvariantCulture)))})
            """,
            new { now = Clock.NowText(), run, subjects, alerts, scoreMargin, screeningMark }, cancellationToken: cancellationToken));
    }

    /// <summary>The latest screening id in the store (0 when none): the mark a plan records (see <see cref="FinishMonitorWorkAsync"/>).</summary>
    internal async Task<long> LatestScreeningIdAsync(CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT MAX(id) FROM screenings", cancellationToken: cancellationToken)) ?? 0;
    }

    /// <summary>The score margins and screening marks of the list changes done, each work row once (a row finished together with others shares their margin).</summary>
    internal async Task<IReadOnlyList<(long Mark, double Margin)>> ScoreMarginsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        // Work done by one run shares one plan: its margin counts once.
        return [.. (await connection.QueryAsync<(string, long, double)>(new CommandDefinition(
            "SELECT DISTINCT finished_at, screening_mark, score_margin FROM monitor_queue WHERE finished_at IS NOT NULL AND score_margin IS NOT NULL AND screening_mark IS NOT NULL",
            cancellationToken: cancellationToken))).Select(r => (r.Item2, r.Item3))];
    }

    /// <summary>
    /// The monitored subjects' latest screenings with a top score of at least <paramref name="low"/> below their run's
    /// threshold (every subject with a hit among them), only those of <paramref name="only"/> when given.
    /// </summary>
    internal async Task<IReadOnlyList<LatestScreening>> LatestScreeningsNearAsync(double low, IReadOnlyCollection<long>? only, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var found = new List<LatestScreening>();
        foreach (var chunk in only is null ? [null] : only.Order().Chunk(500).Select(c => (long[]?)c))
        {
            var filter = chunk is null ? "" : $"AND sc.subject_id IN ({string.Join(", ", chunk.Select(i => i.ToString(CultureInfo.InvariantCulture)))})";
            found.AddRange(await connection.QueryAsync<LatestScreening>(new CommandDefinition(
                $"""
                SELECT sc.subject_id AS Subject, sc.id AS Screening, sc.top_score AS TopScore, r.threshold AS Threshold
                FROM screenings sc
                JOIN screening_runs r ON r.id = sc.run_id
                JOIN subjects s ON s.id = sc.subject_id AND s.monitored = 1 AND s.deleted_at IS NULL
                WHERE sc.top_score >= r.threshold - @low {filter}
                  AND sc.id = (SELECT MAX(l.id) FROM screenings l WHERE l.subject_id = sc.subject_id)
                """,
                new { low }, cancellationToken: cancellationToken)));
        }
        return found;
    }

    /// <summary>The monitored subjects with no screening, or whose latest screening failed: nothing recorded says what they match.</summary>
    internal async Task<IReadOnlyList<long>> SubjectsWithoutScreeningAsync(CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        return [.. await connection.QueryAsync<long>(new CommandDefinition(
            $"""
            SELECT s.id FROM subjects s
            LEFT JOIN screenings sc ON sc.id = (SELECT MAX(l.id) FROM screenings l WHERE l.subject_id = s.id)
            WHERE s.monitored = 1 AND s.deleted_at IS NULL AND (sc.id IS NULL OR sc.outcome = '{Text(ScreeningOutcome.Error)}')
            """,
            cancellationToken: cancellationToken))];
    }

    /// <summary>Monitored subjects at their current versions, in id order after <paramref name="after"/>; only those in <paramref name="only"/> when given.</summary>
    public async Task<IReadOnlyList<MonitoredSubject>> MonitoredSubjectsAsync(long after, int count, IReadOnlyList<long>? only = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var filter = only is null ? "" : $"AND s.id IN ({(only.Count == 0 ? "NULL" : string.Join(", ", only.Select(i => i.ToString(CultureInfo.InvariantCulture))))})";
        var rows = await connection.QueryAsync<VersionRow>(new CommandDefinition(
            $"""
            SELECT s.id AS SubjectId, s.reference AS Reference, s.current_version AS Version, s.input_hash AS InputHash, v.schema AS Schema, v.names AS Names,
                   v.birth_dates AS BirthDates, v.countries AS Countries, v.unresolved_countries AS Unresolved, v.identifiers AS Identifiers, v.profile AS Profile
            FROM subjects s JOIN subject_versions v ON v.subject_id = s.id AND v.version = s.current_version
            WHERE s.monitored = 1 AND s.deleted_at IS NULL AND s.id > @after {filter}
            ORDER BY s.id LIMIT {count.ToString(CultureInfo.InvariantCulture)}
            """,
            new { after }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new MonitoredSubject(r.SubjectId, r.Reference, r.Version, r.InputHash, r.Fields(), r.Profile))];
    }

    /// <summary>The subjects whose pairs touch these records: a hit in their latest screening, an open alert or a decision in force on one of them.</summary>
    public async Task<IReadOnlyList<long>> SubjectsTouchingAsync(IReadOnlyList<string> records, CancellationToken cancellationToken = default)
    {
        if (records.Count == 0)
        {
            return [];
        }
        await using var connection = await ConnectAsync(cancellationToken);
        var (list, args) = RecordIdParameters(records);
        var found = new SortedSet<long>(await connection.QueryAsync<long>(new CommandDefinition(
            $"""
            SELECT a.subject_id FROM alerts a JOIN alert_records ar ON ar.alert_id = a.id WHERE ar.record_id IN ({list})
            UNION SELECT d.subject_id FROM decisions d JOIN decision_records dr ON dr.decision_id = d.id WHERE d.state = 'in_force' AND dr.record_id IN ({list})
            """,
            args, cancellationToken: cancellationToken)));
        // Hits keep their records as JSON; a record id is matched with its quotes so that QDi.37 never finds QDi.372.
        foreach (var record in records)
        {
            foreach (var subject in await connection.QueryAsync<long>(new CommandDefinition(
                """
                SELECT s.subject_id FROM screening_hits h JOIN screenings s ON s.id = h.screening_id
                WHERE h.record_ids LIKE @pattern ESCAPE '\' AND s.subject_id IS NOT NULL
                AND s.id = (SELECT MAX(l.id) FROM screenings l WHERE l.subject_id = s.subject_id)
                """,
                new { pattern = "%" + JsonSerializer.Serialize(record, ColumnJson).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%" },
                cancellationToken: cancellationToken)))
            {
                found.Add(subject);
            }
        }
        return [.. found];
    }

    /// <summary>How many subjects are monitored, what work is queued and was done last, and how many alerts are not closed.</summary>
    public async Task<MonitorStatus> MonitorStatusAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var (monitored, since) = await connection.QuerySingleAsync<(long, string?)>(new CommandDefinition(
            "SELECT COUNT(*), MIN(created_at) FROM subjects WHERE monitored = 1 AND deleted_at IS NULL", cancellationToken: cancellationToken));
        var open = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM alerts WHERE status IN {NotClosed}", cancellationToken: cancellationToken));
        var pending = await QueueAsync(connection, "finished_at IS NULL ORDER BY id", cancellationToken);
        var recent = await QueueAsync(connection, "finished_at IS NOT NULL ORDER BY id DESC LIMIT 10", cancellationToken);
        return new MonitorStatus(monitored, pending, recent, open, since);
    }

    private static async Task<IReadOnlyList<MonitorWork>> QueueAsync(DbConnection connection, string where, CancellationToken cancellationToken) =>
        [.. (await connection.QueryAsync<QueueRow>(new CommandDefinition($"SELECT {QueueColumns} FROM monitor_queue WHERE {where}", cancellationToken: cancellationToken)))
            .Select(r => new MonitorWork(r.Id, Parse<MonitorTrigger>(r.TriggerKind), r.Source, r.FromSnapshot, r.ToSnapshot, r.Records is null ? [] : List(r.Records),
                r.QueuedAt, r.FinishedAt, r.RunId, r.Subjects, r.Alerts))];

    private sealed class QueueRow
    {
        public long Id { get; set; }
        public string TriggerKind { get; set; } = "";
        public string? Source { get; set; }
        public long? FromSnapshot { get; set; }
        public long? ToSnapshot { get; set; }
        public string? Records { get; set; }
        public string QueuedAt { get; set; } = "";
        public string? FinishedAt { get; set; }
        public long? RunId { get; set; }
        public int? Subjects { get; set; }
        public int? Alerts { get; set; }
    }
}
