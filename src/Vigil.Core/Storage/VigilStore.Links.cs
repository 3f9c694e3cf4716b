using System.Data.Common;
using Dapper;
using Vigil.Core.Audit;
using Vigil.Core.Workflow;

namespace Vigil.Core.Storage;

/// <summary>An analyst's decision on whether two records are the same entity, kept for the audit trail.</summary>
public sealed record LinkDecision(long Id, string Left, string Right, string Decision, string DecidedAt, string DecidedBy, string? Note);

public sealed partial class VigilStore
{
    /// <summary>
    /// Adds a link between two records (idempotent per method); returns false when it already existed and is active.
    /// A new link queues the re-screening of the subjects it can affect in the same transaction.
    /// </summary>
    public bool AddLink(string left, string right, string method, string? evidence)
    {
        using var connection = Connect();
        using var transaction = BeginWrite(connection);
        var added = AddLink(connection, transaction, left, right, method, evidence);
        transaction.Commit();
        return added;
    }

    private static bool AddLink(DbConnection connection, DbTransaction transaction, string left, string right, string method, string? evidence)
    {
        (left, right) = Ordered(left, right);
        var existing = connection.QuerySingleOrDefault<(long Id, string? Retracted)?>(
            "SELECT id, retracted_at FROM entity_links WHERE left_id = @left AND right_id = @right AND method = @method",
            new { left, right, method }, transaction);
        if (existing is { Retracted: null })
        {
            return false;
        }
        if (existing is { } e)
        {
            connection.Execute("UPDATE entity_links SET retracted_at = NULL, evidence = @evidence, created_at = @now WHERE id = @id",
                new { id = e.Id, evidence, now = Clock.NowText() }, transaction);
        }
        else
        {
            connection.Execute(
                "INSERT INTO entity_links (left_id, right_id, method, evidence, created_at) VALUES (@left, @right, @method, @evidence, @now)",
                new { left, right, method, evidence, now = Clock.NowText() }, transaction);
        }
        QueueLinkWork(connection, transaction, [left, right]);
        return true;
    }

    /// <summary>
    /// Adds many links in one transaction (an import's automatic links, a full pass's thousands); a link already active
    /// stays as it is, a retracted one is not revived (only an analyst's accept does that). Returns the pairs newly linked;
    /// their records' re-screening is queued in the same transaction.
    /// </summary>
    public IReadOnlyList<(string Left, string Right)> AddLinks(IEnumerable<(string Left, string Right, string? Evidence)> links, string method)
    {
        using var connection = Connect();
        using var transaction = BeginWrite(connection);
        var added = new List<(string, string)>();
        var now = Clock.NowText();
        foreach (var link in links)
        {
            var (left, right) = Ordered(link.Left, link.Right);
            var exists = connection.ExecuteScalar<long>(
                "SELECT COUNT(*) FROM entity_links WHERE left_id = @left AND right_id = @right AND method = @method",
                new { left, right, method }, transaction);
            if (exists == 0)
            {
                connection.Execute(
                    "INSERT INTO entity_links (left_id, right_id, method, evidence, created_at) VALUES (@left, @right, @method, @evidence, @now)",
                    new { left, right, method, evidence = link.Evidence, now }, transaction);
                added.Add((left, right));
            }
        }
        if (added.Count > 0)
        {
            QueueLinkWork(connection, transaction, [.. added.SelectMany(a => new[] { a.Item1, a.Item2 }).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);
        }
        transaction.Commit();
        return added;
    }

    /// <summary>
    /// The records of a snapshot that its source's previous snapshot did not have, or had with other statements
    /// (names included): what an import changed, for linking just those records.
    /// </summary>
    public IReadOnlyList<string> AddedOrChangedRecords(long snapshot)
    {
        using var connection = Connect();
        var previous = connection.ExecuteScalar<long?>(
            "SELECT MAX(p.id) FROM snapshots p JOIN snapshots s ON s.source = p.source WHERE s.id = @snapshot AND p.id < @snapshot",
            new { snapshot });
        var diff = SnapshotDiff.Compute(connection, "", previous, snapshot);
        return [.. diff.Added, .. diff.Changed.Select(c => c.Id)];
    }

    /// <summary>
    /// Records an analyst's decision on two records (the latest decision on a pair is the one that counts) and applies
    /// it: an accept links them (method <paramref name="method"/>), a reject retracts every active link between them
    /// (the links stay in the table, dated, for the audit trail). When a link changed, the re-screening of the subjects
    /// it can affect is queued; all of it in one transaction.
    /// </summary>
    /// <returns>Whether a link was added or retracted.</returns>
    public bool DecideLink(string left, string right, bool accept, string method, string decidedBy, string? note, string? evidence)
    {
        (left, right) = Ordered(left, right);
        using var connection = Connect();
        using var transaction = BeginWrite(connection);
        connection.Execute(
            "INSERT INTO link_decisions (left_id, right_id, decision, decided_at, decided_by, note) VALUES (@left, @right, @decision, @now, @decidedBy, @note)",
            new { left, right, decision = accept ? "accept" : "reject", decidedBy, note, now = Clock.NowText() }, transaction);
        bool changed;
        if (accept)
        {
            changed = AddLink(connection, transaction, left, right, method, evidence);
        }
        else
        {
            changed = connection.Execute(
                "UPDATE entity_links SET retracted_at = @now WHERE retracted_at IS NULL AND ((left_id = @left AND right_id = @right) OR (left_id = @right AND right_id = @left))",
                new { left, right, now = Clock.NowText() }, transaction) > 0;
            if (changed)
            {
                QueueLinkWork(connection, transaction, [left, right]);
            }
        }
        Audit(transaction, new AuditEvent(
            accept ? AuditEventKind.LinkAccepted : AuditEventKind.LinkRejected,
            decidedBy,
            new Dictionary<string, object?> { ["left"] = left, ["right"] = right, ["decision"] = accept ? "accept" : "reject", ["note"] = note }));
        Commit(connection, transaction);
        return changed;
    }

    /// <summary>Queues the re-evaluation of the subjects a link change between these records can affect, in the change's transaction.</summary>
    private static void QueueLinkWork(DbConnection connection, DbTransaction transaction, IReadOnlyList<string> records) =>
        connection.Execute(QueueInsert, QueueArguments(MonitorTrigger.CrossLink, records), transaction);

    /// <summary>Every decision ever taken, oldest first.</summary>
    public IReadOnlyList<LinkDecision> Decisions()
    {
        using var connection = Connect();
        return connection.Query<(long, string, string, string, string, string, string?)>(
            "SELECT id, left_id, right_id, decision, decided_at, decided_by, note FROM link_decisions ORDER BY id")
            .Select(r => new LinkDecision(r.Item1, r.Item2, r.Item3, r.Item4, r.Item5, r.Item6, r.Item7))
            .ToList();
    }

    /// <summary>The latest decision for each pair.</summary>
    public Dictionary<(string, string), string> LatestDecisions() =>
        Decisions().GroupBy(d => (d.Left, d.Right)).ToDictionary(g => g.Key, g => g.Last().Decision);

    /// <summary>A pair in canonical order, so (a, b) and (b, a) are one pair.</summary>
    public static (string, string) Ordered(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? (a, b) : (b, a);
}
