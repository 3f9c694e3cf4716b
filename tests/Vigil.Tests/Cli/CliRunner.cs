using Vigil.Cli;

namespace Vigil.Tests.Cli;

/// <summary>Runs the <c>vigil</c> command in-process against a store (a fresh SQLite path unless given), capturing its output and exit code.</summary>
internal sealed class CliRunner(string? db = null) : IDisposable
{
    public string Db { get; } = db ?? Tests.Storage.StoreFactory.NewSqliteSpec();

    public (int Exit, string Out, string Error) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = VigilCommand.RunAsync([.. args, "--db", Db], stdout, stderr).GetAwaiter().GetResult();
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Deletes the SQLite store file and its journal files, when the store is a file this runner made.</summary>
    public void Dispose()
    {
        foreach (var file in new[] { Db, Db + "-wal", Db + "-shm" })
        {
            if (File.Exists(file))
            {
                File.Delete(file);
            }
        }
    }
}
