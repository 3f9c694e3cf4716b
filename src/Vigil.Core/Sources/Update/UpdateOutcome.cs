using Vigil.Core.Storage;

namespace Vigil.Core.Sources;

/// <summary>What <c>vigil update</c> did with one source.</summary>
public enum UpdateStatus
{
    /// <summary>A new snapshot was imported.</summary>
    Imported,

    /// <summary>The download was identical to the latest snapshot.</summary>
    Unchanged,

    /// <summary>The publisher answered 304 Not Modified to a conditional request.</summary>
    NotModified,

    /// <summary>The download failed to parse or would drop too many entities; held for <c>--accept</c>.</summary>
    Quarantined,

    /// <summary>The download itself failed after every retry.</summary>
    Failed,
}

/// <summary>The outcome for one source, with the import result when there was one.</summary>
public sealed record UpdateOutcome(string Source, UpdateStatus Status, string? Message = null, ImportResult? Import = null, long? QuarantineId = null);
