namespace Vigil.Core.Storage;

/// <summary>A subject changed between reading it and writing its new version; the write is retried from a fresh read.</summary>
internal sealed class SubjectConflictException(string reference)
    : Exception($"subject '{reference}' was changed by another writer meanwhile");
