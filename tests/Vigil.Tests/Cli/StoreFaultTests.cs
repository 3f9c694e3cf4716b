using System.Diagnostics;
using Dapper;
using Microsoft.Data.Sqlite;
using Vigil.Core.Storage;
using Vigil.Tests.Storage;

namespace Vigil.Tests.Cli;

/// <summary>
/// A store that runs out of space mid-import says "disk full" in one line with exit 2 and keeps what it held; a database
/// that does not answer in time is one line too.
/// </summary>
public sealed class StoreFaultTests
{
    [Fact]
    [Vigil.Tests.Parts.Needs(Vigil.Tests.Parts.SystemPart.PostgreSql)]
    public void A_PostgreSQL_query_that_times_out_is_one_line_with_a_non_zero_exit()
    {
        var spec = StoreFactory.NewPostgresSpec();
        var store = VigilStore.Open(spec);
        store.Import(TestData.Path("un/consolidated.xml"), cancellationToken: TestContext.Current.CancellationToken);
        // Another session holds the statements table, so the diff waits past its command timeout.
        using var holder = store.Connect();
        using var hold = holder.BeginTransaction();
        holder.Execute("LOCK TABLE statements, records IN ACCESS EXCLUSIVE MODE", transaction: hold);

        using var cli = new CliRunner(new Npgsql.NpgsqlConnectionStringBuilder(spec) { CommandTimeout = 2 }.ConnectionString);
        var (exit, _, error) = cli.Run("diff", "un-sc");

        Assert.Equal(1, exit);
        Assert.StartsWith("vigil: store error: the database did not answer in time", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void SQLite_running_out_of_pages_is_recognised_as_disk_full()
    {
        // max_page_count makes SQLite answer exactly as on a full disk (SQLITE_FULL), without filling one.
        using var connection = new SqliteConnection($"Data Source={StoreFactory.NewSqliteSpec()}");
        connection.Open();
        connection.Execute("CREATE TABLE t (v TEXT); PRAGMA max_page_count = 3;");
        var e = Assert.ThrowsAny<SqliteException>(() => connection.Execute("INSERT INTO t SELECT printf('%.5000c', 'x') FROM (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50) SELECT i FROM n)"));
        Assert.True(StoreFaults.IsDiskFull(e), e.Message);
    }

    [Fact]
    public void An_import_onto_a_full_disk_says_disk_full_with_exit_2_and_leaves_the_store_as_it_was()
    {
        // A real full disk: a 3 MB tmpfs, which holds the schema and a small list but not the UN list; only root may mount it.
        if (!Environment.IsPrivilegedProcess)
        {
            Assert.Skip("mounting a small tmpfs needs root");
        }
        var folder = Path.Combine(StoreFactory.RunFolder, $"full-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        if (Run("mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", folder) != 0)
        {
            Assert.Skip("this machine refuses to mount a tmpfs");
        }
        try
        {
            using var cli = new CliRunner(Path.Combine(folder, "vigil.db"));
            Assert.Equal(0, cli.Run("import", TestData.Path("samples/eu-fsf-1_1-excerpt-2020-04-15.xml")).Exit);

            var (exit, _, error) = cli.Run("import", TestData.Path("un/consolidated.xml"));

            Assert.Equal(2, exit);
            Assert.StartsWith("vigil: store error: disk full", error, StringComparison.Ordinal);
            Assert.Single(error.Trim().Split('\n'));
            var lists = VigilStore.Open(cli.Db).Lists();
            Assert.Equal("eu-fsf", Assert.Single(lists).Source);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Run("umount", folder);
            Directory.Delete(folder, recursive: true);
        }
    }

    private static int Run(string program, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        process.WaitForExit(TimeSpan.FromSeconds(30));
        return process.ExitCode;
    }
}
