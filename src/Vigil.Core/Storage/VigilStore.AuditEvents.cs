using System.Data.Common;
using System.Text.Json;
using Dapper;
using Vigil.Core.Audit;

namespace Vigil.Core.Storage;

/// <summary>The business events the store's own transactions append to the audit log, and what their payloads hold.</summary>
public sealed partial class VigilStore
{
    /// <summary>
    /// Queues the seal of a finished run: its kind, configuration, snapshot set and counts, and the Merkle root over its
    /// screenings (<see cref="ScreeningLeaf"/>), plus <paramref name="extra"/> (a batch job's result file hashes).
    /// </summary>
    private static async Task SealRunAsync(DbConnection connection, DbTransaction transaction, long run, IReadOnlyDictionary<string, object?>? extra, CancellationToken cancellationToken)
    {
        var r = await connection.QuerySingleAsync<(string Kind, string Actor, string Profile, double Threshold, string Matcher, string Hash, string Started, string? Finished, long Screened, long Hits, long Errors)>(new CommandDefinition(
            "SELECT kind, actor, profile, threshold, matcher_version, config_hash, started_at, finished_at, screened, hits, errors FROM screening_runs WHERE id = @run",
            new { run }, transaction, cancellationToken: cancellationToken));
        var snapshots = (await connection.QueryAsync<(string Source, long Snapshot, string? Published, string Hash)>(new CommandDefinition(
            "SELECT source, snapshot_id, published, content_hash FROM screening_run_snapshots WHERE run_id = @run ORDER BY source",
            new { run }, transaction, cancellationToken: cancellationToken))).ToList();
        var tree = new MerkleAccumulator();
        foreach (var (_, canonical) in await RunScreeningLeavesAsync(connection, transaction, run, cancellationToken))
        {
            tree.Add(ScreeningLeaf.LeafHash(canonical));
        }
        var payload = new Dictionary<string, object?>
        {
            ["run"] = run,
            ["kind"] = r.Kind,
            ["profile"] = r.Profile,
            ["threshold"] = r.Threshold.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            ["matcher_version"] = r.Matcher,
            ["config_sha256"] = r.Hash,
            ["snapshots"] = snapshots.Select(s => new Dictionary<string, object?>
            {
                ["source"] = s.Source,
                ["snapshot"] = s.Snapshot,
                ["published"] = s.Published,
                ["file_sha256"] = s.Hash,
            }).ToList(),
            ["started_at"] = r.Started,
            ["finished_at"] = r.Finished,
            ["screened"] = r.Screened,
            ["hits"] = r.Hits,
            ["errors"] = r.Errors,
            ["screenings"] = tree.Count,
            ["screenings_root"] = Convert.ToBase64String(tree.Root()),
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, object?>())
        {
            payload[key] = value;
        }
        Audit(transaction, new AuditEvent(AuditEventKind.ScreeningRunSealed, r.Actor, payload, RunId: run));
    }

    /// <summary>The canonical form of each screening of a run, in id order: the leaves of the run's screening tree.</summary>
    private static async Task<List<(long Id, string Canonical)>> RunScreeningLeavesAsync(DbConnection connection, DbTransaction? transaction, long run, CancellationToken cancellationToken)
    {
        var hits = (await connection.QueryAsync<(long Screening, string Entity, string Records, double Score, long Band)>(new CommandDefinition(
                "SELECT h.screening_id, h.entity_id, h.record_ids, h.score, h.band FROM screening_hits h JOIN screenings s ON s.id = h.screening_id WHERE s.run_id = @run ORDER BY h.screening_id, h.seq",
                new { run }, transaction, cancellationToken: cancellationToken)))
            .ToLookup(h => h.Screening, h => new ScreeningLeaf.Hit(h.Entity, JsonSerializer.Deserialize<List<string>>(h.Records) ?? [], h.Score, (int)h.Band));
        var rows = await connection.QueryAsync<(long Id, string? Reference, long? Version, string Hash, string Outcome, double? Top, string At, long? Decision)>(new CommandDefinition(
            """
            SELECT s.id, j.reference, s.subject_version, s.input_hash, s.outcome, s.top_score, s.screened_at, s.decision_id
            FROM screenings s LEFT JOIN subjects j ON j.id = s.subject_id WHERE s.run_id = @run ORDER BY s.id
            """,
            new { run }, transaction, cancellationToken: cancellationToken));
        return [.. rows.Select(s => (s.Id, ScreeningLeaf.Canonical(s.Id, run, s.Reference, s.Version, s.Hash, s.Outcome, s.Top, s.At, s.Decision, hits[s.Id])))];
    }

    /// <summary>Queues an alert's event (created, assigned, closed) with the subject it concerns.</summary>
    private static async Task AuditAlertAsync(DbConnection connection, DbTransaction transaction, long alert, AuditEventKind kind, string actor, long? decision, IReadOnlyDictionary<string, object?> payload, CancellationToken cancellationToken)
    {
        var subject = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT s.reference FROM alerts a JOIN subjects s ON s.id = a.subject_id WHERE a.id = @alert", new { alert }, transaction, cancellationToken: cancellationToken));
        Audit(transaction, new AuditEvent(kind, actor, payload, subject, alert, decision));
    }
}
