using Vigil.Core.Storage;

namespace Vigil.Server.Web;

/// <summary>
/// An entity arranged for reading: names grouped by script, and each property with its distinct values, each value
/// with every record and snapshot that gives it. Values are never merged away, so where lists disagree both show.
/// </summary>
public sealed class EntityPageModel
{
    /// <summary>Properties shown in their own sections (names, designations) rather than among the others.</summary>
    private static readonly HashSet<string> ShownElsewhere = new(StringComparer.Ordinal) { "name", "alias", "weakAlias", "previousName", "program", "listingDate" };

    public EntityPageModel(EntityView entity, DateOnly? asOf)
    {
        Entity = entity;
        AsOf = asOf;
        var snapshots = new Dictionary<long, SnapshotRef>();
        foreach (var record in entity.Records)
        {
            snapshots[record.Snapshot.Id] = record.Snapshot;
            foreach (var period in record.History)
            {
                snapshots[period.FirstSeen.Id] = period.FirstSeen;
                snapshots[period.LastSeen.Id] = period.LastSeen;
            }
        }
        Snapshots = snapshots;
        NamesByScript = entity.Names
            .GroupBy(n => Format.Script(n.Script))
            .OrderBy(g => g.Key == "Latin" ? 0 : g.Key == "Other" ? 2 : 1)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ScriptGroup(g.Key, g.ToList()))
            .ToList();
        Properties = entity.Statements
            .Where(s => !ShownElsewhere.Contains(s.Property))
            .GroupBy(s => s.Property, StringComparer.Ordinal)
            .Select(g => new PropertyValues(g.Key, g
                .GroupBy(s => s.Value, StringComparer.Ordinal)
                .Select(v => new SourcedValue(
                    v.Key,
                    v.Select(s => s.Original).Where(o => o is not null && o != v.Key).Distinct(StringComparer.Ordinal).ToList()!,
                    v.Select(s => new Citation(s.Source, Cite(s.Snapshot, s.Published))).Distinct().ToList()))
                .ToList()))
            .ToList();
    }

    public EntityView Entity { get; }

    public DateOnly? AsOf { get; }

    public IReadOnlyDictionary<long, SnapshotRef> Snapshots { get; }

    public IReadOnlyList<ScriptGroup> NamesByScript { get; }

    public IReadOnlyList<PropertyValues> Properties { get; }

    /// <summary>A snapshot as cited beside a value, with the best date known for it.</summary>
    public string Cite(long snapshot, string? published = null) =>
        Snapshots.TryGetValue(snapshot, out var s)
            ? Format.Snapshot(s.Id, published ?? s.Published, s.ImportedAt)
            : Format.Snapshot(snapshot, published, null);
}

/// <summary>The names written in one script.</summary>
public sealed record ScriptGroup(string Script, IReadOnlyList<NameView> Names);

/// <summary>One property's distinct values; more than one means the sources (or one source) give different values.</summary>
public sealed record PropertyValues(string Property, IReadOnlyList<SourcedValue> Values)
{
    public bool Differs => Values.Count > 1;
}

/// <summary>A value, the wordings it was read from where they differ from it, and every record and snapshot that gives it.</summary>
public sealed record SourcedValue(string Value, IReadOnlyList<string> Originals, IReadOnlyList<Citation> Citations);

/// <summary>A record id and the snapshot a value was read from.</summary>
public sealed record Citation(string Record, string Snapshot);
