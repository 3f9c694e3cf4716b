using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Npgsql;
using Vigil.Core.Storage;
using Vigil.Tests.Parts;

namespace Vigil.Tests.Storage;

/// <summary>
/// Creates empty stores for tests — a fresh SQLite file, or a fresh schema in the PostgreSQL named by
/// VIGIL_TEST_POSTGRES — and removes them again: a store made during a test when its test case ends, a store made by
/// a fixture when the fixture is disposed or, at the latest, when the run ends (<see cref="StoreSweep"/>), so neither
/// the temp folder nor the database grows run after run.
/// </summary>
internal static class StoreFactory
{
    public const string PostgresVariable = SystemParts.PostgresVariable;

    /// <summary>This run's own folder for SQLite stores, removed whole at the end of the run.</summary>
    public static string RunFolder { get; } = Path.Combine(Path.GetTempPath(), "vigil-tests", $"run-{Environment.ProcessId}-{Guid.NewGuid():N}");

    /// <summary>The prefix of this run's PostgreSQL schemas, so that cleanup never touches another run's.</summary>
    public static string SchemaPrefix { get; } = $"vt_{Guid.NewGuid():N}"[..15] + "_";

    // Each store this run still holds, with its owner: a test case's unique id, or "" for one made outside a test
    // (a fixture).
    private static readonly ConcurrentDictionary<string, (string Owner, StoreKind Kind)> Owned = new();

    private static int _schemas;

    public static string NewSqliteSpec()
    {
        Directory.CreateDirectory(RunFolder);
        var path = Path.Combine(RunFolder, $"{Guid.NewGuid():N}.db");
        Own(path, StoreKind.Sqlite);
        return path;
    }

    /// <summary>A path in this run's folder for a file a test writes (a list variant), removed like a store.</summary>
    public static string NewFilePath(string prefix, string extension)
    {
        Directory.CreateDirectory(RunFolder);
        var path = Path.Combine(RunFolder, $"{prefix}-{Guid.NewGuid():N}{extension}");
        // Removing a file is removing a SQLite store without its companions, which do not exist.
        Own(path, StoreKind.Sqlite);
        return path;
    }

    /// <summary>A connection string whose search path is a new empty schema; skips the test when no server is configured outside CI.</summary>
    public static string NewPostgresSpec()
    {
        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrEmpty(server))
        {
            if (SystemParts.IsRequired(SystemPart.PostgreSql))
            {
                Assert.Fail($"{PostgresVariable} is not set but PostgreSQL tests are required here");
            }
            Assert.Skip(SystemParts.Advice(SystemPart.PostgreSql));
        }
        var schema = SchemaPrefix + Interlocked.Increment(ref _schemas);
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            command.ExecuteNonQuery();
        }
        var spec = new NpgsqlConnectionStringBuilder(server) { SearchPath = schema, Pooling = false }.ConnectionString;
        Own(spec, StoreKind.Postgres);
        return spec;
    }

    public static string NewSpec(StoreKind kind) => kind == StoreKind.Sqlite ? NewSqliteSpec() : NewPostgresSpec();

    /// <summary>Hands a store made during a test to a fixture that outlives the test; the fixture removes it.</summary>
    public static void KeepForFixture(string spec)
    {
        if (Owned.TryGetValue(spec, out var store))
        {
            Owned[spec] = ("", store.Kind);
        }
    }

    /// <summary>Removes the stores a test case made (called when it has finished).</summary>
    public static void RemoveStoresOf(string testCaseId) =>
        Remove(Owned.Where(o => o.Value.Owner == testCaseId).Select(o => o.Key).ToList());

    /// <summary>
    /// Removes one store now, whether or not the sweep at the end of the run came first: a fixture whose server, still
    /// running then, may have re-created the file.
    /// </summary>
    public static void Remove(string spec)
    {
        if (spec.Length == 0)
        {
            return;
        }
        Owned.TryAdd(spec, ("", spec.EndsWith(".db", StringComparison.Ordinal) ? StoreKind.Sqlite : StoreKind.Postgres));
        Remove([spec]);
    }

    /// <summary>
    /// Removes every store this run still holds, then its folder; fails when the folder held anything else, which is
    /// a store some code made or re-created behind the factory's back.
    /// </summary>
    public static void RemoveAll()
    {
        Remove(Owned.Keys.ToList());
        if (!Directory.Exists(RunFolder))
        {
            return;
        }
        var files = Directory.GetFiles(RunFolder, "*", SearchOption.AllDirectories);
        Directory.Delete(RunFolder, recursive: true);
        Assert.True(files.Length == 0,
            $"{files.Length} file(s) left in {RunFolder} after every store was removed: {string.Join(", ", files.Select(Path.GetFileName).Take(5))}");
    }

    private static void Own(string spec, StoreKind kind) => Owned[spec] = (TestContext.Current.TestCase?.UniqueID ?? "", kind);

    private static void Remove(List<string> specs)
    {
        var sqlite = false;
        foreach (var spec in specs)
        {
            if (!Owned.TryRemove(spec, out var store))
            {
                continue;
            }
            if (store.Kind == StoreKind.Postgres)
            {
                DropSchema(spec);
                continue;
            }
            sqlite = true;
            foreach (var file in new[] { spec, spec + "-wal", spec + "-shm", spec + "-journal", spec + ".audit-key.pem" }.Where(File.Exists))
            {
                File.Delete(file);
            }
        }
        if (sqlite)
        {
            // Idle pooled connections would keep the deleted files' space until the process ends.
            SqliteConnection.ClearAllPools();
        }
    }

    private static void DropSchema(string spec)
    {
        var builder = new NpgsqlConnectionStringBuilder(spec);
        var schema = builder.SearchPath!;
        builder.SearchPath = null;
        using var connection = new NpgsqlConnection(builder.ConnectionString);
        connection.Open();
        // A connection still holding the schema would make the drop wait without end: bounded, it fails instead.
        using var command = new NpgsqlCommand($"SET lock_timeout = '20s'; DROP SCHEMA IF EXISTS {schema} CASCADE", connection);
        command.ExecuteNonQuery();
    }
}
