using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Vigil.Core.Screening;
using Vigil.Core.Storage;
using Vigil.Matching;
using Vigil.Matching.Screening;

namespace Vigil.Cli;

/// <summary><c>vigil screen "NAME" [--dob D] [--country CC] [--schema S] [--id N] ...</c> or <c>vigil screen --input FILE.csv</c>.</summary>
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
        var json = CommandContext.JsonOption();
        var command = new Command("screen", "Screen a name (or a file of names) against every imported list")
        {
            name, dob, country, schema, id, limit, threshold, profile, input, output, json,
        };
        command.SetAction((parse, cancellationToken) =>
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
            if (context.LoadLists(store) is not { } corpus)
            {
                return Task.FromResult(VigilCommand.NoLists);
            }
            if (query is null)
            {
                return Task.FromResult(RunBatch(context, corpus, file!, parse.GetValue(output), options, cancellationToken));
            }
            var hits = corpus.Screen(query, options);
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(JsonSerializer.Serialize(
                    new { query, threshold = options.Threshold, lists = BatchScreening.Lists(corpus), results = hits.Select(BatchScreening.ToJson) },
                    BatchScreening.JsonOptions));
                return Task.FromResult(0);
            }
            WriteText(context, corpus, query, hits, options);
            return Task.FromResult(0);
        });
        return command;
    }

    private const int MaxLimit = 1000;

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
