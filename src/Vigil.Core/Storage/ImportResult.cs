namespace Vigil.Core.Storage;

/// <summary>What one import did: the snapshot it made (or found identical) and how it differs from the one before.</summary>
public sealed record ImportResult(
    string Source,
    long Snapshot,
    string? Published,
    int Entities,
    int Added,
    int Removed,
    int Changed,
    string Format,
    bool Unchanged);

/// <summary>Progress of an import: records read so far.</summary>
public readonly record struct ImportProgress(string Source, int Records);
