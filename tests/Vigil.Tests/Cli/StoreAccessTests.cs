using Vigil.Cli;
using Vigil.Core.Storage;
using Vigil.Tests.Storage;

namespace Vigil.Tests.Cli;

/// <summary>Only commands that write lists create a store; every other command refuses a missing, unreadable or unreachable one in one line.</summary>
public class StoreAccessTests
{
    public static TheoryData<string[]> ReadOnlyCommands() => new(
        ["screen", "Gulmurod Halimov"],
        ["lists"],
        ["entity", "un-sc:QDi.372"],
        ["diff", "un-sc"],
        ["xref"],
        ["xref", "--accept", "un-sc:QDi.372", "us-ofac-sdn:18634"]);

    [Theory]
    [MemberData(nameof(ReadOnlyCommands))]
    public void A_read_only_command_on_a_mistyped_store_path_fails_naming_it_and_creates_nothing(string[] args)
    {
        var folder = Path.Combine(Path.GetTempPath(), "vigil-tests", $"typo-{Guid.NewGuid():N}");
        using var cli = new CliRunner(Path.Combine(folder, "vigl.db"));

        var (exit, output, error) = cli.Run(args);

        Assert.Equal(VigilCommand.BadInput, exit);
        Assert.Contains(cli.Db, error, StringComparison.Ordinal);
        Assert.DoesNotContain("No candidates", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder), "a read-only command created the store's folder");
    }

    [Fact]
    public void Import_creates_the_store_it_is_given()
    {
        using var cli = new CliRunner();

        var (exit, _, error) = cli.Run("import", TestData.Path("un/consolidated.xml"));

        Assert.True(exit == 0, error);
        Assert.True(File.Exists(cli.Db));
    }

    [Fact]
    public void Import_of_a_mistyped_file_leaves_no_new_store_behind()
    {
        using var cli = new CliRunner();

        var (exit, _, error) = cli.Run("import", "/nonexistent/consolidated.xml");

        Assert.Equal(VigilCommand.BadInput, exit);
        Assert.Contains("/nonexistent/consolidated.xml", error, StringComparison.Ordinal);
        Assert.False(File.Exists(cli.Db));
    }

    [Fact]
    public void Opening_a_missing_store_as_existing_throws_naming_the_path_and_leaves_no_file()
    {
        var path = StoreFactory.NewSqliteSpec();

        var e = Assert.Throws<StoreUnavailableException>(() => VigilStore.Open(path, StoreAccess.Existing));

        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void An_unreachable_PostgreSQL_server_is_one_line_naming_host_and_port_with_exit_code_2()
    {
        using var cli = new CliRunner("Host=127.0.0.1;Port=1;Username=app;Database=vigil;Timeout=5");

        var (exit, _, error) = cli.Run("screen", "Gulmurod Halimov");

        Assert.Equal(VigilCommand.BadInput, exit);
        Assert.Contains("127.0.0.1:1", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_refused_by_reads_and_imports_alike()
    {
        using var cli = new CliRunner();
        Directory.CreateDirectory(Path.GetDirectoryName(cli.Db)!);
        File.WriteAllBytes(cli.Db, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 37))]);

        var read = cli.Run("lists");
        var import = cli.Run("import", TestData.Path("un/consolidated.xml"));

        Assert.Equal(VigilCommand.BadInput, read.Exit);
        Assert.Contains("not a SQLite database", read.Error, StringComparison.Ordinal);
        Assert.Equal(VigilCommand.BadInput, import.Exit);
        Assert.Contains(cli.Db, import.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_is_not_taken_for_a_store_and_is_left_as_it_was()
    {
        using var cli = new CliRunner();
        Directory.CreateDirectory(Path.GetDirectoryName(cli.Db)!);
        File.WriteAllBytes(cli.Db, []);

        var (exit, _, error) = cli.Run("screen", "Gulmurod Halimov");

        Assert.Equal(VigilCommand.BadInput, exit);
        Assert.Contains("not a Vigil store", error, StringComparison.Ordinal);
        Assert.Equal(0, new FileInfo(cli.Db).Length);
    }

    [Fact]
    public void A_folder_given_as_the_store_is_refused_naming_it()
    {
        var folder = Path.Combine(Path.GetTempPath(), "vigil-tests", $"folder-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var (exit, _, error) = new CliRunner(folder).Run("import", TestData.Path("un/consolidated.xml"));

            Assert.Equal(VigilCommand.BadInput, exit);
            Assert.Contains($"{folder} is a folder", error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Screening_a_store_with_no_lists_fails_instead_of_answering_no_candidates()
    {
        using var cli = new CliRunner();
        VigilStore.Open(cli.Db, StoreAccess.CreateIfMissing);

        var (exit, output, error) = cli.Run("screen", "Gulmurod Halimov", "--json");

        Assert.Equal(VigilCommand.NoLists, exit);
        Assert.Equal("", output);
        Assert.Contains("no lists", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_batch_on_a_store_with_no_lists_fails_before_writing_a_line()
    {
        using var cli = new CliRunner();
        VigilStore.Open(cli.Db, StoreAccess.CreateIfMissing);
        using var input = new TempText("query_id,name\n1,Gulmurod Halimov\n");

        var (exit, output, _) = cli.Run("screen", "--input", input.Path);

        Assert.Equal(VigilCommand.NoLists, exit);
        Assert.Equal("", output);
    }
}
