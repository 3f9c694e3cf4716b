using System.CommandLine;
using Spectre.Console;
using Vigil.Core.Merge;
using Vigil.Core.Sources;
using Vigil.Core.Storage;

namespace Vigil.Cli;

/// <summary>
/// <c>vigil import FILE-OR-FOLDER [--format F] [--accept-shrink] [--json]</c>: a list file (or an OFAC CSV set folder)
/// becomes a snapshot, unless it would drop more than a fifth of its list.
/// </summary>
internal static class ImportCommand
{
    public static Command Create(CommandContext context)
    {
        var path = new Argument<string>("path") { Description = "A list file, a folder holding a multi-file list (OFAC CSV set), or a folder of list files" };
        var format = new Option<string?>("--format")
        {
            Description = "The file's format, when detection from content should be overridden: " + string.Join(", ", ListFormats.All.Select(p => p.Format)),
            CustomParser = OptionValues.OneOf([.. ListFormats.All.Select(p => p.Format)]),
        };
        var acceptShrink = new Option<bool>("--accept-shrink")
        {
            Description = $"Import even when a file drops more than {1 - ShrinkGuard.MinimumKeptShare:P0} of its list's entities (refused otherwise, exit code {UpdateCommand.NeedsAttention})",
        };
        var json = CommandContext.JsonOption();
        var command = new Command("import", "Import list files as new dated snapshots, and show what changed") { path, format, acceptShrink, json };
        command.SetAction(parse =>
        {
            var target = parse.GetValue(path)!;
            // The inputs are found before the store is opened, so a mistyped path does not leave a new empty store.
            var inputs = Inputs(target, parse.GetValue(format));
            var store = context.OpenStore(parse, StoreAccess.CreateIfMissing);
            var results = new List<ImportResult>();
            var failed = 0;
            var refused = 0;
            Func<ImportCheck, string?>? guard = parse.GetValue(acceptShrink)
                ? null
                : check => ShrinkGuard.Check(check, ShrinkGuard.MinimumKeptShare, "give --accept-shrink to import it anyway");
            foreach (var input in inputs)
            {
                try
                {
                    var result = ImportOne(context, store, input, parse.GetValue(format), guard, parse.GetValue(json));
                    results.Add(result);
                    LinkAcrossLists(context, store, result, parse.GetValue(json));
                }
                catch (ListFormatException e) when (inputs.Count > 1)
                {
                    // In a folder of lists, one bad file must not stop the others; each import is atomic on its own.
                    context.Error.WriteLine("vigil: error: " + e.Message);
                    failed++;
                }
                catch (ImportRefusedException e)
                {
                    context.Error.WriteLine($"vigil: {Path.GetFileName(input)}: {e.Message}");
                    refused++;
                }
            }
            if (parse.GetValue(json))
            {
                if (inputs.Count == 1 && results.Count == 1)
                {
                    Json.Write(context.Out, ToJson(results[0]));
                }
                else
                {
                    Json.Write(context.Out, results.Select(ToJson));
                }
            }
            else
            {
                foreach (var r in results)
                {
                    context.Out.WriteLine(r.Unchanged
                        ? $"{r.Source}: unchanged, identical to snapshot {r.Snapshot} ({r.Entities} entities)"
                        : $"{r.Source}: snapshot {r.Snapshot} published {r.Published ?? "(no date in file)"}: {r.Entities} entities, {r.Added} added, {r.Removed} removed, {r.Changed} changed");
                }
            }
            return failed > 0 ? VigilCommand.BadInput : refused > 0 ? UpdateCommand.NeedsAttention : 0;
        });
        return command;
    }

    /// <summary>A folder is one input when a parser reads it as a file set, otherwise each file in it is one input.</summary>
    private static List<string> Inputs(string target, string? format)
    {
        if (!Directory.Exists(target))
        {
            return File.Exists(target) ? [target] : throw new FileNotFoundException($"{target}: no such file or folder", target);
        }
        var folder = ListInput.Open(target);
        if (format is not null || ListFormats.All.Any(p => p.CanRead(folder)))
        {
            return [target];
        }
        var files = Directory.GetFiles(target).Order(StringComparer.Ordinal).ToList();
        return files.Count == 0 ? throw new ArgumentException($"{target}: folder holds no files") : files;
    }

    /// <summary>Links what the import changed to the other lists, so the next screening shows one entity per person.</summary>
    private static void LinkAcrossLists(CommandContext context, VigilStore store, ImportResult result, bool json)
    {
        var links = CrossListLinker.LinkImported(store, result);
        if (!json && links.Linked.Count > 0)
        {
            context.Error.WriteLine($"{result.Source}: {links.Linked.Count} new links to the same entity on another list");
        }
    }

    private static ImportResult ImportOne(CommandContext context, VigilStore store, string path, string? format, Func<ImportCheck, string?>? guard, bool json)
    {
        if (json || Console.IsErrorRedirected)
        {
            return store.Import(path, format, guard: guard);
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Error) });
        ImportResult? result = null;
        console.Status().Start($"Importing {Path.GetFileName(path)}", status =>
        {
            var progress = new Progress<ImportProgress>(p => status.Status($"Importing {Path.GetFileName(path)}: {p.Source}, {p.Records:N0} records"));
            result = store.Import(path, format, progress, guard);
        });
        return result!;
    }

    private static object ToJson(ImportResult r) => new
    {
        source = r.Source,
        snapshot = r.Snapshot,
        published = r.Published,
        entities = r.Entities,
        added = r.Added,
        removed = r.Removed,
        changed = r.Changed,
        format = r.Format,
        unchanged = r.Unchanged,
    };
}
