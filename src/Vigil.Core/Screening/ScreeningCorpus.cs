using System.Data.Common;
using System.Globalization;
using Dapper;
using Vigil.Core.Model;
using Vigil.Core.Sources;
using Vigil.Core.Storage;
using Vigil.Matching;
using Vigil.Matching.Screening;

namespace Vigil.Core.Screening;

/// <summary>A canonical entity as screening reports it: its id, every referent, caption, schema, source lists and FtM topics.</summary>
/// <param name="Topics">FollowTheMoney topics from its records' designations (<see cref="ListingTopics"/>) and their own <c>topics</c>.</param>
/// <param name="Countries">The country codes of its records' country properties (nationality, citizenship, country...).</param>
public sealed record ScreenedEntity(string Id, IReadOnlyList<string> Referents, string Caption, string Schema, IReadOnlyList<string> Datasets, IReadOnlyList<string> Topics, IReadOnlyList<string> Countries);

/// <summary>One result of screening a query: the canonical entity, its score, whether it alerts, and the explanation.</summary>
public sealed record ScreeningHit(ScreenedEntity Entity, double Score, bool Match, MatchExplanation Explanation);

/// <summary>
/// The latest snapshot of every list, merged into canonical entities through their links and built into one
/// <see cref="ScreeningIndex"/>. Built once, then searched by any number of queries and threads.
/// </summary>
public sealed class ScreeningCorpus
{
    /// <summary>The properties whose values screening compares as countries, on the lists and in queries alike.</summary>
    public static readonly string[] CountryProperties = ["nationality", "citizenship", "country", "birthCountry", "jurisdiction", "flag", "mainCountry"];

    /// <summary>The properties whose values screening compares as identifiers, on the lists and in queries alike.</summary>
    public static readonly string[] IdentifierProperties = ["passportNumber", "idNumber", "imoNumber", "registrationNumber", "taxNumber", "swiftBic", "leiCode", "innCode", "ogrnCode", "vatCode"];

    private const string Topics = "topics";

    private readonly Dictionary<string, ScreenedEntity> _entities;
    private readonly Dictionary<string, string> _canonical;

    private ScreeningCorpus(ScreeningIndex index, Dictionary<string, ScreenedEntity> entities, IReadOnlyList<ScreenedSnapshot> snapshots, CorpusAsOf? asOf)
    {
        Index = index;
        _entities = entities;
        Snapshots = snapshots;
        AsOf = asOf;
        _canonical = entities.Values
            .SelectMany(e => e.Referents.Select(r => (Referent: r, e.Id)))
            .ToDictionary(p => p.Referent, p => p.Id, StringComparer.Ordinal);
        Datasets = entities.Values.SelectMany(e => e.Datasets).ToHashSet(StringComparer.Ordinal);
    }

    public ScreeningIndex Index { get; }

    /// <summary>The snapshots the corpus was built from, one per source, in source order.</summary>
    public IReadOnlyList<ScreenedSnapshot> Snapshots { get; }

    /// <summary>For a corpus rebuilt as the lists stood at a past time: that time and the lists imported only later; null for the latest lists.</summary>
    public CorpusAsOf? AsOf { get; }

    /// <summary>False when no list is loaded: screening such a corpus cannot tell a match from a miss.</summary>
    public bool HasLists => Snapshots.Count > 0;

    public int EntityCount => _entities.Count;

    public ScreenedEntity Entity(string id) => _entities[id];

    /// <summary>The sources (datasets) the corpus holds, such as <c>un-sc</c>.</summary>
    public IReadOnlySet<string> Datasets { get; }

    /// <summary>The canonical entity id a record belongs to (itself when unlinked); null when the record is not in the corpus.</summary>
    public string? CanonicalId(string recordId) => _canonical.GetValueOrDefault(recordId);

    /// <summary>Results best first; among equal scores the entity more lists agree on, then the more authoritative source.</summary>
    public IReadOnlyList<ScreeningHit> Screen(ScreeningQuery query, MatchOptions options) =>
        BestFirst(Index.Search(query, options).Select(r => new ScreeningHit(_entities[r.Subject.Id], r.Score, r.Match, r.Explanation))).ToList();

    /// <summary>The one order of results everywhere they are shown: score, then how many lists agree, then the source.</summary>
    public static IOrderedEnumerable<ScreeningHit> BestFirst(IEnumerable<ScreeningHit> hits) =>
        hits.OrderByDescending(h => h.Score)
            .ThenByDescending(h => h.Entity.Referents.Count)
            .ThenBy(h => SourceIds.Rank(SourceIds.SourceOf(h.Entity.Id)))
            .ThenBy(h => h.Entity.Id, StringComparer.Ordinal);

    /// <summary>Reads the latest snapshot of each source and builds the index.</summary>
    public static ScreeningCorpus Load(VigilStore store) => LoadAsync(store).GetAwaiter().GetResult();

