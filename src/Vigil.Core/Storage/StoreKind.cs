namespace Vigil.Core.Storage;

/// <summary>The database engines Vigil stores snapshots in.</summary>
public enum StoreKind
{
    Sqlite,
    Postgres,
}
