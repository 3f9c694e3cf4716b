namespace Vigil.Core.Storage;

/// <summary>A canonical entity as Vigil shows it: every list record that speaks for it, with every value's provenance.</summary>
/// <param name="Id">The canonical id: the referent of the most authoritative source (UN first).</param>
/// <param name="Referents">Every <c>source:nativeId</c> linked to this entity.</param>
/// <param name="AsOf">The date the view was taken as of, null for the latest snapshots.</param>
public sealed record EntityView(
    string Id,
    string Caption,
    string Schema,
    string? AsOf,
    IReadOnlyList<string> Referents,
    IReadOnlyList<ReferentView> Records,
    IReadOnlyList<NameView> Names,
    IReadOnlyList<DesignationView> Designations,
    IReadOnlyList<StatementView> Statements,
    IReadOnlyList<LinkView> Links);

/// <summary>One list record of an entity: whether it is listed now (or as of the date asked), and its listing history.</summary>
/// <param name="Snapshot">The snapshot the record's values are taken from: the latest that contains it.</param>
public sealed record ReferentView(string Id, string Source, string Caption, string Schema, bool Listed, SnapshotRef Snapshot, IReadOnlyList<ListingPeriod> History);

/// <summary>A snapshot, as cited beside a value.</summary>
public sealed record SnapshotRef(long Id, string? Published, string ImportedAt);

/// <summary>A run of consecutive snapshots containing a record; <see cref="RemovedIn"/> is the first snapshot without it.</summary>
public sealed record ListingPeriod(SnapshotRef FirstSeen, SnapshotRef LastSeen, SnapshotRef? RemovedIn);

/// <summary>A name with its type, script and parts, and the record and snapshot it comes from.</summary>
public sealed record NameView(string Name, string Type, string Script, string? Lang, IReadOnlyList<string[]>? Parts, string Source, long Snapshot);

/// <summary>A designation with the record and snapshot it comes from.</summary>
public sealed record DesignationView(string Program, string? ListedOn, string? Authority, string? Reference, string Source, long Snapshot);

/// <summary>One value with its provenance: which record said it, in which snapshot, and in what words.</summary>
public sealed record StatementView(string Property, string Value, string? Original, string Source, long Snapshot, string? Published);

/// <summary>Why two records are the same entity.</summary>
/// <param name="Method"><c>crossReference</c> (one list quotes the other's id), <c>match</c> (the strict automatic rule), <c>analyst</c>, or another linker's name.</param>
/// <param name="Evidence">As the linker stored it: the quoting list's wording for a cross-reference, a JSON array of findings for the linkers of Core.Merge, or free text.</param>
public sealed record LinkView(string Left, string Right, string Method, string? Evidence, string CreatedAt)
{
    /// <summary>The evidence as separate findings ("name 0.97", "birth date exact"), whichever way it was stored.</summary>
    public IReadOnlyList<string> Findings()
    {
        if (string.IsNullOrWhiteSpace(Evidence))
        {
            return [];
        }
        if (Evidence.StartsWith('['))
        {
            try
            {
                return System.Text.Json.JsonSerializer.Deserialize<List<string>>(Evidence) ?? [];
            }
            catch (System.Text.Json.JsonException)
            {
                // Not the linkers' array after all: the text as written.
            }
        }
        return [Evidence];
    }
}

/// <summary>
/// An entity's records as screening results show them: their latest properties, and the import times of the first and
/// last snapshots holding any of them (yente's <c>first_seen</c> and <c>last_seen</c>).
/// </summary>
public sealed record LatestEntity(IReadOnlyDictionary<string, IReadOnlyList<string>> Properties, string? FirstSeen, string? LastSeen);
