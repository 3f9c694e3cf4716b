using System.Data.Common;
using System.Text.Json;
using Dapper;
using Vigil.Core.Sources;

namespace Vigil.Core.Storage;

public sealed partial class VigilStore
{
    /// <summary>Every source with its snapshots, oldest first.</summary>
    public IReadOnlyList<SourceSnapshots> Lists()
    {
        using var connection = Connect();
        return AllSnapshots(connection)
            .GroupBy(s => s.Source)
            .OrderBy(g => SourceIds.Rank(g.Key)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new SourceSnapshots(g.Key, g.ToList()))
            .ToList();
    }

    /// <summary>
    /// Differences between two snapshots of a source. Without <paramref name="to"/> the latest; without
    /// <paramref name="from"/> the one before <paramref name="to"/> (everything counts as added for the first).
    /// </summary>
    public DiffResult Diff(string source, long? from = null, long? to = null)
    {
        using var connection = Connect();
        var snapshots = AllSnapshots(connection).Where(s => s.Source == source).ToList();
        if (snapshots.Count == 0)
        {
            throw new KeyNotFoundException($"no snapshots of source '{source}'");
        }
        var toSnapshot = to is null ? snapshots[^1] : snapshots.Find(s => s.Id == to)
            ?? throw new KeyNotFoundException($"snapshot {to} is not a snapshot of {source}");
        long? fromId;
        if (from is null)
        {
            fromId = snapshots.LastOrDefault(s => s.Id < toSnapshot.Id)?.Id;
        }
        else
        {
            fromId = snapshots.Find(s => s.Id == from)?.Id
                ?? throw new KeyNotFoundException($"snapshot {from} is not a snapshot of {source}");
        }
        return SnapshotDiff.Compute(connection, source, fromId, toSnapshot.Id);
    }

    /// <summary>
    /// The canonical entity that <paramref name="recordId"/> belongs to, with all its referents, names, designations and
    /// statements. With <paramref name="asOf"/>, the lists as they stood on that date. Null when no snapshot has the record.
    /// </summary>
    public EntityView? GetEntity(string recordId, DateOnly? asOf = null)
    {
        using var connection = Connect();
        var asOfText = asOf?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var snapshots = AllSnapshots(connection)
            .Where(s => asOfText is null || string.CompareOrdinal(s.EffectiveDate, asOfText) <= 0)
            .ToList();
        var links = connection.Query<LinkView>(
            "SELECT left_id AS Left, right_id AS Right, method AS Method, evidence AS Evidence, created_at AS CreatedAt FROM entity_links WHERE retracted_at IS NULL")
            .ToList();
        var cluster = Cluster(recordId, links);

        var referents = new List<ReferentView>();
        foreach (var id in cluster)
        {
            if (BuildReferent(connection, id, snapshots) is { } referent)
            {
                referents.Add(referent);
            }
        }
        if (referents.Count == 0)
        {
            return null;
        }
        referents.Sort((a, b) => SourceIds.Rank(a.Source) != SourceIds.Rank(b.Source)
            ? SourceIds.Rank(a.Source).CompareTo(SourceIds.Rank(b.Source))
            : string.CompareOrdinal(a.Id, b.Id));

        var names = new List<NameView>();
        var designations = new List<DesignationView>();
        var statements = new List<StatementView>();
        foreach (var r in referents)
        {
            var args = new { snapshot = r.Snapshot.Id, id = r.Id };
            names.AddRange(connection.Query<(string Name, string Type, string Script, string? Lang, string? Parts)>(
                "SELECT full_name, name_type, script, lang, parts FROM names WHERE snapshot_id = @snapshot AND record_id = @id ORDER BY seq", args)
                .Select(n => new NameView(n.Name, n.Type, n.Script, n.Lang, n.Parts is null ? null : JsonSerializer.Deserialize<List<string[]>>(n.Parts), r.Id, r.Snapshot.Id)));
            designations.AddRange(connection.Query<(string Program, string? ListedOn, string? Authority, string? Reference)>(
                "SELECT program, listed_on, authority, reference FROM designations WHERE snapshot_id = @snapshot AND record_id = @id ORDER BY seq", args)
                .Select(d => new DesignationView(d.Program, d.ListedOn, d.Authority, d.Reference, r.Id, r.Snapshot.Id)));
            statements.AddRange(connection.Query<(string Property, string Value, string? Original)>(
                "SELECT property, value, original FROM statements WHERE snapshot_id = @snapshot AND record_id = @id ORDER BY seq", args)
                .Select(s => new StatementView(s.Property, s.Value, s.Original, r.Id, r.Snapshot.Id, r.Snapshot.Published)));
        }
        var clusterLinks = links.Where(l => cluster.Contains(l.Left) && cluster.Contains(l.Right)).ToList();
        var main = referents[0];
        return new EntityView(main.Id, main.Caption, main.Schema, asOfText, referents.Select(r => r.Id).ToList(), referents, names, designations, statements, clusterLinks);
    }

