namespace Vigil.Core.Storage;

/// <summary>Whether opening a store may create it: only commands that write lists create one.</summary>
public enum StoreAccess
{
    /// <summary>The store must already exist and hold Vigil's schema; a missing file or schema is an error naming it.</summary>
    Existing,

    /// <summary>A missing SQLite file (and its folder) or an empty PostgreSQL schema becomes a new, empty store.</summary>
    CreateIfMissing,
}
