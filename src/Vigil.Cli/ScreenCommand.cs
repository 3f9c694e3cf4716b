using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Vigil.Core.Model;
using Vigil.Core.Screening;
using Vigil.Matching;
using Vigil.Matching.Screening;

namespace Vigil.Cli;

/// <summary><c>vigil screen "NAME" [--dob D] [--country CC] [--schema S] [--id N] ...</c> or <c>vigil screen --input FILE.csv</c>.</summary>
internal static class ScreenCommand
{
    public static Command Create(CommandContext context)
    {
        var name = new Argument<string?>("name") { Description = "The name to screen, in any script", Arity = ArgumentArity.ZeroOrOne };
        var dob = new Option<string?>("--dob") { Description = "Date of birth: 1975-05-14, 14/05/1975, 1975, circa 1975..." };
        var country = new Option<string?>("--country") { Description = "Country (ISO code or name): nationality, residence, registration" };
        var schema = new Option<string?>("--schema") { Description = "Person, Organization, Vessel or Aircraft" };
        var id = new Option<string?>("--id") { Description = "An identifier: passport, national id, IMO number..." };
        var limit = new Option<int?>("--limit") { Description = $"Most results (default {MatchDefaults.ResultLimit})" };
        var threshold = new Option<double?>("--threshold") { Description = $"Score at or above which a result alerts (default {MatchDefaults.Threshold.ToString(CultureInfo.InvariantCulture)})" };
        var profile = new Option<string?>("--profile") { Description = "default, kyc (recall first) or payments (precision first)" };
        var input = new Option<string?>("--input") { Description = "Screen a CSV file (header query_id,name[,dob,country,schema,id]) instead of one name" };
        var output = new Option<string?>("--output") { Description = "With --input: write JSON lines here instead of standard output" };
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
            var corpus = ScreeningCorpus.Load(context.OpenStore(parse));
            if (parse.GetValue(input) is { } file)
            {
                return Task.FromResult(RunBatch(context, corpus, file, parse.GetValue(output), options, cancellationToken));
            }
            var text = parse.GetValue(name) ?? throw new ArgumentException("give a name to screen, or --input FILE.csv");
            var query = new ScreeningQuery(
                text,
                NameMatcher.KindOf(parse.GetValue(schema)),
                parse.GetValue(dob) is { } d ? PartialDate.Parse(d) ?? throw new FormatException($"--dob: '{d}' is not a date") : null,
                BatchScreening.NormalizeCountry(parse.GetValue(country)),
                parse.GetValue(id));
            var hits = corpus.Screen(query, options);
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(JsonSerializer.Serialize(new { query, threshold = options.Threshold, results = hits.Select(BatchScreening.ToJson) }, ExplanationJson.Options));
                return Task.FromResult(0);
            }
            WriteText(context.Out, query, hits, options);
            return Task.FromResult(0);
        });
        return command;
    }

    private static int RunBatch(CommandContext context, ScreeningCorpus corpus, string file, string? output, MatchOptions options, CancellationToken cancellationToken)
    {
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"{file}: no such file", file);
        }
        var progress = new Progress<int>(n => context.Error.Write($"\rscreened {n:N0}"));
        if (output is null)
        {
            BatchScreening.Run(corpus, file, context.Out, options, null, cancellationToken);
            return 0;
        }
        var partial = output + ".part";
        int count;
        using (var writer = new StreamWriter(partial))
        {
            count = BatchScreening.Run(corpus, file, writer, options, Console.IsErrorRedirected ? null : progress, cancellationToken);
        }
        File.Move(partial, output, overwrite: true);
        context.Error.WriteLine($"\rscreened {count:N0} queries into {output}");
        return 0;
    }

    private static void WriteText(TextWriter o, ScreeningQuery query, IReadOnlyList<ScreeningHit> hits, MatchOptions options)
    {
        if (hits.Count == 0)
        {
            o.WriteLine($"No candidates for \"{query.Name}\" scored {options.Cutoff.ToString(CultureInfo.InvariantCulture)} or more.");
            return;
        }
        var table = new Table().AddColumns("score", "alert", "id", "caption", "matched name", "why");
        foreach (var h in hits)
        {
            var why = string.Join("; ", h.Explanation.Name.Pairs.Select(p => $"{p.Query}→{p.Candidate} {p.Method}"))
                + (h.Explanation.Qualifiers.Count == 0 ? "" : "; " + string.Join("; ", h.Explanation.Qualifiers.Select(q => $"{q.Qualifier} {q.Finding} {q.Effect}")))
                + string.Concat(h.Explanation.Ignored.Select(i => $"; {(i.Listed ? "listed" : "query")} {Qualifiers.Name(i.Qualifier)} '{i.Value}' {i.Reason}"));
            table.AddRow(
                h.Score.ToString("0.00", CultureInfo.InvariantCulture),
                h.Match ? "[red]ALERT[/]" : "",
                Markup.Escape(string.Join(" ", h.Entity.Referents)),
                Markup.Escape(h.Entity.Caption),
                Markup.Escape(h.Explanation.MatchedName),
                Markup.Escape(why));
        }
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(o) }).Write(table);
    }
}
