namespace Vigil.Core.Screening;

/// <summary>
/// One list snapshot a screening was run against: every screening result names the set of these it used, so that a
/// result is never detached from the data that produced it.
/// </summary>
/// <param name="Source">The list, such as <c>un-sc</c>.</param>
/// <param name="Snapshot">The snapshot's id in the store.</param>
/// <param name="Published">The publication date the file states (ISO 8601), null when it states none.</param>
/// <param name="ImportedAt">When Vigil imported the snapshot (UTC).</param>
public sealed record ScreenedSnapshot(string Source, long Snapshot, string? Published, DateTimeOffset ImportedAt);
