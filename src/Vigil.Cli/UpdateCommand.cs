using System.CommandLine;
using Vigil.Core.Sources;
using Vigil.Core.Storage;

namespace Vigil.Cli;

/// <summary><c>vigil update [--catalog FILE] [--source S] [--accept SOURCE] [--json]</c>: fetch the lists from their publishers.</summary>
internal static class UpdateCommand
{
    /// <summary>Exit code when a download was quarantined or failed: the run finished, but a person must look.</summary>
    public const int NeedsAttention = 4;

    public static Command Create(CommandContext context)
    {
        var catalog = new Option<string?>("--catalog") { Description = "A JSON catalog of sources to fetch instead of the built-in official addresses" };
        var sources = new Option<string[]>("--source") { Description = "Only these sources (repeatable)", AllowMultipleArgumentsPerToken = true };
        var accept = new Option<string?>("--accept") { Description = "Import the latest quarantined download of this source", CustomParser = OptionValues.NonBlank };
        var downloads = new Option<string?>("--downloads") { Description = "Folder for downloaded files (default: beside the default store)" };
        var timeout = new Option<int?>("--timeout") { Description = "Seconds before a download is abandoned, 1 to 86400 (default 300)", CustomParser = OptionValues.Count(1, 86400) };
        var json = CommandContext.JsonOption();
        var command = new Command("update", "Fetch the lists from their publishers and import what changed; quarantine suspicious downloads")
        {
            catalog, sources, accept, downloads, timeout, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            // Every setting is checked before the store is opened or created, so a mistake leaves nothing behind.
            var entries = (parse.GetValue(catalog) is { } file ? SourceCatalog.Load(file) : SourceCatalog.BuiltIn).Entries;
            var only = parse.GetValue(sources) ?? [];
            if (only.FirstOrDefault(s => entries.All(e => e.Source != s)) is { } unknown)
            {
                throw new ArgumentException($"--source: '{unknown}' is not in the catalog; its sources are {string.Join(", ", entries.Select(e => e.Source))}");
            }
            var store = context.OpenStore(parse, StoreAccess.CreateIfMissing);
            var options = new UpdateOptions { Timeout = TimeSpan.FromSeconds(parse.GetValue(timeout) ?? 300) };
            if (parse.GetValue(downloads) is { } dir)
            {
                options = options with { DownloadDirectory = Path.GetFullPath(dir) };
            }
            using var http = new HttpClient { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
            http.DefaultRequestHeaders.UserAgent.ParseAdd("Vigil/1.0 (+sanctions screening)");
            var updater = new ListUpdater(store, http, options);

            var outcomes = new List<UpdateOutcome>();
            if (parse.GetValue(accept) is { } source)
            {
                outcomes.Add(updater.Accept(source));
            }
            else
            {
                foreach (var entry in entries.Where(e => only.Length == 0 || only.Contains(e.Source)))
                {
                    if (!parse.GetValue(json))
                    {
                        await context.Error.WriteLineAsync($"fetching {entry.Source} ...");
                    }
                    outcomes.Add(await updater.UpdateAsync(entry, cancellationToken));
                }
            }

            if (parse.GetValue(json))
            {
                Json.Write(context.Out, outcomes.Select(o => new
                {
                    source = o.Source,
                    status = o.Status.ToString().ToLowerInvariant(),
                    message = o.Message,
                    snapshot = o.Import?.Snapshot,
                    published = o.Import?.Published,
                    entities = o.Import?.Entities,
                    added = o.Import?.Added,
                    removed = o.Import?.Removed,
                    changed = o.Import?.Changed,
                    quarantine = o.QuarantineId,
                }));
            }
            else
            {
                foreach (var o in outcomes)
                {
                    var detail = o.Import is { } r && o.Status == UpdateStatus.Imported
                        ? $"snapshot {r.Snapshot}: {r.Entities} entities, {r.Added} added, {r.Removed} removed, {r.Changed} changed"
                        : o.Message;
                    await context.Out.WriteLineAsync($"{o.Source}: {o.Status.ToString().ToLowerInvariant()}" + (detail is null ? "" : $" — {detail}"));
                }
            }
            return outcomes.Any(o => o.Status is UpdateStatus.Quarantined or UpdateStatus.Failed) ? NeedsAttention : 0;
        });
        return command;
    }
}
