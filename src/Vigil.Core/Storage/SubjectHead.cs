namespace Vigil.Core.Storage;

/// <summary>A subject's current state, as a writer compares a new input with it.</summary>
internal sealed record SubjectHead(long Id, string Reference, int Version, string InputHash, string Profile, string? Portfolio, bool Monitored, bool Deleted);
