using Dapper;
using Vigil.Core.Audit;
using Vigil.Core.Workflow;

namespace Vigil.Core.Storage;

/// <summary>Retention: audit payloads purged after their period, leaf hashes kept, legal holds respected, each purge audited.</summary>
public sealed partial class VigilStore
{
    /// <summary>
    /// Purges the audit payloads whose period under <paramref name="policy"/> has passed at <paramref name="now"/>, and
    /// records the purge (with the sequence ranges it purged) as an audit entry in the same transaction, so
    /// <c>verify</c> tells a purge from a deletion. A dry run counts without purging.
    /// </summary>
    public async Task<RetentionReport> RunRetentionAsync(RetentionPolicy policy, DateTimeOffset now, bool dryRun, string actor, CancellationToken cancellationToken = default)
    {
        var evidenceCutoff = Clock.Text(now.AddYears(-policy.EvidenceYears));
        var subjectCutoff = Clock.Text(now.AddYears(-policy.SubjectYearsAfterEnd));
        var webhookCutoff = Clock.Text(now.AddDays(-policy.WebhookLogDays));
        await using var connection = await ConnectAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        var evidenceKinds = string.Join(", ", RetentionPolicy.EvidenceKinds.Select(k => $"'{WorkflowNames.Name(k)}'"));
        var subjectKinds = string.Join(", ", RetentionPolicy.SubjectKinds.Select(k => $"'{WorkflowNames.Name(k)}'"));
        const string NotHeld = "(l.subject IS NULL OR l.subject NOT IN (SELECT subject FROM legal_holds))";
        var args = new { evidenceCutoff, subjectCutoff };
        var evidence = (await connection.QueryAsync<long>(new CommandDefinition(
            $"SELECT l.seq FROM audit_log l JOIN audit_payloads p ON p.seq = l.seq WHERE l.kind IN ({evidenceKinds}) AND l.time < @evidenceCutoff AND {NotHeld}",
            args, transaction, cancellationToken: cancellationToken))).ToList();
        var subjects = (await connection.QueryAsync<long>(new CommandDefinition(
            $"""
            SELECT l.seq FROM audit_log l JOIN audit_payloads p ON p.seq = l.seq JOIN subjects s ON s.reference = l.subject
            WHERE l.kind IN ({subjectKinds}) AND s.deleted_at IS NOT NULL AND s.deleted_at < @subjectCutoff AND {NotHeld}
            """,
            args, transaction, cancellationToken: cancellationToken))).ToList();
        var held = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"""
            SELECT COUNT(*) FROM audit_log l JOIN audit_payloads p ON p.seq = l.seq
            WHERE l.subject IN (SELECT subject FROM legal_holds) AND l.kind IN ({evidenceKinds}, {subjectKinds}) AND l.time < @evidenceCutoff
            """,
            args, transaction, cancellationToken: cancellationToken));
        var seqs = evidence.Concat(subjects).Order().ToList();
        var ranges = Ranges(seqs);
        var messages = (await connection.QueryAsync<long>(new CommandDefinition(
            """
            SELECT m.id FROM webhook_messages m WHERE m.created_at < @webhookCutoff
              AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.message_id = m.id AND d.state = @pending)
            """,
            new { webhookCutoff, pending = Text(Webhooks.WebhookDeliveryState.Pending) }, transaction, cancellationToken: cancellationToken))).ToList();
        long? entry = null;
        if (!dryRun && (seqs.Count > 0 || messages.Count > 0))
        {
            foreach (var chunk in messages.Chunk(1000))
            {
                var ids = IdList(chunk);
                await connection.ExecuteAsync(new CommandDefinition(
                    $"""
                    DELETE FROM webhook_attempts WHERE delivery_id IN (SELECT id FROM webhook_deliveries WHERE message_id IN ({ids}));
                    DELETE FROM webhook_deliveries WHERE message_id IN ({ids});
                    DELETE FROM webhook_messages WHERE id IN ({ids});
                    """, transaction: transaction, cancellationToken: cancellationToken));
            }
            foreach (var chunk in seqs.Chunk(1000))
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    $"DELETE FROM audit_payloads WHERE seq IN ({string.Join(",", chunk)})", transaction: transaction, cancellationToken: cancellationToken));
            }
            Audit(transaction, new AuditEvent(AuditEventKind.RetentionPurge, actor, new Dictionary<string, object?>
            {
                ["purged"] = ranges.Select(r => new List<object?> { r.From, r.To }).ToList(),
                ["evidence"] = evidence.Count,
                ["subject_data"] = subjects.Count,
                ["held"] = held,
                ["evidence_years"] = policy.EvidenceYears,
                ["subject_years_after_end"] = policy.SubjectYearsAfterEnd,
                ["evidence_cutoff"] = evidenceCutoff,
                ["subject_cutoff"] = subjectCutoff,
                ["webhook_messages"] = messages.Count,
                ["webhook_cutoff"] = webhookCutoff,
            }));
            await CommitAsync(connection, transaction, cancellationToken);
            entry = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT MAX(seq) FROM audit_log WHERE kind = 'retention_purge'", cancellationToken: cancellationToken));
        }
        return new RetentionReport(evidence.Count, subjects.Count, held, ranges, evidenceCutoff, subjectCutoff, entry, messages.Count, webhookCutoff);
    }

    private static List<(long From, long To)> Ranges(IReadOnlyList<long> sorted)
    {
        var ranges = new List<(long From, long To)>();
        foreach (var seq in sorted)
        {
            if (ranges.Count > 0 && ranges[^1].To == seq - 1)
            {
                ranges[^1] = (ranges[^1].From, seq);
            }
            else
            {
                ranges.Add((seq, seq));
            }
        }
        return ranges;
    }

    /// <summary>Places a legal hold on a subject: retention keeps every payload about it until the hold is released.</summary>
    public async Task HoldAsync(string reference, string reason, string actor, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO legal_holds (subject, reason, placed_by, placed_at) VALUES (@reference, @reason, @actor, @now)
            ON CONFLICT (subject) DO UPDATE SET reason = excluded.reason, placed_by = excluded.placed_by, placed_at = excluded.placed_at
            """,
            new { reference, reason, actor, now = Clock.NowText() }, transaction, cancellationToken: cancellationToken));
        Audit(transaction, new AuditEvent(AuditEventKind.ConfigurationChanged, actor, new Dictionary<string, object?> { ["legal_hold"] = "placed", ["reason"] = reason }, reference));
        await CommitAsync(connection, transaction, cancellationToken);
    }

    /// <summary>Every legal hold in place, by subject reference.</summary>
    public async Task<IReadOnlyList<LegalHold>> ListHoldsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        return [.. await connection.QueryAsync<LegalHold>(new CommandDefinition(
            "SELECT subject AS Subject, reason AS Reason, placed_by AS PlacedBy, placed_at AS PlacedAt FROM legal_holds ORDER BY subject",
            cancellationToken: cancellationToken))];
    }

    /// <summary>Releases a legal hold; false when there was none.</summary>
    public async Task<bool> ReleaseHoldAsync(string reference, string actor, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        var released = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM legal_holds WHERE subject = @reference", new { reference }, transaction, cancellationToken: cancellationToken));
        if (released == 0)
        {
            return false;
        }
        Audit(transaction, new AuditEvent(AuditEventKind.ConfigurationChanged, actor, new Dictionary<string, object?> { ["legal_hold"] = "released" }, reference));
        await CommitAsync(connection, transaction, cancellationToken);
        return true;
    }
}
