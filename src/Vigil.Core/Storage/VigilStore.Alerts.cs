using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Vigil.Core.Audit;
using Vigil.Core.Workflow;

namespace Vigil.Core.Storage;

/// <summary>
/// Alerts and decisions: the alert rules applied to each recorded hit in the transaction that records it, and the
/// analysts' work on alerts (decide, comment, assign), each in one transaction.
/// </summary>
public sealed partial class VigilStore
{
    private const string NewestFirst = "a.id DESC";

    private const string NotClosed = "('open', 'in_review', 'pending_approval')";

    /// <summary>The material facts of records as the given snapshots state them, one <see cref="RecordFacts"/> per record found.</summary>
    internal async Task<IReadOnlyList<RecordFacts>> RecordFactsAsync(IReadOnlyList<long> snapshots, IReadOnlyList<string> recordIds, CancellationToken cancellationToken)
    {
        if (snapshots.Count == 0 || recordIds.Count == 0)
        {
            return [];
        }
        await using var connection = await ConnectAsync(cancellationToken);
        var found = new List<RecordFacts>();
        var inSnapshots = string.Join(", ", snapshots.Select(s => s.ToString(CultureInfo.InvariantCulture)));
        foreach (var chunk in recordIds.Chunk(400))
        {
            var (list, args) = RecordIdParameters(chunk);
            var rows = await connection.QueryAsync<(string Record, string Property, string Value)>(new CommandDefinition(
                $"SELECT r.record_id, st.property, st.value FROM records r LEFT JOIN statements st ON st.snapshot_id = r.snapshot_id AND st.record_id = r.record_id WHERE r.snapshot_id IN ({inSnapshots}) AND r.record_id IN ({list})",
                args, cancellationToken: cancellationToken));
            found.AddRange(rows.GroupBy(r => r.Record, StringComparer.Ordinal).Select(g =>
                RecordFacts.Create(g.Key, g.Where(r => r.Property is not null).Select(r => new MaterialFact(r.Property, r.Value)))));
        }
        return found;
    }

