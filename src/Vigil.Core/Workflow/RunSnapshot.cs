namespace Vigil.Core.Workflow;

/// <summary>One list snapshot a screening run used: the source, the snapshot's id, its stated publication date and its file's SHA-256.</summary>
public sealed record RunSnapshot(string Source, long Snapshot, string? Published, string ContentHash);