    /// <summary>
    /// Builds the index from exactly these snapshots (null: the latest of each source), so that work recorded against a
    /// snapshot set (a batch job resumed after a list update) is screened against that set.
    /// </summary>
    public static ScreeningCorpus Load(VigilStore store, IReadOnlyCollection<long>? snapshotIds) =>
        snapshotIds is null ? Load(store) : LoadSnapshotsAsync(store, snapshotIds).GetAwaiter().GetResult();

    /// <summary>Reads the latest snapshot of each source and builds the index, with the cross-list links in force now.</summary>
    public static async Task<ScreeningCorpus> LoadAsync(VigilStore store, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.ConnectAsync(cancellationToken);
        var snapshots = await SnapshotsAsync(connection,
            "SELECT id, source, published, imported_at FROM snapshots WHERE id IN (SELECT MAX(id) FROM snapshots GROUP BY source) ORDER BY source",
            null, cancellationToken);
        var links = await connection.QueryAsync<(string Left, string Right)>(new CommandDefinition(
            "SELECT left_id, right_id FROM entity_links WHERE retracted_at IS NULL", cancellationToken: cancellationToken));
        return await BuildAsync(connection, snapshots, links, null, cancellationToken);
    }

    /// <summary>
    /// The corpus of exactly these snapshots (at most one per source), merged through the cross-list links in force
    /// now: the lists as they were before a change, for working out what the change touched.
    /// </summary>
    public static async Task<ScreeningCorpus> LoadSnapshotsAsync(VigilStore store, IReadOnlyCollection<long> snapshotIds, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.ConnectAsync(cancellationToken);
        var snapshots = snapshotIds.Count == 0 ? [] : await SnapshotsAsync(connection,
            $"SELECT id, source, published, imported_at FROM snapshots WHERE id IN ({string.Join(", ", snapshotIds.Select(i => i.ToString(CultureInfo.InvariantCulture)))}) ORDER BY source",
            null, cancellationToken);
        var links = await connection.QueryAsync<(string Left, string Right)>(new CommandDefinition(
            "SELECT left_id, right_id FROM entity_links WHERE retracted_at IS NULL", cancellationToken: cancellationToken));
        return await BuildAsync(connection, snapshots, links, null, cancellationToken);
    }

    /// <summary>
    /// The lists as they stood at <paramref name="asOf"/>: of each source, the latest snapshot imported at or before
    /// it, merged through the cross-list links in force then (added at or before it and not yet retracted). A link the
    /// store retracted and added again is dated by its latest addition, as the store keeps only that. The corpus holds
    /// no list (<see cref="HasLists"/> false) when none had been imported by then.
    /// </summary>
    public static async Task<ScreeningCorpus> LoadAsOfAsync(VigilStore store, DateTimeOffset asOf, CancellationToken cancellationToken = default)
    {
        var at = Clock.Text(asOf);
        await using var connection = await store.ConnectAsync(cancellationToken);
        var snapshots = await SnapshotsAsync(connection,
            """
            SELECT id, source, published, imported_at FROM snapshots
            WHERE id IN (SELECT MAX(id) FROM snapshots WHERE imported_at <= @at GROUP BY source) ORDER BY source
            """,
            new { at }, cancellationToken);
        var later = (await connection.QueryAsync<string>(new CommandDefinition(
                "SELECT DISTINCT source FROM snapshots WHERE source NOT IN (SELECT source FROM snapshots WHERE imported_at <= @at) ORDER BY source",
                new { at }, cancellationToken: cancellationToken)))
            .ToList();
        var links = await connection.QueryAsync<(string Left, string Right)>(new CommandDefinition(
            "SELECT left_id, right_id FROM entity_links WHERE created_at <= @at AND (retracted_at IS NULL OR retracted_at > @at)",
            new { at }, cancellationToken: cancellationToken));
        return await BuildAsync(connection, snapshots, links, new CorpusAsOf(asOf, later), cancellationToken);
    }

    private static async Task<List<ScreenedSnapshot>> SnapshotsAsync(DbConnection connection, string sql, object? args, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<(long Id, string Source, string? Published, string ImportedAt)>(new CommandDefinition(sql, args, cancellationToken: cancellationToken)))
            .Select(s => new ScreenedSnapshot(s.Source, s.Id, s.Published,
                DateTimeOffset.Parse(s.ImportedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal)))
            .ToList();