    /// <summary>
    /// Applies the alert rules to a screening just inserted in <paramref name="transaction"/>: each hit either joins the
    /// open alert on its pair, is kept quiet by the decision in force, or raises an alert. Sets the screening's outcome.
    /// </summary>
    private async Task<RecordedOutcome> ApplyAlertRulesAsync(
        DbConnection connection, DbTransaction transaction, long subject, int version, string inputHash, long screeningId, SubjectScreening screening, string actor, string now, CancellationToken cancellationToken)
    {
        if (screening.Outcome == ScreeningOutcome.Error)
        {
            return new RecordedOutcome(ScreeningOutcome.Error, null, []);
        }
        if (screening.Hits.Count == 0)
        {
            return new RecordedOutcome(ScreeningOutcome.NoHit, null, []);
        }
        if (Kind == StoreKind.Postgres)
        {
            // Screenings and decisions of one subject take turns, so a pair never gets two open alerts.
            await connection.ExecuteAsync(new CommandDefinition("SELECT id FROM subjects WHERE id = @subject FOR UPDATE", new { subject }, transaction, cancellationToken: cancellationToken));
        }
        foreach (var facts in screening.Facts.Values)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO record_facts (fingerprint, record_id, facts) VALUES (@fingerprint, @record, @facts) ON CONFLICT (fingerprint) DO NOTHING",
                new { fingerprint = facts.Fingerprint, record = facts.RecordId, facts = JsonSerializer.Serialize(facts.Facts.Select(f => new[] { f.Property, f.Value })) },
                transaction, cancellationToken: cancellationToken));
        }
        var alerted = false;
        long? suppressedBy = null;
        var raised = new List<long>();
        foreach (var hit in screening.Hits)
        {
            var fingerprints = hit.RecordFingerprints ?? throw new InvalidOperationException("a hit is recorded without its fingerprints");
            var found = new PairFacts(fingerprints, inputHash, hit.Band);
            var (recordList, recordArgs) = RecordIdParameters([.. hit.RecordIds]);
            recordArgs.Add("subject", subject);

            var open = await connection.QueryFirstOrDefaultAsync<long?>(new CommandDefinition(
                $"""
                SELECT a.id FROM alerts a WHERE a.subject_id = @subject AND a.status IN {NotClosed}
                AND EXISTS (SELECT 1 FROM alert_records ar WHERE ar.alert_id = a.id AND ar.record_id IN ({recordList}))
                ORDER BY a.id LIMIT 1
                """,
                recordArgs, transaction, cancellationToken: cancellationToken));
            if (open is { } alertId)
            {
                alerted = true;
                await RescreenOpenAlertAsync(connection, transaction, alertId, subject, version, screeningId, hit, found, actor, now, cancellationToken);
                continue;
            }

            var decision = await connection.QueryFirstOrDefaultAsync<DecisionRow>(new CommandDefinition(
                $"""
                SELECT d.id AS Id, d.outcome AS Outcome, d.input_hash AS InputHash, d.band AS Band, d.expires_at AS ExpiresAt,
                       d.subject_version AS SubjectVersion, s.run_id AS RunId
                FROM decisions d LEFT JOIN screenings s ON s.id = d.screening_id
                WHERE d.subject_id = @subject AND d.state = 'in_force'
                AND EXISTS (SELECT 1 FROM decision_records dr WHERE dr.decision_id = d.id AND dr.record_id IN ({recordList}))
                ORDER BY d.id DESC LIMIT 1
                """,
                recordArgs, transaction, cancellationToken: cancellationToken));
            DecisionFacts? seen = null;
            if (decision is not null)
            {
                var seenRecords = (await connection.QueryAsync<(string Record, string Fingerprint)>(new CommandDefinition(
                        "SELECT record_id, fingerprint FROM decision_records WHERE decision_id = @id", new { id = decision.Id }, transaction, cancellationToken: cancellationToken)))
                    .ToDictionary(r => r.Record, r => r.Fingerprint, StringComparer.Ordinal);
                var relisted = decision.RunId is { } run && await RelistedAsync(connection, transaction, decision.Id, run, hit.RecordIds, cancellationToken);
                seen = new DecisionFacts(
                    decision.Id,
                    Parse<DecisionOutcome>(decision.Outcome),
                    new PairFacts(seenRecords, decision.InputHash, (ScoreBand)decision.Band),
                    decision.ExpiresAt is { } expires && string.CompareOrdinal(expires, now) <= 0,
                    relisted);
            }
            var verdict = AlertRules.Evaluate(found, seen);
            if (!verdict.Alerts)
            {
                suppressedBy ??= seen!.Id;
                continue;
            }
            alerted = true;
            var changes = seen is null ? AlertChanges.None : await ChangesAsync(connection, transaction, subject, decision!.SubjectVersion, version, seen.Seen.RecordFingerprints, fingerprints, verdict.Reasons, cancellationToken);
            raised.Add(await InsertAlertAsync(connection, transaction, verdict.Kind!.Value, verdict.Reasons, changes, subject, version, inputHash, screeningId, seen?.Id, hit, actor, now, cancellationToken));
        }
        var outcome = alerted ? ScreeningOutcome.Alert : ScreeningOutcome.Suppressed;
        var decisionId = alerted ? null : suppressedBy;
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE screenings SET outcome = @outcome, decision_id = @decisionId WHERE id = @screeningId",
            new { outcome = Text(outcome), decisionId, screeningId }, transaction, cancellationToken: cancellationToken));
        return new RecordedOutcome(outcome, decisionId, raised);
    }

    /// <summary>
    /// True when a record the decision saw, and the hit holds now, was missing from a later snapshot of its source than
    /// the one the decision saw: it left the list and came back.
    /// </summary>
    private static async Task<bool> RelistedAsync(DbConnection connection, DbTransaction transaction, long decision, long run, IReadOnlyList<string> recordIds, CancellationToken cancellationToken)
    {
        var (list, args) = RecordIdParameters(recordIds);
        args.Add("decision", decision);
        args.Add("run", run);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"""
            SELECT COUNT(*) FROM decision_records dr
            JOIN screening_run_snapshots rs ON rs.run_id = @run
            JOIN records seen ON seen.snapshot_id = rs.snapshot_id AND seen.record_id = dr.record_id
            JOIN snapshots later ON later.source = rs.source AND later.id > rs.snapshot_id
            WHERE dr.decision_id = @decision AND dr.record_id IN ({list})
            AND NOT EXISTS (SELECT 1 FROM records r WHERE r.snapshot_id = later.id AND r.record_id = dr.record_id)
            """,
            args, transaction, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>The material diff of the records both sides hold, and the subject's field diff when its input changed.</summary>
    private static async Task<AlertChanges> ChangesAsync(
        DbConnection connection, DbTransaction transaction, long subject, int seenVersion, int version,
        IReadOnlyDictionary<string, string> seen, IReadOnlyDictionary<string, string> now, IReadOnlyList<AlertReason> reasons, CancellationToken cancellationToken)
    {
        var entity = new List<FactChange>();
        foreach (var (record, before) in seen.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            if (now.TryGetValue(record, out var after) && after != before)
            {
                var was = await FactsAsync(connection, transaction, record, before, cancellationToken);
                var @is = await FactsAsync(connection, transaction, record, after, cancellationToken);
                if (was is not null && @is is not null)
                {
                    entity.AddRange(RecordFacts.Diff(was, @is));
                }
            }
        }
        IReadOnlyList<FieldChange> fields = [];
        if (reasons.Contains(AlertReason.SubjectChanged) && seenVersion != version)
        {
            var versions = (await connection.QueryAsync<VersionRow>(new CommandDefinition(
                    $"""
                    SELECT version AS Version, schema AS Schema, names AS Names, birth_dates AS BirthDates, countries AS Countries,
                           unresolved_countries AS Unresolved, identifiers AS Identifiers
                    FROM subject_versions WHERE subject_id = @subject AND version IN (@seenVersion, @version)
                    """,
                    new { subject, seenVersion, version }, transaction, cancellationToken: cancellationToken)))
                .ToDictionary(v => v.Version, v => v.Fields());
            if (versions.TryGetValue(seenVersion, out var before) && versions.TryGetValue(version, out var after))
            {
                fields = FieldChange.Between(before, after);
            }
        }
        return new AlertChanges(entity, fields);
    }

    private static async Task<RecordFacts?> FactsAsync(DbConnection connection, DbTransaction? transaction, string record, string fingerprint, CancellationToken cancellationToken)
    {
        var json = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT facts FROM record_facts WHERE fingerprint = @fingerprint", new { fingerprint }, transaction, cancellationToken: cancellationToken));
        return json is null
            ? null
            : new RecordFacts(record, fingerprint, [.. (JsonSerializer.Deserialize<string[][]>(json) ?? []).Select(f => new MaterialFact(f[0], f[1]))]);
    }

    private static async Task RescreenOpenAlertAsync(
        DbConnection connection, DbTransaction transaction, long alertId, long subject, int version, long screeningId, RecordedHit hit, PairFacts found, string actor, string now, CancellationToken cancellationToken)
    {
        var state = await connection.QuerySingleAsync<(string InputHash, long Band, long SubjectVersion, string Reasons)>(new CommandDefinition(
            "SELECT input_hash, band, subject_version, reasons FROM alerts WHERE id = @alertId", new { alertId }, transaction, cancellationToken: cancellationToken));
        var records = (await connection.QueryAsync<(string Record, string Fingerprint)>(new CommandDefinition(
                "SELECT record_id, fingerprint FROM alert_records WHERE alert_id = @alertId", new { alertId }, transaction, cancellationToken: cancellationToken)))
            .ToDictionary(r => r.Record, r => r.Fingerprint, StringComparer.Ordinal);
        var was = new PairFacts(records, state.InputHash, (ScoreBand)state.Band);
        var changed = AlertRules.Changes(found, new DecisionFacts(0, DecisionOutcome.FalsePositive, was, Expired: false, Relisted: false));
        var bandDown = found.Band < was.Band;
        if (changed.Count == 0 && !bandDown)
        {
            // Screened again with nothing new: the alert stands as it is, and its history does not fill with repeats.
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE alerts SET screening_id = @screeningId WHERE id = @alertId", new { alertId, screeningId }, transaction, cancellationToken: cancellationToken));
            return;
        }
        var changes = await ChangesAsync(connection, transaction, subject, (int)state.SubjectVersion, version, records, found.RecordFingerprints, changed, cancellationToken);
        var reasons = List<AlertReason>(state.Reasons).Union(changed).ToList();
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE alerts SET score = @score, band = @band, input_hash = @inputHash, subject_version = @version, screening_id = @screeningId,
                              entity_id = @entity, caption = @caption, reasons = @reasons, updated_at = @now, revision = revision + 1
            WHERE id = @alertId
            """,
            new { alertId, score = hit.Score, band = (int)hit.Band, inputHash = found.InputHash, version, screeningId, entity = hit.EntityId, caption = hit.Caption, reasons = EnumJson(reasons), now },
            transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM alert_records WHERE alert_id = @alertId", new { alertId }, transaction, cancellationToken: cancellationToken));
        await InsertAlertRecordsAsync(connection, transaction, "alert_records", "alert_id", alertId, found.RecordFingerprints, cancellationToken);
        await InsertEventAsync(connection, transaction, alertId, AlertEventKind.Rescreened, actor, now,
            JsonSerializer.Serialize(new EventDetail(changed, hit.Score, hit.Band, screeningId, changes), WorkflowJson.Compact), cancellationToken);
    }

    private static async Task<long> InsertAlertAsync(
        DbConnection connection, DbTransaction transaction, AlertKind kind, IReadOnlyList<AlertReason> reasons, AlertChanges changes, long subject, int version,
        string inputHash, long? screeningId, long? decision, RecordedHit hit, string actor, string now, CancellationToken cancellationToken)
    {
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO alerts (subject_id, kind, status, reasons, changes, entity_id, caption, score, band, input_hash, subject_version, screening_id, decision_id, assigned_to, created_at, updated_at, closed_at, revision)
            VALUES (@subject, @kind, 'open', @reasons, @changes, @entity, @caption, @score, @band, @inputHash, @version, @screeningId, @decision, NULL, @now, @now, NULL, 1)
            RETURNING id
            """,
            new
            {
                subject,
                kind = Text(kind),
                reasons = EnumJson(reasons),
                changes = changes.IsEmpty ? null : JsonSerializer.Serialize(changes, WorkflowJson.Compact),
                entity = hit.EntityId,
                caption = hit.Caption,
                score = hit.Score,
                band = (int)hit.Band,
                inputHash,
                version,
                screeningId,
                decision,
                now,
            },
            transaction, cancellationToken: cancellationToken));
        await InsertAlertRecordsAsync(connection, transaction, "alert_records", "alert_id", id, hit.RecordFingerprints ?? new Dictionary<string, string>(), cancellationToken);
        await InsertEventAsync(connection, transaction, id, AlertEventKind.Created, actor, now,
            JsonSerializer.Serialize(new EventDetail(reasons, hit.Score, hit.Band, screeningId, changes), WorkflowJson.Compact), cancellationToken);
        await AuditAlertAsync(connection, transaction, id, AuditEventKind.AlertCreated, actor, decision, new Dictionary<string, object?>
        {
            ["kind"] = Text(kind),
            ["reasons"] = reasons.Select(r => Text(r)).ToList(),
            ["entity"] = hit.EntityId,
            ["records"] = hit.RecordIds.ToList(),
            ["score"] = hit.Score.ToString("R", CultureInfo.InvariantCulture),
            ["band"] = (int)hit.Band,
            ["screening"] = screeningId,
            ["subject_version"] = version,
        }, cancellationToken);
        return id;
    }

    private static async Task InsertAlertRecordsAsync(DbConnection connection, DbTransaction transaction, string table, string key, long id, IReadOnlyDictionary<string, string> fingerprints, CancellationToken cancellationToken)
    {
        foreach (var (record, fingerprint) in fingerprints)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                $"INSERT INTO {table} ({key}, record_id, fingerprint) VALUES (@id, @record, @fingerprint)",
                new { id, record, fingerprint }, transaction, cancellationToken: cancellationToken));
        }
    }

    private static async Task InsertEventAsync(DbConnection connection, DbTransaction transaction, long alert, AlertEventKind kind, string actor, string now, string? detail, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO alert_events (alert_id, kind, actor, at, detail) VALUES (@alert, @kind, @actor, @now, @detail)",
            new { alert, kind = Text(kind), actor, now, detail }, transaction, cancellationToken: cancellationToken));

    /// <summary>
    /// Raises a <see cref="AlertKind.Delisting"/> alert for every confirmed match none of whose records is in the given
    /// snapshots any more (once per decision), and notes the delisting on open alerts whose records all left.
    /// Returns the alerts raised.
    /// </summary>
    internal async Task<IReadOnlyList<long>> RaiseDelistingsAsync(IReadOnlyList<long> snapshots, string actor, CancellationToken cancellationToken)
    {
        if (snapshots.Count == 0)
        {
            return [];
        }
        var current = string.Join(", ", snapshots.Select(s => s.ToString(CultureInfo.InvariantCulture)));
        await using var connection = await ConnectAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        var now = Clock.NowText();
        var gone = (await connection.QueryAsync<(long Id, long Subject, double Score, long Band, string InputHash, long Version, long? Screening)>(new CommandDefinition(
            $"""
            SELECT d.id, d.subject_id, d.score, d.band, d.input_hash, d.subject_version, d.screening_id FROM decisions d
            WHERE d.state = 'in_force' AND d.outcome = 'true_match'
            AND NOT EXISTS (SELECT 1 FROM decision_records dr JOIN records r ON r.record_id = dr.record_id AND r.snapshot_id IN ({current}) WHERE dr.decision_id = d.id)
            AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.decision_id = d.id AND a.kind = 'delisting')
            ORDER BY d.id
            """,
            transaction: transaction, cancellationToken: cancellationToken))).ToList();
        var raised = new List<long>();
        foreach (var d in gone)
        {
            var records = (await connection.QueryAsync<(string Record, string Fingerprint)>(new CommandDefinition(
                    "SELECT record_id, fingerprint FROM decision_records WHERE decision_id = @id", new { id = d.Id }, transaction, cancellationToken: cancellationToken)))
                .ToDictionary(r => r.Record, r => r.Fingerprint, StringComparer.Ordinal);
            var hit = new RecordedHit(records.Keys.Order(StringComparer.Ordinal).First(), [.. records.Keys.Order(StringComparer.Ordinal)], d.Score, (ScoreBand)d.Band, "", null, records)
            {
                Caption = string.Join(", ", records.Keys.Order(StringComparer.Ordinal)),
            };
            raised.Add(await InsertAlertAsync(connection, transaction, AlertKind.Delisting, [], AlertChanges.None, d.Subject, (int)d.Version, d.InputHash, d.Screening, d.Id, hit, actor, now, cancellationToken));
        }
        var orphaned = await connection.QueryAsync<long>(new CommandDefinition(
            $"""
            SELECT a.id FROM alerts a WHERE a.status IN {NotClosed} AND a.kind <> 'delisting'
            AND NOT EXISTS (SELECT 1 FROM alert_records ar JOIN records r ON r.record_id = ar.record_id AND r.snapshot_id IN ({current}) WHERE ar.alert_id = a.id)
            AND NOT EXISTS (SELECT 1 FROM alert_events e WHERE e.alert_id = a.id AND e.kind = 'rescreened' AND e.detail = '{DelistedDetail}')
            """,
            transaction: transaction, cancellationToken: cancellationToken));
        foreach (var alert in orphaned)
        {
            await InsertEventAsync(connection, transaction, alert, AlertEventKind.Rescreened, actor, now, DelistedDetail, cancellationToken);
        }
        await CommitAsync(connection, transaction, cancellationToken);
        return raised;
    }

    private const string DelistedDetail = """{"delisted":true}""";

    /// <summary>
    /// Records a decision on an open alert; null when there is no such alert. When <paramref name="fourEyes"/> asks for
    /// approval the decision is proposed and the alert waits for a second person (<see cref="ApproveDecisionAsync"/>);
    /// otherwise the decision is in force at once, supersedes the one in force on the same pair, and closes the alert.
    /// Throws <see cref="AlertConflictException"/> when the alert was decided first (by another analyst, or a proposal
    /// already waits), carrying the alert as it now stands.
    /// </summary>
    public async Task<Decision?> DecideAsync(long alertId, DecisionRequest request, string actor, FourEyesPolicy fourEyes, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        var alert = await connection.QuerySingleOrDefaultAsync<(long Subject, string InputHash, long Version, long Band, double Score, long? Screening)?>(new CommandDefinition(
            "SELECT subject_id, input_hash, subject_version, band, score, screening_id FROM alerts WHERE id = @alertId", new { alertId }, transaction, cancellationToken: cancellationToken));
        if (alert is not { } a)
        {
            return null;
        }
        if (Kind == StoreKind.Postgres)
        {
            await connection.ExecuteAsync(new CommandDefinition("SELECT id FROM subjects WHERE id = @subject FOR UPDATE", new { subject = a.Subject }, transaction, cancellationToken: cancellationToken));
        }
        var now = Clock.NowText();
        var proposed = fourEyes.NeedsApproval(request.Outcome, a.Score);
        var closed = await connection.ExecuteAsync(new CommandDefinition(
            proposed
                ? "UPDATE alerts SET status = 'pending_approval', updated_at = @now, revision = revision + 1 WHERE id = @alertId AND status IN ('open', 'in_review')"
                : "UPDATE alerts SET status = 'closed', closed_at = @now, updated_at = @now, revision = revision + 1 WHERE id = @alertId AND status IN ('open', 'in_review')",
            new { alertId, now }, transaction, cancellationToken: cancellationToken));
        if (closed == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            throw new AlertConflictException((await GetAlertAsync(alertId, cancellationToken))!);
        }
        var records = (await connection.QueryAsync<(string Record, string Fingerprint)>(new CommandDefinition(
                "SELECT record_id, fingerprint FROM alert_records WHERE alert_id = @alertId", new { alertId }, transaction, cancellationToken: cancellationToken)))
            .ToDictionary(r => r.Record, r => r.Fingerprint, StringComparer.Ordinal);
        var (list, args) = RecordIdParameters([.. records.Keys]);
        args.Add("subject", a.Subject);
        args.Add("now", now);
        args.Add("actor", actor);
        if (!proposed)
        {
            await SupersedeAsync(connection, transaction, list, args, cancellationToken);
        }
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO decisions (subject_id, alert_id, outcome, reason, note, state, input_hash, subject_version, band, score, screening_id, expires_at, decided_by, decided_at, ended_by, ended_at, end_reason)
            VALUES (@subject, @alertId, @outcome, @reason, @note, @state, @inputHash, @version, @band, @score, @screening, @expires, @actor, @now, NULL, NULL, NULL)
            RETURNING id
            """,
            new
            {
                state = Text(proposed ? DecisionState.Proposed : DecisionState.InForce),
                subject = a.Subject,
                alertId,
                outcome = Text(request.Outcome),
                reason = Text(request.Reason),
                note = request.Note.Trim(),
                inputHash = a.InputHash,
                version = (int)a.Version,
                band = (int)a.Band,
                score = a.Score,
                screening = a.Screening,
                expires = request.ExpiresAt is { } e ? Clock.Text(e) : null,
                actor,
                now,
            },
            transaction, cancellationToken: cancellationToken));
        await InsertAlertRecordsAsync(connection, transaction, "decision_records", "decision_id", id, records, cancellationToken);
        await InsertEventAsync(connection, transaction, alertId, proposed ? AlertEventKind.DecisionProposed : AlertEventKind.Closed, actor, now,
            JsonSerializer.Serialize(new { decision = id, outcome = request.Outcome, reason = request.Reason }, WorkflowJson.Compact), cancellationToken);
        var decided = new Dictionary<string, object?>
        {
            ["decision"] = id,
            ["outcome"] = Text(request.Outcome),
            ["reason"] = Text(request.Reason),
            ["note"] = request.Note.Trim(),
            ["records"] = records.Keys.Order(StringComparer.Ordinal).ToList(),
            ["score"] = a.Score.ToString("R", CultureInfo.InvariantCulture),
            ["band"] = (int)a.Band,
            ["input_hash"] = a.InputHash,
            ["subject_version"] = a.Version,
            ["screening"] = a.Screening,
            ["expires_at"] = request.ExpiresAt is { } x ? Clock.Text(x) : null,
        };
        if (proposed)
        {
            await AuditAlertAsync(connection, transaction, alertId, AuditEventKind.DecisionProposed, actor, id, decided, cancellationToken);
        }
        else
        {
            await AuditAlertAsync(connection, transaction, alertId, AuditEventKind.DecisionApproved, actor, id, decided, cancellationToken);
            await AuditAlertAsync(connection, transaction, alertId, AuditEventKind.AlertClosed, actor, id, decided, cancellationToken);
        }
        await CommitAsync(connection, transaction, cancellationToken);
        return (await DecisionsAsync(connection, "d.id = @id", new { id }, cancellationToken)).Single();
    }

    /// <summary>Ends the decisions in force on a subject that cover any of the records in <paramref name="list"/> (args: subject, now, actor, the records).</summary>
    private static Task<int> SupersedeAsync(DbConnection connection, DbTransaction transaction, string list, DynamicParameters args, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE decisions SET state = 'superseded', ended_at = @now, ended_by = @actor
            WHERE subject_id = @subject AND state = 'in_force'
            AND EXISTS (SELECT 1 FROM decision_records dr WHERE dr.decision_id = decisions.id AND dr.record_id IN ({list}))
            """,
            args, transaction, cancellationToken: cancellationToken));

    /// <summary>Adds a comment to an alert, open or closed; false when there is no such alert.</summary>
    public async Task<bool> CommentAsync(long alertId, string text, string actor, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        if (await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM alerts WHERE id = @alertId", new { alertId }, transaction, cancellationToken: cancellationToken)) == 0)
        {
            return false;
        }
        await InsertEventAsync(connection, transaction, alertId, AlertEventKind.Comment, actor, Clock.NowText(), text.Trim(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Assigns an open alert to an analyst (it is then in review); null when there is no such alert. Throws
    /// <see cref="AlertConflictException"/> when the alert is closed.
    /// </summary>
    public async Task<Alert?> AssignAsync(long alertId, string assignee, string actor, CancellationToken cancellationToken = default)
    {
        await using (var connection = await ConnectAsync(cancellationToken))
        {
            await using var transaction = await BeginWriteAsync(connection, cancellationToken);
            var now = Clock.NowText();
            var changed = await connection.ExecuteAsync(new CommandDefinition(
                $"""
                UPDATE alerts SET assigned_to = @assignee, status = CASE WHEN status = 'open' THEN 'in_review' ELSE status END, updated_at = @now, revision = revision + 1
                WHERE id = @alertId AND status IN {NotClosed}
                """,
                new { alertId, assignee = assignee.Trim(), now }, transaction, cancellationToken: cancellationToken));
            if (changed == 1)
            {
                await InsertEventAsync(connection, transaction, alertId, AlertEventKind.Assigned, actor, now, assignee.Trim(), cancellationToken);
                await AuditAlertAsync(connection, transaction, alertId, AuditEventKind.AlertAssigned, actor, null,
                    new Dictionary<string, object?> { ["assignee"] = assignee.Trim() }, cancellationToken);
                await CommitAsync(connection, transaction, cancellationToken);
            }
        }
        var alert = await GetAlertAsync(alertId, cancellationToken);
        return alert is { Status: AlertStatus.Closed } ? throw new AlertConflictException(alert) : alert;
    }

    /// <summary>Revokes a decision in force: the pair alerts again at its next screening. Null when there is no such decision in force.</summary>
    public async Task<Decision?> RevokeDecisionAsync(long decisionId, string reason, string actor, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        var revoked = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE decisions SET state = 'revoked', ended_by = @actor, ended_at = @now, end_reason = @reason WHERE id = @decisionId AND state = 'in_force'",
            new { decisionId, actor, now = Clock.NowText(), reason = reason.Trim() }, transaction, cancellationToken: cancellationToken));
        if (revoked == 0)
        {
            return null;
        }
        var revokedOf = await connection.QuerySingleAsync<(long? Alert, string Subject)>(new CommandDefinition(
            "SELECT d.alert_id, s.reference FROM decisions d JOIN subjects s ON s.id = d.subject_id WHERE d.id = @decisionId",
            new { decisionId }, transaction, cancellationToken: cancellationToken));
        Audit(transaction, new AuditEvent(AuditEventKind.DecisionRevoked, actor, new Dictionary<string, object?> { ["decision"] = decisionId, ["reason"] = reason.Trim() },
            revokedOf.Subject, revokedOf.Alert, decisionId));
        await CommitAsync(connection, transaction, cancellationToken);
        return (await DecisionsAsync(connection, "d.id = @decisionId", new { decisionId }, cancellationToken)).Single();
    }

    /// <summary>The accept list: every false-positive decision in force, oldest first.</summary>
    public async Task<IReadOnlyList<Decision>> AcceptListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        return await DecisionsAsync(connection, "d.state = 'in_force' AND d.outcome = 'false_positive'", null, cancellationToken);
    }

    /// <summary>Every decision on a subject's pairs, whatever its state, oldest first.</summary>
    public async Task<IReadOnlyList<Decision>> SubjectDecisionsAsync(string reference, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        return await DecisionsAsync(connection, "s.reference = @reference", new { reference }, cancellationToken);
    }

    /// <summary>The decisions made on one alert (proposed, in force, rejected...), oldest first.</summary>
    public async Task<IReadOnlyList<Decision>> AlertDecisionsAsync(long alertId, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        return await DecisionsAsync(connection, "d.alert_id = @alertId", new { alertId }, cancellationToken);
    }

    /// <summary>A decision by id, whatever its state; null when unknown.</summary>
    public async Task<Decision?> GetDecisionAsync(long decisionId, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        return (await DecisionsAsync(connection, "d.id = @decisionId", new { decisionId }, cancellationToken)).SingleOrDefault();
    }

    private static async Task<IReadOnlyList<Decision>> DecisionsAsync(DbConnection connection, string where, object? args, CancellationToken cancellationToken)
    {
        var rows = (await connection.QueryAsync<DecisionListRow>(new CommandDefinition(
            $"""
            SELECT d.id AS Id, s.reference AS Subject, d.outcome AS Outcome, d.reason AS Reason, d.note AS Note, d.state AS State, d.alert_id AS AlertId,
                   d.subject_version AS SubjectVersion, d.score AS Score, d.band AS Band, d.decided_by AS DecidedBy, d.decided_at AS DecidedAt,
                   d.expires_at AS ExpiresAt, d.ended_by AS EndedBy, d.ended_at AS EndedAt, d.end_reason AS EndReason,
                   d.approved_by AS ApprovedBy, d.approved_at AS ApprovedAt
            FROM decisions d JOIN subjects s ON s.id = d.subject_id WHERE {where} ORDER BY d.id
            """,
            args, cancellationToken: cancellationToken))).ToList();
        if (rows.Count == 0)
        {
            return [];
        }
        var records = (await connection.QueryAsync<(long Decision, string Record)>(new CommandDefinition(
                $"SELECT decision_id, record_id FROM decision_records WHERE decision_id IN ({string.Join(", ", rows.Select(r => r.Id.ToString(CultureInfo.InvariantCulture)))}) ORDER BY record_id",
                cancellationToken: cancellationToken)))
            .ToLookup(r => r.Decision, r => r.Record);
        return [.. rows.Select(r => new Decision(
            r.Id, r.Subject, [.. records[r.Id]], Parse<DecisionOutcome>(r.Outcome), Parse<DecisionReason>(r.Reason), r.Note, Parse<DecisionState>(r.State), r.AlertId,
            r.SubjectVersion, r.Score, (ScoreBand)r.Band, r.DecidedBy, r.DecidedAt, r.ExpiresAt, r.EndedBy, r.EndedAt, r.EndReason, r.ApprovedBy, r.ApprovedAt))];
    }

    /// <summary>One alert with its whole history; null when unknown.</summary>
    public async Task<Alert?> GetAlertAsync(long alertId, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var alert = (await AlertsAsync(connection, "a.id = @alertId", new { alertId }, 1, NewestFirst, cancellationToken)).SingleOrDefault();
        if (alert is null)
        {
            return null;
        }
        var events = (await connection.QueryAsync<(long Id, string Kind, string Actor, string At, string? Detail)>(new CommandDefinition(
                "SELECT id, kind, actor, at, detail FROM alert_events WHERE alert_id = @alertId ORDER BY id", new { alertId }, cancellationToken: cancellationToken)))
            .Select(e => new AlertEvent(e.Id, Parse<AlertEventKind>(e.Kind), e.Actor, e.At, e.Detail))
            .ToList();
        return alert with { Events = events };
    }

    /// <summary>A page of alerts, newest first or in the queue's priority order (<see cref="AlertQuery.Order"/>).</summary>
    public async Task<IReadOnlyList<Alert>> ListAlertsAsync(AlertQuery query, CancellationToken cancellationToken = default)
    {
        var (where, args) = AlertFilter(query, withKind: true);
        string order;
        if (query.Order == AlertOrder.Priority)
        {
            // The queue walks ix_alerts_queue (closed_at, band DESC, id), or ix_alerts_queue_kind, ix_alerts_assignee or
            // ix_alerts_priority for one kind, one assignee or every status: highest band first, oldest first within it.
            order = "a.band DESC, a.id";
            if (query.After is { } after)
            {
                where.Add("(a.band < @afterBand OR (a.band = @afterBand AND a.id > @afterId))");
                args.Add("afterBand", (int)after.Band);
                args.Add("afterId", after.Id);
            }
        }
        else
        {
            order = NewestFirst;
        }
        if (query.Before is { } before)
        {
            where.Add("a.id < @before");
            args.Add("before", before);
        }
        await using var connection = await ConnectAsync(cancellationToken);
        return await AlertsAsync(connection, where.Count == 0 ? "1 = 1" : string.Join(" AND ", where), args, Math.Clamp(query.Limit, 1, AlertQuery.MaxLimit), order, cancellationToken);
    }

    /// <summary>
    /// How many alerts match the query's status, subject, portfolio and assignee, by kind and by age on
    /// <paramref name="now"/>; the kind filter, the order and the page are not applied, so every kind is counted.
    /// </summary>
    public async Task<AlertCounts> CountAlertsAsync(AlertQuery query, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var (where, args) = AlertFilter(query, withKind: false);
        args.Add("day", Clock.Text(AlertCounts.Since(AlertAge.Day, now)));
        args.Add("week", Clock.Text(AlertCounts.Since(AlertAge.Week, now)));
        args.Add("month", Clock.Text(AlertCounts.Since(AlertAge.Month, now)));
        await using var connection = await ConnectAsync(cancellationToken);
        // One streaming pass over ix_alerts_counts (closed_at, kind, created_at), grouped in the index's own order and
        // never touching the table: each kind's total and how many were raised since each age's start.
        var rows = await connection.QueryAsync<(string Kind, long Total, long Day, long Week, long Month)>(new CommandDefinition(
            $"""
            SELECT a.kind, COUNT(*), SUM(CASE WHEN a.created_at >= @day THEN 1 ELSE 0 END), SUM(CASE WHEN a.created_at >= @week THEN 1 ELSE 0 END),
                   SUM(CASE WHEN a.created_at >= @month THEN 1 ELSE 0 END)
            FROM alerts a WHERE {(where.Count == 0 ? "1 = 1" : string.Join(" AND ", where))} GROUP BY a.kind
            """,
            args, cancellationToken: cancellationToken));
        var byKind = Enum.GetValues<AlertKind>().ToDictionary(k => k, _ => 0);
        var byAge = Enum.GetValues<AlertAge>().ToDictionary(a => a, _ => 0);
        var total = 0;
        foreach (var (kind, count, day, week, month) in rows)
        {
            byKind[Parse<AlertKind>(kind)] += (int)count;
            byAge[AlertAge.Day] += (int)day;
            byAge[AlertAge.Week] += (int)(week - day);
            byAge[AlertAge.Month] += (int)(month - week);
            byAge[AlertAge.Older] += (int)(count - month);
            total += (int)count;
        }
        return new AlertCounts(total, byKind, byAge);
    }

    /// <summary>The query's filters as SQL over <c>alerts a</c> (no other table alias needed), and their parameters.</summary>
    private static (List<string> Where, DynamicParameters Args) AlertFilter(AlertQuery query, bool withKind)
    {
        var where = new List<string>();
        var args = new DynamicParameters();
        if (query.OpenOnly)
        {
            // closed_at is null exactly while the alert is not closed; unlike a list of statuses it walks an index in id order.
            where.Add("a.closed_at IS NULL");
        }
        else if (query.Status is { } status)
        {
            where.Add("a.status = @status");
            args.Add("status", Text(status));
        }
        if (withKind && query.Kind is { } kind)
        {
            where.Add("a.kind = @kind");
            args.Add("kind", Text(kind));
        }
        if (query.Subject is { } subject)
        {
            where.Add("a.subject_id = (SELECT id FROM subjects WHERE reference = @subject)");
            args.Add("subject", subject);
        }
        if (query.Portfolio is { } portfolio)
        {
            where.Add("a.subject_id IN (SELECT p.id FROM subjects p JOIN subject_versions v ON v.subject_id = p.id AND v.version = p.current_version WHERE v.portfolio = @portfolio)");
            args.Add("portfolio", portfolio);
        }
        if (query.AssignedTo is { } assignee)
        {
            where.Add("a.assigned_to = @assignee");
            args.Add("assignee", assignee);
        }
        return (where, args);
    }

    private static async Task<IReadOnlyList<Alert>> AlertsAsync(DbConnection connection, string where, object args, int limit, string order, CancellationToken cancellationToken)
    {
        var rows = (await connection.QueryAsync<AlertRow>(new CommandDefinition(
            $"""
            SELECT a.id AS Id, a.kind AS Kind, a.status AS Status, s.reference AS Subject, a.entity_id AS EntityId, a.caption AS Caption, a.score AS Score,
                   a.band AS Band, a.reasons AS Reasons, a.changes AS Changes, a.screening_id AS ScreeningId, a.decision_id AS DecisionId,
                   a.assigned_to AS AssignedTo, a.created_at AS CreatedAt, a.updated_at AS UpdatedAt, a.closed_at AS ClosedAt
            FROM alerts a JOIN subjects s ON s.id = a.subject_id WHERE {where} ORDER BY {order} LIMIT {limit.ToString(CultureInfo.InvariantCulture)}
            """,
            args, cancellationToken: cancellationToken))).ToList();
        if (rows.Count == 0)
        {
            return [];
        }
        var records = (await connection.QueryAsync<(long Alert, string Record)>(new CommandDefinition(
                $"SELECT alert_id, record_id FROM alert_records WHERE alert_id IN ({string.Join(", ", rows.Select(r => r.Id.ToString(CultureInfo.InvariantCulture)))}) ORDER BY record_id",
                cancellationToken: cancellationToken)))
            .ToLookup(r => r.Alert, r => r.Record);
        return [.. rows.Select(r => new Alert(
            r.Id, Parse<AlertKind>(r.Kind), Parse<AlertStatus>(r.Status), r.Subject, r.EntityId, r.Caption, [.. records[r.Id]], r.Score, (ScoreBand)r.Band,
            List<AlertReason>(r.Reasons), r.Changes is null ? AlertChanges.None : JsonSerializer.Deserialize<AlertChanges>(r.Changes, WorkflowJson.Compact) ?? AlertChanges.None,
            r.ScreeningId, r.DecisionId, r.AssignedTo, r.CreatedAt, r.UpdatedAt, r.ClosedAt, []))];
    }

    private static string EnumJson<T>(IEnumerable<T> values) where T : struct, Enum => JsonSerializer.Serialize(values.Select(Text));

    private static List<T> List<T>(string json) where T : struct, Enum => [.. (JsonSerializer.Deserialize<List<string>>(json) ?? []).Select(Parse<T>)];

    /// <summary>What the alert rules made of a recorded screening: its outcome, the decision that kept it quiet, the alerts it raised.</summary>
    internal sealed record RecordedOutcome(ScreeningOutcome Outcome, long? DecisionId, IReadOnlyList<long> RaisedAlerts);

    /// <summary>An alert event's detail: the reasons found, the score and band, the screening, and what changed.</summary>
    private sealed record EventDetail(IReadOnlyList<AlertReason> Reasons, double Score, ScoreBand Band, long? Screening, AlertChanges Changes);

    private sealed class DecisionRow
    {
        public long Id { get; set; }
        public string Outcome { get; set; } = "";
        public string InputHash { get; set; } = "";
        public int Band { get; set; }
        public string? ExpiresAt { get; set; }
        public int SubjectVersion { get; set; }
        public long? RunId { get; set; }
    }

    private sealed class DecisionListRow
    {
        public long Id { get; set; }
        public string Subject { get; set; } = "";
        public string Outcome { get; set; } = "";
        public string Reason { get; set; } = "";
        public string Note { get; set; } = "";
        public string State { get; set; } = "";
        public long? AlertId { get; set; }
        public int SubjectVersion { get; set; }
        public double Score { get; set; }
        public int Band { get; set; }
        public string DecidedBy { get; set; } = "";
        public string DecidedAt { get; set; } = "";
        public string? ExpiresAt { get; set; }
        public string? EndedBy { get; set; }
        public string? EndedAt { get; set; }
        public string? EndReason { get; set; }
        public string? ApprovedBy { get; set; }
        public string? ApprovedAt { get; set; }
    }

    private sealed class AlertRow
    {
        public long Id { get; set; }
        public string Kind { get; set; } = "";
        public string Status { get; set; } = "";
        public string Subject { get; set; } = "";
        public string EntityId { get; set; } = "";
        public string Caption { get; set; } = "";
        public double Score { get; set; }
        public int Band { get; set; }
        public string Reasons { get; set; } = "";
        public string? Changes { get; set; }
        public long? ScreeningId { get; set; }
        public long? DecisionId { get; set; }
        public string? AssignedTo { get; set; }
        public string CreatedAt { get; set; } = "";
        public string UpdatedAt { get; set; } = "";
        public string? ClosedAt { get; set; }
    }
}
