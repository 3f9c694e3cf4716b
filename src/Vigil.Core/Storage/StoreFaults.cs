using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Vigil.Core.Storage;

/// <summary>Store failures that have a name in the user's terms, so a command can say what happened in one line.</summary>
public static class StoreFaults
{
    private const int SqliteFull = 13;

    /// <summary>The disk (or the database's space) is full: SQLite's SQLITE_FULL, PostgreSQL's disk_full (53100).</summary>
    public static bool IsDiskFull(DbException e) =>
        e is SqliteException { SqliteErrorCode: SqliteFull } || e is PostgresException { SqlState: "53100" };

    /// <summary>The database did not answer in time: a client-side command timeout, or a statement the server cancelled (57014).</summary>
    public static bool IsTimeout(DbException e) =>
        e is PostgresException { SqlState: "57014" } || e is NpgsqlException { InnerException: TimeoutException };
}
