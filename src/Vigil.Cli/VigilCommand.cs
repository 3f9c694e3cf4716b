using System.CommandLine;
using Vigil.Core.Sources;
using Vigil.Core.Storage;

namespace Vigil.Cli;

/// <summary>The <c>vigil</c> command line: builds the command tree and maps failures to exit codes.</summary>
internal static class VigilCommand
{
    /// <summary>Exit code for input Vigil cannot read (a malformed list, an unknown format, a bad argument).</summary>
    public const int BadInput = 2;

    /// <summary>Exit code when what was asked for does not exist (an unknown entity or source).</summary>
    public const int NotFound = 3;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var db = new Option<string?>("--db")
        {
            Description = $"Store: a SQLite file or a PostgreSQL connection string (default: ${VigilStore.EnvironmentVariable}, else {VigilStore.DefaultLocation})",
            Recursive = true,
        };
        var context = new CommandContext(db, stdout, stderr);
        var root = new RootCommand("Vigil: sanctions and watchlist screening")
        {
            Options = { db },
            Subcommands =
            {
                ImportCommand.Create(context),
                ListsCommand.Create(context),
                DiffCommand.Create(context),
                EntityCommand.Create(context),
                UpdateCommand.Create(context),
                ScreenCommand.Create(context),
                ScorePairsCommand.Create(context),
                EvalCommand.Create(context),
                XrefCommand.Create(context),
                FormatsCommand.Create(context),
                ServeCommand.Create(context),
                SubjectsCommand.Create(context),
            },
        };
        var parse = root.Parse(args);
        var config = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        try
        {
            return await parse.InvokeAsync(config);
        }
        catch (ListFormatException e)
        {
            await stderr.WriteLineAsync("vigil: error: " + e.Message);
            return BadInput;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or ArgumentException or FormatException)
        {
            await stderr.WriteLineAsync("vigil: error: " + e.Message);
            return BadInput;
        }
        catch (KeyNotFoundException e)
        {
            await stderr.WriteLineAsync("vigil: " + e.Message);
            return NotFound;
        }
    }
}

/// <summary>What every command needs: the store option and the output streams.</summary>
internal sealed record CommandContext(Option<string?> Db, TextWriter Out, TextWriter Error)
{
    public VigilStore OpenStore(ParseResult parse) => VigilStore.Open(parse.GetValue(Db));

    public static Option<bool> JsonOption() => new("--json") { Description = "Write JSON for scripts instead of text" };
}
