using Vigil.Cli;

namespace Vigil.Tests.Cli;

/// <summary>Runs the <c>vigil</c> command in-process against a fresh SQLite store, capturing its output and exit code.</summary>
internal sealed class CliRunner
{
    public string Db { get; } = Tests.Storage.StoreFactory.NewSqliteSpec();

    public (int Exit, string Out, string Error) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = VigilCommand.RunAsync([.. args, "--db", Db], stdout, stderr).GetAwaiter().GetResult();
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
