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

    private ScreeningCorpus(ScreeningIndex index, Dictionary<string, ScreenedEntity> entities, IReadOnlyList<ScreenedSnapshot> snapshots)
    {
        Index = index;
        _entities = entities;
        Snapshots = snapshots;
        _canonical = entities.Values
            .SelectMany(e => e.Referents.Select(r => (Referent: r, e.Id)))
            .ToDictionary(p => p.Referent, p => p.Id, StringComparer.Ordinal);
        Datasets = entities.Values.SelectMany(e => e.Datasets).ToHashSet(StringComparer.Ordinal);
    }

    public ScreeningIndex Index { get; }

    /// <summary>The snapshots the corpus was built from, one per source, in source order.</summary>
    public IReadOnlyList<ScreenedSnapshot> Snapshots { get; }

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
    public static ScreeningCorpus Load(VigilStore store) => Load(store, null);

    /// <summary>
    /// Builds the index from exactly these snapshots (null: the latest of each source), so that work recorded against a
    /// snapshot set (a batch job resumed after a list update) is screened against that set.
    /// </summary>
    public static ScreeningCorpus Load(VigilStore store, IReadOnlyCollection<long>? snapshotIds)
    {
        using var connection = store.Connect();
        var which = snapshotIds is null
            ? "SELECT MAX(id) FROM snapshots GROUP BY source"
            : snapshotIds.Count == 0 ? "NULL" : string.Join(", ", snapshotIds.Select(i => i.ToString(CultureInfo.InvariantCulture)));
        var snapshots = connection.Query<(long Id, string Source, string? Published, string ImportedAt)>(
                $"SELECT id, source, published, imported_at FROM snapshots WHERE id IN ({which}) ORDER BY source")
            .Select(s => new ScreenedSnapshot(s.Source, s.Id, s.Published,
                DateTimeOffset.Parse(s.ImportedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal)))
            .ToList();
        // Every read names the snapshots found here, so an import committing between two reads cannot mix two
        // snapshots of a source into one corpus.
        var latest = snapshots.Count == 0 ? "1 = 0" : $"snapshot_id IN ({string.Join(", ", snapshots.Select(s => s.Snapshot.ToString(CultureInfo.InvariantCulture)))})";
        var records = connection.Query<(string Id, string Schema, string Caption)>($"SELECT record_id, schema, caption FROM records WHERE {latest}")
            .ToDictionary(r => r.Id, StringComparer.Ordinal);
        var names = connection.Query<(string Id, string Name, string Type)>($"SELECT record_id, full_name, name_type FROM names WHERE {latest} ORDER BY seq")
            .ToLookup(n => n.Id, StringComparer.Ordinal);
        // Our own constant property names, written into the SQL: Dapper expands a list parameter for SQLite but passes
        // an array to Npgsql, where "IN $1" is a syntax error.
        var properties = string.Join(", ", CountryProperties.Concat(IdentifierProperties).Append("birthDate").Append(Topics).Select(p => $"'{p}'"));
        var statements = connection.Query<(string Id, string Property, string Value)>(
            $"SELECT record_id, property, value FROM statements WHERE {latest} AND property IN ({properties})")
            .ToLookup(s => s.Id, StringComparer.Ordinal);
        var designated = connection.Query<string>($"SELECT DISTINCT record_id FROM designations WHERE {latest}").ToHashSet(StringComparer.Ordinal);
        var links = connection.Query<(string Left, string Right)>("SELECT left_id, right_id FROM entity_links WHERE retracted_at IS NULL");

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
        return new ScreeningCorpus(ScreeningIndex.Build(subjects), entities, snapshots);
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
