using System.CommandLine;
using Vigil.Core.Screening;
using Vigil.Core.Sources;
using Vigil.Core.Storage;

namespace Vigil.Cli;

/// <summary>The <c>vigil</c> command line: builds the command tree and maps failures to exit codes.</summary>
internal static class VigilCommand
{
    /// <summary>Exit code when something went wrong that is not the input's fault (a bug, a disk failing mid-run).</summary>
    public const int Failed = 1;

    /// <summary>Exit code for input Vigil cannot read (a malformed list, an unknown format, a bad argument, no store there).</summary>
    public const int BadInput = 2;

    /// <summary>Exit code when what was asked for does not exist (an unknown entity or source).</summary>
    public const int NotFound = 3;

    /// <summary>Exit code when the store cannot give a trustworthy answer: it holds no list to screen against.</summary>
    public const int NoLists = 5;

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
                AlertsCommand.Create(context),
                DecideCommand.Create(context),
                AcceptListCommand.Create(context),
                DecisionsCommand.Create(context),
                MonitorCommand.Create(context),
                BatchCommand.Create(context),
                KeysCommand.Create(context),
                UsersCommand.Create(context),
                AuditCommand.Create(context),
                RetentionCommand.Create(context),
                WebhooksCommand.Create(context),
            },
        };
        try
        {
            var parse = root.Parse(args);
            if (parse.Errors.Count > 0)
            {
                await stderr.WriteLineAsync(ParseError(root, parse));
                return BadInput;
            }
            var config = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
            return await parse.InvokeAsync(config);
        }
        catch (ListFormatException e)
        {
            await stderr.WriteLineAsync("vigil: error: " + e.Message);
            return BadInput;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or ArgumentException or FormatException or StoreUnavailableException or InvalidDataException)
        {
            await stderr.WriteLineAsync("vigil: error: " + OneLine(e.Message));
            return BadInput;
        }
        catch (KeyNotFoundException e)
        {
            await stderr.WriteLineAsync("vigil: " + OneLine(e.Message));
            return NotFound;
        }
        catch (OperationCanceledException)
        {
            await stderr.WriteLineAsync("vigil: cancelled");
            return 130;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync("vigil: error: " + OneLine(e.Message));
            return Failed;
        }
        catch (System.Data.Common.DbException e) when (StoreFaults.IsDiskFull(e))
        {
            // Each write is one transaction, so the store is as it was before the command.
            await stderr.WriteLineAsync("vigil: store error: disk full; nothing was written, free some space and run the command again (" + OneLine(e.Message) + ")");
            return BadInput;
        }
        catch (System.Data.Common.DbException e) when (StoreFaults.IsTimeout(e))
        {
            await stderr.WriteLineAsync("vigil: store error: the database did not answer in time; nothing was written (" + OneLine(e.Message) + ")");
            return Failed;
        }
        catch (System.Data.Common.DbException e)
        {
            await stderr.WriteLineAsync("vigil: store error: " + OneLine(e.Message));
            return Failed;
        }
#pragma warning disable CA1031 // The last resort: no command ends in a stack trace; the one line names what failed.
        catch (Exception e)
#pragma warning restore CA1031
        {
            await stderr.WriteLineAsync($"vigil: internal error ({e.GetType().Name}): {OneLine(e.Message)}");
            return Failed;
        }
    }

    /// <summary>The first parse error in the user's terms: an unknown command names the commands there are.</summary>
    private static string ParseError(RootCommand root, ParseResult parse)
    {
        if (parse.CommandResult.Command == root)
        {
            var commands = string.Join(", ", root.Subcommands.Select(c => c.Name));
            return parse.UnmatchedTokens.Count > 0
                ? $"vigil: '{parse.UnmatchedTokens[0]}' is not a vigil command; the commands are {commands} (vigil --help)"
                : $"vigil: give a command: {commands} (vigil --help)";
        }
        return $"vigil {parse.CommandResult.Command.Name}: error: {OneLine(parse.Errors[0].Message)} (vigil {parse.CommandResult.Command.Name} --help)";
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}

/// <summary>What every command needs: the store option and the output streams.</summary>
internal sealed record CommandContext(Option<string?> Db, TextWriter Out, TextWriter Error)
{
    /// <summary>
    /// The store named by <c>--db</c>: only commands that write lists pass <see cref="StoreAccess.CreateIfMissing"/>;
    /// every other command refuses a missing store instead of answering from a new empty one.
    /// </summary>
    public VigilStore OpenStore(ParseResult parse, StoreAccess access) => VigilStore.Open(parse.GetValue(Db), access);

    /// <summary>
    /// The latest lists built into an index, or null after saying so when the store holds none: a screening against
    /// nothing would answer "no candidates" whatever the name.
    /// </summary>
    public ScreeningCorpus? LoadLists(VigilStore store)
    {
        var corpus = ScreeningCorpus.Load(store);
        if (corpus.HasLists)
        {
            return corpus;
        }
        Error.WriteLine($"vigil: error: no lists in {store.Display}: screening would find nothing whatever the name; load one with 'vigil import FILE' or 'vigil update'");
        return null;
    }

    /// <summary>
    /// Whether standard output is a terminal a person reads: only then are tables drawn to the terminal's width;
    /// otherwise rows are written whole, tab-separated, for scripts and files.
    /// </summary>
    public bool Terminal => ReferenceEquals(Out, Console.Out) && !Console.IsOutputRedirected;

    /// <summary>
    /// Runs a command's work so that a store failing mid-command, or a corpus without lists, is one line and exit code 1,
    /// never a stack trace.
    /// </summary>
    public async Task<int> Guarded(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException or IOException and not FileNotFoundException and not DirectoryNotFoundException)
        {
            await Error.WriteLineAsync("vigil: error: " + e.Message);
            return VigilCommand.Failed;
        }
    }

    /// <summary>Who the CLI records as the actor of what it writes.</summary>
    public static string Actor => "cli:" + Environment.UserName;

    public static Option<bool> JsonOption() => new("--json") { Description = "Write JSON for scripts instead of text" };
}
