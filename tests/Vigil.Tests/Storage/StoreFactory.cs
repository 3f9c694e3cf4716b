using Npgsql;
using Vigil.Core.Storage;

namespace Vigil.Tests.Storage;

/// <summary>Creates empty stores for tests: a fresh SQLite file, or a fresh schema in the PostgreSQL named by VIGIL_TEST_POSTGRES.</summary>
internal static class StoreFactory
{
    public const string PostgresVariable = "VIGIL_TEST_POSTGRES";

    public static string NewSqliteSpec() =>
        Path.Combine(Path.GetTempPath(), "vigil-tests", $"{Guid.NewGuid():N}.db");

    /// <summary>A connection string whose search path is a new empty schema; skips the test when no server is configured outside CI.</summary>
    public static string NewPostgresSpec()
    {
        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrEmpty(server))
        {
            if (Environment.GetEnvironmentVariable("VIGIL_TEST_POSTGRES_REQUIRED") == "1")
            {
                Assert.Fail($"{PostgresVariable} is not set but PostgreSQL tests are required here");
            }
            Assert.Skip($"set {PostgresVariable} to a PostgreSQL connection string to run the PostgreSQL store tests");
        }
        var schema = "t_" + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            command.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(server) { SearchPath = schema, Pooling = false }.ConnectionString;
    }

    public static string NewSpec(StoreKind kind) => kind == StoreKind.Sqlite ? NewSqliteSpec() : NewPostgresSpec();
}