    /// <summary>
    /// A token that changes whenever what screening reads changes: a snapshot committed (the generation each import
    /// advances as it commits), or a link made or retracted. A server compares it to decide when to rebuild its index;
    /// it costs a one-row read and an aggregate query.
    /// </summary>
    public string ScreeningGeneration()
    {
        using var connection = Connect();
        var snapshot = connection.ExecuteScalar<long>("SELECT generation FROM store_generation WHERE id = 1");
        var links = connection.QuerySingle<(long Count, string? Created, string? Retracted)>(
            "SELECT COUNT(*), MAX(created_at), MAX(retracted_at) FROM entity_links");
        return $"{snapshot}/{links.Count}/{links.Created}/{links.Retracted}";
    }

    /// <summary>
    /// The records' latest properties (see <see cref="LatestProperties(IReadOnlyList{string})"/>) and when the store first and last saw any
    /// of them: the import times of the earliest and latest snapshots holding one of the records.
    /// </summary>
    public LatestEntity Latest(IReadOnlyList<string> recordIds)
    {
        if (recordIds.Count == 0)
        {
            return new LatestEntity(new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal), null, null);
        }
        using var connection = Connect();
        var (list, args) = RecordIdParameters(recordIds);
        // Import times are written as fixed-width UTC ISO 8601 text, so the text's order is the times' order.
        var span = connection.QuerySingle<(string? First, string? Last)>(
            $"SELECT MIN(s.imported_at), MAX(s.imported_at) FROM records r JOIN snapshots s ON s.id = r.snapshot_id WHERE r.record_id IN ({list})", args);
        return new LatestEntity(LatestProperties(connection, recordIds, list, args), span.First, span.Last);
    }

    /// <summary>
    /// The FollowTheMoney-style properties of records in the latest snapshot of their source, merged in the order
    /// given: names under <c>name</c>, <c>alias</c>, <c>weakAlias</c> and <c>previousName</c>, then every statement.
    /// Values repeat once however many records give them.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> LatestProperties(IReadOnlyList<string> recordIds)
    {
        if (recordIds.Count == 0)
        {
            return new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        }
        using var connection = Connect();
        var (list, args) = RecordIdParameters(recordIds);
        return LatestProperties(connection, recordIds, list, args);
    }

    /// <summary>
    /// "@r0, @r1, ..." and its parameters, one per id: Dapper expands "IN @list" for SQLite but sends an array to
    /// Npgsql, so the list is written out.
    /// </summary>
    private static (string List, DynamicParameters Args) RecordIdParameters(IReadOnlyList<string> recordIds)
    {
        var args = new DynamicParameters();
        for (var i = 0; i < recordIds.Count; i++)
        {
            args.Add($"r{i}", recordIds[i]);
        }
        return (string.Join(", ", Enumerable.Range(0, recordIds.Count).Select(i => $"@r{i}")), args);
    }

    private static Dictionary<string, IReadOnlyList<string>> LatestProperties(DbConnection connection, IReadOnlyList<string> recordIds, string list, DynamicParameters args)
    {
        var latest = $"snapshot_id IN (SELECT MAX(id) FROM snapshots GROUP BY source) AND record_id IN ({list})";
        var names = connection.Query<(string Id, string Name, string Type)>(
            $"SELECT record_id, full_name, name_type FROM names WHERE {latest} ORDER BY seq", args).ToList();
        var statements = connection.Query<(string Id, string Property, string Value)>(
            $"SELECT record_id, property, value FROM statements WHERE {latest} ORDER BY seq", args).ToList();
        var properties = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var id in recordIds)
        {
            foreach (var n in names.Where(n => n.Id == id))
            {
                Add(n.Type switch
                {
                    nameof(Model.NameType.Primary) => "name",
                    nameof(Model.NameType.WeakAlias) => "weakAlias",
                    nameof(Model.NameType.Former) => "previousName",
                    _ => "alias",
                }, n.Name);
            }
            foreach (var st in statements.Where(st => st.Id == id))
            {
                Add(st.Property, st.Value);
            }
        }
        return properties.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal);

        void Add(string property, string value)
        {
            if (!properties.TryGetValue(property, out var values))
            {
                properties[property] = values = [];
            }
            if (!values.Contains(value, StringComparer.Ordinal))
            {
                values.Add(value);
            }
        }
    }

    /// <summary>Every name in one snapshot with its record id.</summary>
    public IReadOnlyList<(string RecordId, string Name)> NamesOf(long snapshot)
    {
        using var connection = Connect();
        return connection.Query<(string, string)>("SELECT record_id, full_name FROM names WHERE snapshot_id = @snapshot ORDER BY seq", new { snapshot }).ToList();
    }

    private static ReferentView? BuildReferent(DbConnection connection, string id, List<SnapshotInfo> snapshots)
    {
        var source = SourceIds.SourceOf(id);
        var ofSource = snapshots.Where(s => s.Source == source).ToList();
        if (ofSource.Count == 0)
        {
            return null;
        }
        var present = connection.Query<(long Snapshot, string Caption, string Schema)>(
            "SELECT snapshot_id, caption, schema FROM records WHERE record_id = @id ORDER BY snapshot_id", new { id })
            .ToDictionary(r => r.Snapshot);
        var history = new List<ListingPeriod>();
        SnapshotInfo? first = null, last = null;
        foreach (var s in ofSource)
        {
            if (present.ContainsKey(s.Id))
            {
                first ??= s;
                last = s;
            }
            else if (first is not null)
            {
                history.Add(new ListingPeriod(Ref(first), Ref(last!), Ref(s)));
                first = null;
            }
        }
        if (first is not null)
        {
            history.Add(new ListingPeriod(Ref(first), Ref(last!), null));
        }
        if (history.Count == 0)
        {
            return null;
        }
        var dataSnapshot = history[^1].LastSeen;
        var row = present[dataSnapshot.Id];
        var listed = history[^1].RemovedIn is null;
        return new ReferentView(id, source, row.Caption, row.Schema, listed, dataSnapshot, history);
    }

    private static SnapshotRef Ref(SnapshotInfo s) => new(s.Id, s.Published, s.ImportedAt);

    /// <summary>All record ids connected to <paramref name="start"/> through links, the start first.</summary>
    private static HashSet<string> Cluster(string start, List<LinkView> links)
    {
        var cluster = new HashSet<string>(StringComparer.Ordinal) { start };
        var queue = new Queue<string>([start]);
        while (queue.TryDequeue(out var id))
        {
            foreach (var l in links)
            {
                var other = l.Left == id ? l.Right : l.Right == id ? l.Left : null;
                if (other is not null && cluster.Add(other))
                {
                    queue.Enqueue(other);
                }
            }
        }
        return cluster;
    }

    private static List<SnapshotInfo> AllSnapshots(DbConnection connection) =>
        connection.Query<(long Id, string Source, string Format, string? Published, string ImportedAt, int Entities, string ContentHash, string Origin)>(
            "SELECT id, source, format, published, imported_at, entity_count, content_hash, origin FROM snapshots ORDER BY id")
            .Select(r => new SnapshotInfo(r.Id, r.Source, r.Format, r.Published, r.ImportedAt, r.Entities, r.ContentHash, r.Origin))
            .ToList();
}
