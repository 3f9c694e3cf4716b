using System.Data.Common;
using System.Text.Json;
using Dapper;
using Vigil.Core.Audit;
using Vigil.Core.Workflow;

namespace Vigil.Core.Storage;

/// <summary>
/// The second pair of eyes: a proposed decision counts only when someone other than its proposer approves it; a
/// rejection sends its alert back to the queue.
/// </summary>
public sealed partial class VigilStore
{
    /// <summary>
    /// Approves a proposed decision: it comes into force, supersedes the decision in force on the same pair, and closes
    /// its alert. Null when there is no such decision. Throws <see cref="FourEyesException"/> when
    /// <paramref name="actor"/> proposed it, and <see cref="AlertConflictException"/> when it is no longer proposed.
    /// </summary>
    public async Task<Decision?> ApproveDecisionAsync(long decisionId, string actor, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        if (await ProposedAsync(connection, transaction, decisionId, actor, cancellationToken) is not { } decision)
        {
            return null;
        }
        var now = Clock.NowText();
        var (list, args) = RecordIdParameters([.. decision.Records]);
        args.Add("subject", decision.Subject);
        args.Add("now", now);
        args.Add("actor", actor);
        await SupersedeAsync(connection, transaction, list, args, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE decisions SET state = 'in_force', approved_by = @actor, approved_at = @now WHERE id = @decisionId",
            new { decisionId, actor, now }, transaction, cancellationToken: cancellationToken));
        if (decision.AlertId is { } alertId)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE alerts SET status = 'closed', closed_at = @now, updated_at = @now, revision = revision + 1 WHERE id = @alertId AND status = 'pending_approval'",
                new { alertId, now }, transaction, cancellationToken: cancellationToken));
            await InsertEventAsync(connection, transaction, alertId, AlertEventKind.DecisionApproved, actor, now,
                JsonSerializer.Serialize(new { decision = decisionId }, WorkflowJson.Compact), cancellationToken);
            await InsertEventAsync(connection, transaction, alertId, AlertEventKind.Closed, actor, now,
                JsonSerializer.Serialize(new { decision = decisionId, outcome = decision.Outcome, reason = decision.Reason }, WorkflowJson.Compact), cancellationToken);
            var approved = new Dictionary<string, object?> { ["decision"] = decisionId, ["outcome"] = Text(decision.Outcome), ["reason"] = Text(decision.Reason) };
            await AuditAlertAsync(connection, transaction, alertId, AuditEventKind.DecisionApproved, actor, decisionId, approved, cancellationToken);
            await AuditAlertAsync(connection, transaction, alertId, AuditEventKind.AlertClosed, actor, decisionId, approved, cancellationToken);
        }
        await CommitAsync(connection, transaction, cancellationToken);
        return (await DecisionsAsync(connection, "d.id = @decisionId", new { decisionId }, cancellationToken)).Single();
    }

    /// <summary>
    /// Rejects a proposed decision, saying why: it never counts, and its alert is back in the queue (in review when
    /// assigned). Null when there is no such decision; the same exceptions as <see cref="ApproveDecisionAsync"/>.
    /// </summary>
    public async Task<Decision?> RejectDecisionAsync(long decisionId, string reason, string actor, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        if (await ProposedAsync(connection, transaction, decisionId, actor, cancellationToken) is not { } decision)
        {
            return null;
        }
        var now = Clock.NowText();
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE decisions SET state = 'rejected', ended_by = @actor, ended_at = @now, end_reason = @reason WHERE id = @decisionId",
            new { decisionId, actor, now, reason = reason.Trim() }, transaction, cancellationToken: cancellationToken));
        if (decision.AlertId is { } alertId)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE alerts SET status = CASE WHEN assigned_to IS NULL THEN 'open' ELSE 'in_review' END, updated_at = @now, revision = revision + 1
                WHERE id = @alertId AND status = 'pending_approval'
                """,
                new { alertId, now }, transaction, cancellationToken: cancellationToken));
            await InsertEventAsync(connection, transaction, alertId, AlertEventKind.DecisionRejected, actor, now, reason.Trim(), cancellationToken);
            await AuditAlertAsync(connection, transaction, alertId, AuditEventKind.DecisionRejected, actor, decisionId,
                new Dictionary<string, object?> { ["decision"] = decisionId, ["reason"] = reason.Trim() }, cancellationToken);
        }
        await CommitAsync(connection, transaction, cancellationToken);
        return (await DecisionsAsync(connection, "d.id = @decisionId", new { decisionId }, cancellationToken)).Single();
    }

    /// <summary>
    /// The proposed decision <paramref name="actor"/> is about to approve or reject, its subject locked on PostgreSQL so
    /// that monitoring does not act on the pair meanwhile; null when unknown. Throws when the actor proposed it, or when
    /// it is no longer proposed (the transaction is rolled back and the conflict carries the alert as it stands).
    /// </summary>
    private async Task<Proposal?> ProposedAsync(DbConnection connection, DbTransaction transaction, long decisionId, string actor, CancellationToken cancellationToken)
    {
        if (Kind == StoreKind.Postgres)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "SELECT s.id FROM subjects s JOIN decisions d ON d.subject_id = s.id WHERE d.id = @decisionId FOR UPDATE OF s",
                new { decisionId }, transaction, cancellationToken: cancellationToken));
        }
        var row = await connection.QuerySingleOrDefaultAsync<(long Subject, long? AlertId, string State, string DecidedBy, string Outcome, string Reason)?>(new CommandDefinition(
            "SELECT subject_id, alert_id, state, decided_by, outcome, reason FROM decisions WHERE id = @decisionId",
            new { decisionId }, transaction, cancellationToken: cancellationToken));
        if (row is not { } d)
        {
            return null;
        }
        if (string.Equals(d.DecidedBy, actor, StringComparison.Ordinal))
        {
            throw new FourEyesException(decisionId, d.DecidedBy);
        }
        if (d.State != Text(DecisionState.Proposed))
        {
            await transaction.RollbackAsync(cancellationToken);
            throw d.AlertId is { } alertId && await GetAlertAsync(alertId, cancellationToken) is { } alert
                ? new AlertConflictException(alert)
                : new InvalidOperationException($"decision {decisionId} is {d.State}, not proposed");
        }
        var records = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT record_id FROM decision_records WHERE decision_id = @decisionId ORDER BY record_id", new { decisionId }, transaction, cancellationToken: cancellationToken))).ToList();
        return new Proposal(d.Subject, d.AlertId, Parse<DecisionOutcome>(d.Outcome), Parse<DecisionReason>(d.Reason), records);
    }

    private sealed record Proposal(long Subject, long? AlertId, DecisionOutcome Outcome, DecisionReason Reason, IReadOnlyList<string> Records);
}
