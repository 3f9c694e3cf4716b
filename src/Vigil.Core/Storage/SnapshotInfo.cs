namespace Vigil.Core.Storage;

/// <summary>One imported snapshot of a list.</summary>
/// <param name="Published">The publication date as stated in the file (ISO 8601), null when the file states none.</param>
/// <param name="ImportedAt">When Vigil imported it (UTC, ISO 8601).</param>
public sealed record SnapshotInfo(long Id, string Source, string Format, string? Published, string ImportedAt, int Entities, string ContentHash, string Origin)
{
    /// <summary>The date the snapshot speaks for: its stated publication date, else its import time.</summary>
    public string EffectiveDate => (Published ?? ImportedAt)[..Math.Min(10, (Published ?? ImportedAt).Length)];
}

/// <summary>A source with its snapshots, oldest first.</summary>
public sealed record SourceSnapshots(string Source, IReadOnlyList<SnapshotInfo> Snapshots);
