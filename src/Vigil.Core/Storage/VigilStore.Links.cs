using Dapper;
using Vigil.Core.Audit;

namespace Vigil.Core.Storage;

/// <summary>An analyst's decision on whether two records are the same entity, kept for the audit trail.</summary>
public sealed record LinkDecision(long Id, string Left, string Right, string Decision, string DecidedAt, string DecidedBy, string? Note);

public sealed partial class VigilStore
{
    /// <summary>Adds a link between two records (idempotent per method); returns false when it already existed and is active.</summary>
    public bool AddLink(string left, string right, string method, string? evidence)
    {
        (left, right) = Ordered(left, right);
        using var connection = Connect();
        using var transaction = BeginWrite(connection);
        var existing = connection.QuerySingleOrDefault<(long Id, string? Retracted)?>(
            "SELECT id, retracted_at FROM entity_links WHERE left_id = @left AND right_id = @right AND method = @method",
            new { left, right, method }, transaction);
        if (existing is { Retracted: null })
        {
            transaction.Rollback();
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
        transaction.Commit();
        return true;
    }

    /// <summary>
    /// Adds many links in one transaction (an import's automatic links, a full pass's thousands); a link already active
    /// stays as it is, a retracted one is not revived (only an analyst's accept does that). Returns the pairs newly linked.
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

    /// <summary>Retracts every active link between two records (the links stay in the table, dated, for the audit trail).</summary>
    public int RetractLinks(string left, string right)
    {
        (left, right) = Ordered(left, right);
        using var connection = Connect();
        return connection.Execute(
            "UPDATE entity_links SET retracted_at = @now WHERE retracted_at IS NULL AND ((left_id = @left AND right_id = @right) OR (left_id = @right AND right_id = @left))",
            new { left, right, now = Clock.NowText() });
    }

    /// <summary>Records an analyst's decision; the latest decision on a pair is the one that counts.</summary>
    public void Decide(string left, string right, string decision, string decidedBy, string? note)
    {
        (left, right) = Ordered(left, right);
        using var connection = Connect();
        using var transaction = BeginWrite(connection);
        connection.Execute(
            "INSERT INTO link_decisions (left_id, right_id, decision, decided_at, decided_by, note) VALUES (@left, @right, @decision, @now, @decidedBy, @note)",
            new { left, right, decision, decidedBy, note, now = Clock.NowText() }, transaction);
        Audit(transaction, new AuditEvent(
            decision == "reject" ? AuditEventKind.LinkRejected : AuditEventKind.LinkAccepted,
            decidedBy,
            new Dictionary<string, object?> { ["left"] = left, ["right"] = right, ["decision"] = decision, ["note"] = note }));
        Commit(connection, transaction);
    }

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
