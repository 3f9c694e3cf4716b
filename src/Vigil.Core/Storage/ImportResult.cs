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

/// <summary>A complete but uncommitted import, shown to a guard that may refuse it.</summary>
/// <param name="PreviousEntities">Entity count of the source's latest snapshot, null for a first import.</param>
public readonly record struct ImportCheck(string Source, int Entities, int? PreviousEntities);

/// <summary>An import its guard refused; nothing was written.</summary>
public sealed class ImportRefusedException : Exception
{
    public ImportRefusedException(string source, string reason)
        : base($"{source}: import refused: {reason}")
    {
        Source = source;
        Reason = reason;
    }

    public ImportRefusedException()
    {
        Source = Reason = "";
    }

    public ImportRefusedException(string message) : base(message)
    {
        Source = "";
        Reason = message;
    }

    public ImportRefusedException(string message, Exception inner) : base(message, inner)
    {
        Source = "";
        Reason = message;
    }

    public new string Source { get; }

    public string Reason { get; }
}