    private static async Task<ScreeningCorpus> BuildAsync(DbConnection connection, List<ScreenedSnapshot> snapshots, IEnumerable<(string Left, string Right)> links, CorpusAsOf? asOf, CancellationToken cancellationToken)
    {
        // Every read names the snapshots found here, so an import committing between two reads cannot mix two
        // snapshots of a source into one corpus.
        var latest = snapshots.Count == 0 ? "1 = 0" : $"snapshot_id IN ({string.Join(", ", snapshots.Select(s => s.Snapshot.ToString(CultureInfo.InvariantCulture)))})";
        var records = (await connection.QueryAsync<(string Id, string Schema, string Caption)>(new CommandDefinition($"SELECT record_id, schema, caption FROM records WHERE {latest}", cancellationToken: cancellationToken)))
            .ToDictionary(r => r.Id, StringComparer.Ordinal);
        var names = (await connection.QueryAsync<(string Id, string Name, string Type)>(new CommandDefinition($"SELECT record_id, full_name, name_type FROM names WHERE {latest} ORDER BY seq", cancellationToken: cancellationToken)))
            .ToLookup(n => n.Id, StringComparer.Ordinal);
        // Our own constant property names, written into the SQL: Dapper expands a list parameter for SQLite but passes
        // an array to Npgsql, where "IN $1" is a syntax error.
        var properties = string.Join(", ", CountryProperties.Concat(IdentifierProperties).Append("birthDate").Append(Topics).Select(p => $"'{p}'"));
        var statements = (await connection.QueryAsync<(string Id, string Property, string Value)>(new CommandDefinition(
            $"SELECT record_id, property, value FROM statements WHERE {latest} AND property IN ({properties})", cancellationToken: cancellationToken)))
            .ToLookup(s => s.Id, StringComparer.Ordinal);
        var designated = (await connection.QueryAsync<string>(new CommandDefinition($"SELECT DISTINCT record_id FROM designations WHERE {latest}", cancellationToken: cancellationToken)))
            .ToHashSet(StringComparer.Ordinal);

        var clusters = new UnionFind();
        foreach (var (left, right) in links)
        {
            if (records.ContainsKey(left) && records.ContainsKey(right))
            {
                clusters.Union(left, right);
            }
        }

        var entities = new Dictionary<string, ScreenedEntity>(StringComparer.Ordinal);
        var subjects = new List<ScreeningSubject>(records.Count);
        foreach (var group in records.Keys.GroupBy(clusters.Find, StringComparer.Ordinal))
        {
            var referents = group
                .OrderBy(id => SourceIds.Rank(SourceIds.SourceOf(id)))
                .ThenBy(id => id, StringComparer.Ordinal)
                .ToList();
            var main = records[referents[0]];
            var values = referents.SelectMany(r => statements[r]).ToList();
            var topics = referents.Where(designated.Contains).SelectMany(r => ListingTopics.OfDesignation(SourceIds.SourceOf(r)))
                .Concat(values.Where(v => v.Property == Topics).Select(v => v.Value))
                .Distinct(StringComparer.Ordinal).ToList();
            var countryValues = values.Where(v => CountryProperties.Contains(v.Property)).Select(v => (v.Value, Codes: Countries.ToCodes(v.Value))).ToList();
            var countries = countryValues.SelectMany(c => c.Codes).Distinct().ToList();
            var entity = new ScreenedEntity(referents[0], referents, main.Caption, main.Schema,
                referents.Select(SourceIds.SourceOf).Distinct().ToList(), topics, countries);
            entities[entity.Id] = entity;

            var subjectNames = referents.SelectMany(r => names[r])
                .Select(n => new SubjectName(n.Name, n.Type == nameof(NameType.WeakAlias)))
                .ToList();
            subjects.Add(new ScreeningSubject(
                entity.Id,
                KindOf(main.Schema),
                subjectNames,
                values.Where(v => v.Property == "birthDate").Select(v => v.Value).Distinct().ToList(),
                countries,
                values.Where(v => IdentifierProperties.Contains(v.Property)).Select(v => v.Value).Distinct().ToList())
            {
                UnreadCountries = countryValues.Where(c => c.Codes.Count == 0).Select(c => c.Value).Distinct().ToList(),
            });
        }
        // In entity id order, not the order the store returns records in (a new snapshot of one list puts its records
        // after the others'): candidates tied at the candidate limit go to the lower index, which then depends only on
        // which entities exist, so a list change cannot reorder the entities it leaves alone (see DeltaPlan).
        return new ScreeningCorpus(ScreeningIndex.Build(subjects.OrderBy(s => s.Id, StringComparer.Ordinal)), entities, snapshots, asOf);
    }

    public static PartyKind KindOf(string schema) => schema switch
    {
        nameof(EntitySchema.Person) => PartyKind.Person,
        nameof(EntitySchema.Organization) => PartyKind.Organization,
        nameof(EntitySchema.Vessel) => PartyKind.Vessel,
        nameof(EntitySchema.Aircraft) => PartyKind.Aircraft,
        _ => PartyKind.Unknown,
    };

    /// <summary>Disjoint sets of record ids, for merging linked records into one entity.</summary>
    private sealed class UnionFind
    {
        private readonly Dictionary<string, string> _parent = new(StringComparer.Ordinal);

        public string Find(string id)
        {
            var root = id;
            while (_parent.TryGetValue(root, out var parent) && parent != root)
            {
                root = parent;
            }
            // Path compression keeps later finds short.
            while (_parent.TryGetValue(id, out var parent) && parent != root)
            {
                _parent[id] = root;
                id = parent;
            }
            return root;
        }

        public void Union(string a, string b)
        {
            var ra = Find(a);
            var rb = Find(b);
            if (ra != rb)
            {
                _parent[ra] = rb;
                _parent.TryAdd(rb, rb);
            }
        }
    }
}
