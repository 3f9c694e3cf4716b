using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Vigil.Core.Screening;
using Vigil.Core.Storage;
using Vigil.Core.Workflow;
using Vigil.Matching;
using Vigil.Matching.Screening;

namespace Vigil.Cli;

/// <summary><c>vigil screen "NAME" [--dob D] [--country CC] [--schema S] [--id N] [--as-of DATE] [--record] ...</c> or <c>vigil screen --input FILE.csv</c>.</summary>
internal static class ScreenCommand
{
    private static readonly string[] Profiles = ["default", "kyc", "payments"];

    public static Command Create(CommandContext context)
    {
        var name = new Argument<string?>("name") { Description = "The name to screen, in any script", Arity = ArgumentArity.ZeroOrOne };
        var dob = new Option<string?>("--dob") { Description = "Date of birth: 1975-05-14, 14/05/1975, 1975, circa 1975..." };
        var country = new Option<string?>("--country") { Description = "Country (ISO code or name): nationality, residence, registration" };
        var schema = new Option<string?>("--schema") { Description = "Person, Organization, Vessel or Aircraft", CustomParser = OptionValues.OneOf(BatchScreening.Schemas) };
        var id = new Option<string?>("--id") { Description = "An identifier: passport, national id, IMO number...", CustomParser = OptionValues.NonBlank };
        var limit = new Option<int?>("--limit") { Description = $"Most results, 1 to {MaxLimit} (default {MatchDefaults.ResultLimit})", CustomParser = OptionValues.Count(1, MaxLimit) };
        var threshold = new Option<double?>("--threshold") { Description = $"Score from 0 to 1 at or above which a result alerts (default {MatchDefaults.Threshold.ToString(CultureInfo.InvariantCulture)})", CustomParser = OptionValues.Score };
        var profile = new Option<string?>("--profile") { Description = "default, kyc (recall first) or payments (precision first)", CustomParser = OptionValues.OneOf(Profiles) };
        var input = new Option<string?>("--input") { Description = "Screen a CSV file (header query_id,name[,dob,country,schema,id]) instead of one name", CustomParser = OptionValues.NonBlank };
        var output = new Option<string?>("--output") { Description = "With --input: write JSON lines here instead of standard output", CustomParser = OptionValues.NonBlank };
        var asOf = new Option<DateTimeOffset?>("--as-of")
        {
            Description = "Screen against the lists as they stood then: each list's latest snapshot imported by that date (end of day, UTC) or time, and the cross-list links in force then",
            CustomParser = AsOf,
        };
        var record = new Option<bool>("--record") { Description = "Record the screening (its query hash, the snapshot set, the hits) and print its id, as the API's record=true does" };
        var json = CommandContext.JsonOption();
        var command = new Command("screen", "Screen a name (or a file of names) against every imported list")
        {
            name, dob, country, schema, id, limit, threshold, profile, input, output, asOf, record, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = MatchOptions.Profile(parse.GetValue(profile));
            if (parse.GetValue(threshold) is { } t)
            {
                options = options with { Threshold = t, Cutoff = Math.Min(options.Cutoff, t) };
            }
            if (parse.GetValue(limit) is { } l)
            {
                options = options with { Limit = l };
            }
            var file = parse.GetValue(input);
            var text = parse.GetValue(name);
            if (file is not null && text is not null)
            {
                throw new ArgumentException("give either a name or --input FILE.csv, not both");
            }
            if (file is null && parse.GetValue(output) is not null)
            {
                throw new ArgumentException("--output goes with --input: a single name's results are written to standard output");
            }
            if (file is not null && parse.GetValue(record))
            {
                throw new ArgumentException("--record goes with a single name: a file's rows are not recorded one by one here");
            }
            ScreeningQuery? query = null;
            if (file is null)
            {
                var errors = new List<string>();
                query = BatchScreening.Query(text, parse.GetValue(schema), parse.GetValue(dob), parse.GetValue(country), parse.GetValue(id), errors);
                if (query is null)
                {
                    throw new ArgumentException(text is null ? "give a name to screen, or --input FILE.csv" : string.Join("; ", errors));
                }
            }
            else if (!File.Exists(file))
            {
                throw new FileNotFoundException($"{file}: no such file", file);
            }
            var store = context.OpenStore(parse, StoreAccess.Existing);
            ScreeningCorpus corpus;
            if (parse.GetValue(asOf) is { } at)
            {
                corpus = await ScreeningCorpus.LoadAsOfAsync(store, at, cancellationToken);
                if (!corpus.HasLists)
                {
                    throw new ArgumentException($"--as-of {Time(at)}: no list had been imported into {store.Display} by then, so there is nothing to screen against"
                        + (corpus.AsOf!.NotYetImported.Count > 0 ? $" ({string.Join(", ", corpus.AsOf.NotYetImported)} came later)" : ""));
                }
            }
            else if (context.LoadLists(store) is { } latest)
            {
                corpus = latest;
            }
            else
            {
                return VigilCommand.NoLists;
            }
            if (query is null)
            {
                return RunBatch(context, corpus, file!, parse.GetValue(output), options, cancellationToken);
            }
            var hits = corpus.Screen(query, options);
            long? screeningId = null;
            if (parse.GetValue(record))
            {
                // Recorded before anything is printed: a failed write ends the command without results that look recorded.
                var hash = AdHocScreening.QueryHash(parse.GetValue(schema), [query.Name], query.BirthDate is { } date ? [date] : [], query.Country, query.Identifier is { } identifier ? [identifier] : []);
                var recorded = new AdHocScreening(hash, SubjectScreener.Summarise(hits));
                var configuration = ScreeningConfiguration.Of(parse.GetValue(profile) ?? "default", options);
                screeningId = (await store.RecordAdHocAsync(ScreeningKind.Cli, "cli:" + Environment.UserName, configuration, corpus.Snapshots, [recorded], cancellationToken))[0];
            }
            if (parse.GetValue(json))
            {
                // asOf and screening only when asked for: a plain screening's JSON stays as it was.
                var body = new Dictionary<string, object?> { ["query"] = query, ["threshold"] = options.Threshold };
                if (corpus.AsOf is { } a)
                {
                    body["asOf"] = new { at = Time(a.At), notYetImported = a.NotYetImported, links = LinksAsOf };
                }
                body["lists"] = BatchScreening.Lists(corpus);
                if (screeningId is { } sid)
                {
                    body["screening"] = sid;
                }
                body["results"] = hits.Select(BatchScreening.ToJson);
                context.Out.WriteLine(JsonSerializer.Serialize(body, BatchScreening.JsonOptions));
                return 0;
            }
            WriteText(context, corpus, query, hits, options);
            if (screeningId is { } recordedId)
            {
                context.Out.WriteLine($"Recorded as screening {recordedId} (GET /screenings/{recordedId} reads it back).");
            }
            return 0;
        });
        return command;
    }

    private const int MaxLimit = 1000;

    /// <summary>How an as-of screening chooses the cross-list links, said with its results.</summary>
    private const string LinksAsOf = "cross-list links in force then: added at or before that time and not retracted by it (a link retracted and added again is dated by its latest addition)";

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset? AsOf(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
        if (CorpusAsOf.ParseTime(text) is { } time)
        {
            return time;
        }
        result.AddError($"--as-of: '{text}' is not a date or time (use 2024-05-28 for the end of that day, UTC, or 2024-05-28T07:47:03Z)");
        return null;
    }

    private static int RunBatch(CommandContext context, ScreeningCorpus corpus, string file, string? output, MatchOptions options, CancellationToken cancellationToken)
    {
        BatchSummary summary;
        if (output is null)
        {
            summary = BatchScreening.Run(corpus, file, context.Out, options, null, cancellationToken);
        }
        else
        {
            var progress = new Progress<int>(n => context.Error.Write($"\rscreened {n:N0}"));
            var partial = output + ".part";
            using (var writer = new StreamWriter(partial))
            {
                summary = BatchScreening.Run(corpus, file, writer, options, Console.IsErrorRedirected ? null : progress, cancellationToken);
            }
            File.Move(partial, output, overwrite: true);
            context.Error.WriteLine($"\rscreened {summary.Screened:N0} queries into {output}");
        }
        foreach (var row in summary.Rejected)
        {
            context.Error.WriteLine($"vigil: {file} line {row.Line}" + (row.QueryId is null ? "" : $" (query_id {row.QueryId})") + $": not screened: {row.Reason}");
        }
        if (summary.Rejected.Count == 0)
        {
            return 0;
        }
        context.Error.WriteLine($"vigil: {summary.Rejected.Count:N0} of {summary.Screened + summary.Rejected.Count:N0} rows not screened (their lines in the output carry \"error\"); exit code {VigilCommand.BadInput}");
        return VigilCommand.BadInput;
    }

    private static void WriteText(CommandContext context, ScreeningCorpus corpus, ScreeningQuery query, IReadOnlyList<ScreeningHit> hits, MatchOptions options)
    {
        var o = context.Out;
        if (corpus.AsOf is { } asOf)
        {
            o.WriteLine($"As of {Time(asOf.At)}: each list's latest snapshot imported by then; {LinksAsOf}.");
            if (asOf.NotYetImported.Count > 0)
            {
                o.WriteLine($"Not yet imported then: {string.Join(", ", asOf.NotYetImported)}.");
            }
        }
        o.WriteLine($"Screened against {corpus.Snapshots.Count} {(corpus.Snapshots.Count == 1 ? "list" : "lists")}:");
        foreach (var s in corpus.Snapshots)
        {
            o.WriteLine($"  {s.Source}  snapshot {s.Snapshot}  published {s.Published ?? "(no date in file)"}  imported {s.ImportedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}");
        }
        if (hits.Count == 0)
        {
            o.WriteLine($"No candidates for \"{query.Name}\" scored {options.Cutoff.ToString(CultureInfo.InvariantCulture)} or more.");
            return;
        }
        var rows = hits.Select(h => new[]
        {
            h.Score.ToString("0.00", CultureInfo.InvariantCulture),
            h.Match ? "ALERT" : "",
            string.Join(" ", h.Entity.Referents),
            h.Entity.Caption,
            h.Explanation.MatchedName,
            string.Join("; ", h.Explanation.Name.Pairs.Select(p => $"{p.Query}→{p.Candidate} {p.Method}"))
                + (h.Explanation.Qualifiers.Count == 0 ? "" : "; " + string.Join("; ", h.Explanation.Qualifiers.Select(q => $"{q.Qualifier} {q.Finding} {q.Effect}")))
                + string.Concat(h.Explanation.Ignored.Select(i => $"; {(i.Listed ? "listed" : "query")} {Qualifiers.Name(i.Qualifier)} '{i.Value}' {i.Reason}")),
        });
        Tables.Write(context, ["score", "alert", "id", "caption", "matched name", "why"], rows);
    }
}
