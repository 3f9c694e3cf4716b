using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Vigil.Core.Storage;

/// <summary>
/// The snapshot store: a SQLite file by default, or PostgreSQL. Opening it applies any pending schema migration.
/// </summary>
public sealed partial class VigilStore
{
    /// <summary>Environment variable that names the store when <c>--db</c> is not given.</summary>
    public const string EnvironmentVariable = "VIGIL_DB";

    private readonly string _connectionString;

    private VigilStore(StoreKind kind, string connectionString, string display)
    {
        Kind = kind;
        _connectionString = connectionString;
        Display = display;
    }

    public StoreKind Kind { get; }

    /// <summary>The store's location without credentials, for messages.</summary>
    public string Display { get; }

    /// <summary>
    /// Where the audit signing key lives when neither <c>--audit-key</c> nor <c>VIGIL_AUDIT_KEY</c> says: beside a SQLite
    /// store (<c>vigil.db.audit-key.pem</c>). A PostgreSQL store has no such place: its key is named explicitly.
    /// </summary>
    public string? DefaultAuditKeyPath => Kind == StoreKind.Sqlite ? Display + ".audit-key.pem" : null;

    /// <summary>
    /// Where the store lives when neither <c>--db</c> nor <c>VIGIL_DB</c> says: <c>$XDG_DATA_HOME/vigil/vigil.db</c>,
    /// else <c>~/.local/share/vigil/vigil.db</c>.
    /// </summary>
    public static string DefaultLocation
    {
        get
        {
            var dataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
            if (string.IsNullOrEmpty(dataHome))
            {
                dataHome = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
            }
            return Path.Combine(dataHome, "vigil", "vigil.db");
        }
    }

    /// <summary>
    /// Opens the store named by <paramref name="spec"/> (a SQLite file path, a PostgreSQL connection string such as
    /// <c>Host=127.0.0.1;Username=app;Database=vigil</c>, or a <c>postgresql://</c> URI), else <c>VIGIL_DB</c>, else
    /// <see cref="DefaultLocation"/>, and applies any pending migration. With <see cref="StoreAccess.Existing"/> a
    /// missing store is an error rather than a new empty one, so a mistyped path cannot answer "no candidates".
    /// </summary>
    /// <exception cref="StoreUnavailableException">No store there (when it must exist), not a Vigil store, or the database does not answer.</exception>
    public static VigilStore Open(string? spec = null, StoreAccess access = StoreAccess.CreateIfMissing)
    {
        spec = string.IsNullOrWhiteSpace(spec) ? Environment.GetEnvironmentVariable(EnvironmentVariable) : spec;
        if (string.IsNullOrWhiteSpace(spec))
        {
            spec = DefaultLocation;
        }
        var store = IsPostgres(spec) ? OpenPostgres(spec) : OpenSqlite(spec, access);
        try
        {
            if (access == StoreAccess.Existing && !store.HasSchema())
            {
                throw new StoreUnavailableException(store.Kind == StoreKind.Sqlite
                    ? $"{store.Display} is not a Vigil store (it holds no Vigil tables); check --db or ${EnvironmentVariable}"
                    : $"{store.Display} holds no Vigil store (no Vigil tables in its search path); 'vigil import' or 'vigil update' creates one");
            }
            store.Migrate();
        }
        catch (DbException e)
        {
            throw store.Unavailable(e);
        }
        return store;
    }

    /// <summary>A database failure as one line naming the file, or the host and port, and what went wrong.</summary>
    private StoreUnavailableException Unavailable(DbException e)
    {
        if (e is SqliteException sqlite)
        {
            var reason = sqlite.SqliteErrorCode switch
            {
                26 => "is not a SQLite database (is --db the right file?)",
                11 => "is damaged (SQLite reports it malformed)",
                14 => "cannot be opened (no permission, or a folder in the path is missing)",
                8 => "is read-only",
                _ => "cannot be read: " + FirstLine(sqlite.Message),
            };
            return new StoreUnavailableException($"store {Display} {reason}", e);
        }
        var builder = new NpgsqlConnectionStringBuilder(_connectionString);
        var where = $"PostgreSQL at {builder.Host}:{builder.Port}";
        return e is PostgresException postgres
            ? new StoreUnavailableException($"{where} refused the store ({builder.Database}): {postgres.SqlState} {postgres.MessageText}", e)
            : new StoreUnavailableException($"cannot reach {where}: {FirstLine(Innermost(e).Message)}", e);

        static Exception Innermost(Exception e) => e.InnerException is { } inner ? Innermost(inner) : e;

        static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
    }

    internal static bool IsPostgres(string spec) =>
        spec.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || spec.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || spec.Contains("Host=", StringComparison.OrdinalIgnoreCase);

