namespace Vigil.Tests.Cli;

/// <summary>A SQLite store holding the UN list, imported once and shared by the read-only tests of a class.</summary>
public sealed class ImportedStore : IDisposable
{
    private readonly CliRunner _cli = new();

    public ImportedStore()
    {
        var (exit, _, error) = _cli.Run("import", TestData.Path("un/consolidated.xml"));
        Assert.True(exit == 0, error);
    }

    public string Db => _cli.Db;

    internal (int Exit, string Out, string Error) Run(params string[] args) => _cli.Run(args);

    public void Dispose() => _cli.Dispose();
}