    private static VigilStore OpenSqlite(string path, StoreAccess access)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new StoreUnavailableException($"{full} is a folder, not a store file; give --db a file such as {Path.Combine(full, "vigil.db")}");
        }
        if (access == StoreAccess.Existing && !File.Exists(full))
        {
            throw new StoreUnavailableException(
                $"no store at {full}: only 'vigil import' and 'vigil update' create one; check --db or ${EnvironmentVariable}");
        }
        if (access == StoreAccess.CreateIfMissing && !File.Exists(full))
        {
            // The store holds analysts' decisions: made by Vigil, it is its owner's alone. SQLite gives the -wal and
            // -shm files it makes beside it the same mode, so creating the (empty, valid) database file first suffices.
            try
            {
                OwnerOnlyFiles.CreateFolder(Path.GetDirectoryName(full)!);
                OwnerOnlyFiles.CreateEmpty(full);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new StoreUnavailableException($"store {full} cannot be created: {e.Message}", e);
            }
        }
        var cs = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = access == StoreAccess.Existing ? SqliteOpenMode.ReadWrite : SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 60,
        }.ToString();
        return new VigilStore(StoreKind.Sqlite, cs, full);
    }

    /// <summary>Whether Vigil's schema is there: a file or schema without it is not a store to read from.</summary>
    private bool HasSchema()
    {
        if (Kind == StoreKind.Sqlite)
        {
            // Read-only and without Connect's pragmas, which would write a header into a file that is not a store.
            var readOnly = new SqliteConnectionStringBuilder(_connectionString) { Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
            using var sqlite = new SqliteConnection(readOnly);
            sqlite.Open();
            return sqlite.ExecuteScalar<long>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'") > 0;
        }
        using var connection = Connect();
        return connection.ExecuteScalar<bool>("SELECT to_regclass('schema_version') IS NOT NULL");
    }

    private static VigilStore OpenPostgres(string spec)
    {
        var builder = new NpgsqlConnectionStringBuilder();
        if (spec.Contains("://", StringComparison.Ordinal))
        {
            var uri = new Uri(spec);
            builder.Host = uri.Host;
            builder.Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port;
            builder.Database = uri.AbsolutePath.Trim('/') is { Length: > 0 } db ? Uri.UnescapeDataString(db) : null;
            if (uri.UserInfo.Length > 0)
            {
                var userInfo = uri.UserInfo.Split(':', 2);
                builder.Username = Uri.UnescapeDataString(userInfo[0]);
                if (userInfo.Length > 1)
                {
                    builder.Password = Uri.UnescapeDataString(userInfo[1]);
                }
            }
        }
        else
        {
            builder.ConnectionString = spec;
        }
        var display = $"postgresql://{builder.Host}:{builder.Port}/{builder.Database}";
        return new VigilStore(StoreKind.Postgres, builder.ConnectionString, display);
    }

    /// <summary>An open connection; the caller disposes it.</summary>
    public DbConnection Connect()
    {
        var connection = NewConnection();
        connection.Open();
        if (Kind == StoreKind.Sqlite)
        {
            connection.Execute(SqlitePragmas);
        }
        return connection;
    }

    /// <summary>An open connection, opened without blocking a thread.</summary>
    internal async Task<DbConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var connection = NewConnection();
        await connection.OpenAsync(cancellationToken);
        if (Kind == StoreKind.Sqlite)
        {
            await connection.ExecuteAsync(SqlitePragmas);
        }
        return connection;
    }

    // WAL lets readers (a running server) see the last committed snapshot while an import writes the next.
    private const string SqlitePragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=60000;";

    private DbConnection NewConnection() => Kind == StoreKind.Sqlite ? new SqliteConnection(_connectionString) : new NpgsqlConnection(_connectionString);

    /// <summary>Schema version the store is at.</summary>
    public int SchemaVersion()
    {
        using var connection = Connect();
        return connection.ExecuteScalar<int?>("SELECT MAX(version) FROM schema_version") ?? 0;
    }

    private void Migrate()
    {
        using var connection = Connect();
        connection.Execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
        using var transaction = BeginWrite(connection);
        if (Kind == StoreKind.Postgres)
        {
            // Two processes starting at once must not both apply the same step.
            connection.Execute("SELECT pg_advisory_xact_lock(7411)", transaction: transaction);
        }
        var current = connection.ExecuteScalar<int?>("SELECT MAX(version) FROM schema_version", transaction: transaction) ?? 0;
        if (current > Migrations.Latest)
        {
            throw new InvalidOperationException(
                $"{Display}: store schema version {current} is newer than this Vigil ({Migrations.Latest}); upgrade Vigil");
        }
        for (var version = current + 1; version <= Migrations.Latest; version++)
        {
            connection.Execute(Migrations.Sql(version, Kind), transaction: transaction);
            connection.Execute(
                "INSERT INTO schema_version (version, applied_at) VALUES (@version, @now)",
                new { version, now = Clock.NowText() },
                transaction);
        }
        transaction.Commit();
    }

    /// <summary>Starts a write transaction; on SQLite it takes the write lock at once so two writers queue rather than deadlock.</summary>
    internal static DbTransaction BeginWrite(DbConnection connection)
    {
        if (connection is SqliteConnection sqlite)
        {
            return sqlite.BeginTransaction(deferred: false);
        }
        return connection.BeginTransaction();
    }
}
