using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Vigil.Core.Storage;
using Vigil.Core.Workflow;

namespace Vigil.Cli;

/// <summary><c>vigil subjects import|show|delete</c>: the customers and counterparties Vigil screens and monitors.</summary>
internal static class SubjectsCommand
{
    public static Command Create(CommandContext context) => new("subjects", "Import, show and delete the subjects (customers, counterparties) Vigil screens")
    {
        Import(context),
        Show(context),
        Delete(context),
    };

    private static Command Import(CommandContext context)
    {
        var file = new Argument<string>("file") { Description = "A .csv or .xlsx file with a header: id,name[,aliases,dob,country,schema,identifier] (common synonyms are read too)" };
        var portfolio = new Option<string?>("--portfolio") { Description = "A label for these subjects (a business line, a branch)" };
        var profile = new Option<string?>("--profile") { Description = "Screening profile: default, kyc or payments" };
        var rejects = new Option<string?>("--rejects") { Description = "Write rejected rows here (CSV: line, id, reason, row)" };
        var json = CommandContext.JsonOption();
        var command = new Command("import", "Upsert subjects from a customer file by reference, screening each one created or changed") { file, portfolio, profile, rejects, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var store = context.OpenStore(parse, StoreAccess.Existing);
            var path = parse.GetValue(file)!;
            if (context.LoadLists(store) is not { } corpus)
            {
                return VigilCommand.NoLists;
            }
            return await context.Guarded(async () =>
            {
                SubjectImportSummary summary;
                if (ReferenceEquals(context.Error, Console.Error) && !Console.IsErrorRedirected)
                {
                    var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Error) });
                    summary = await console.Progress().AutoClear(true).StartAsync(async progress =>
                    {
                        var task = progress.AddTask($"Importing {Path.GetFileName(path)}", maxValue: 1);
                        return await SubjectImport.RunAsync(store, corpus, path, CommandContext.Actor, parse.GetValue(portfolio), parse.GetValue(profile), parse.GetValue(rejects),
                            new Progress<double>(f => task.Value = f), cancellationToken);
                    });
                }
                else
                {
                    summary = await SubjectImport.RunAsync(store, corpus, path, CommandContext.Actor, parse.GetValue(portfolio), parse.GetValue(profile), parse.GetValue(rejects), null, cancellationToken);
                }
                if (parse.GetValue(json))
                {
                    context.Out.WriteLine(JsonSerializer.Serialize(new
                    {
                        read = summary.Read,
                        created = summary.Created,
                        changed = summary.Changed,
                        unchanged = summary.Unchanged,
                        rejected = summary.Rejected,
                        screened = summary.Screened,
                        hits = summary.Hits,
                        alerts = summary.Alerts,
                        flagged = summary.Flagged,
                        rejections = summary.Rejections,
                        flags = summary.Flags,
                        ignoredColumns = summary.IgnoredColumns,
                        runs = summary.Runs,
                        seconds = Math.Round(summary.Elapsed.TotalSeconds, 3),
                    }, WorkflowJson.Options));
                }
                else
                {
                    WriteSummary(context.Out, summary, parse.GetValue(rejects));
                }
                return 0;
            });
        });
        return command;
    }

    private static Command Show(CommandContext context)
    {
        var reference = new Argument<string>("ref") { Description = "The subject's reference" };
        var json = CommandContext.JsonOption();
        var command = new Command("show", "A subject's versions and screenings, each with the list snapshots it was screened against") { reference, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var store = context.OpenStore(parse, StoreAccess.Existing);
            var subject = await store.GetSubjectAsync(parse.GetValue(reference)!, cancellationToken)
                ?? throw new KeyNotFoundException($"no subject '{parse.GetValue(reference)}'");
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(JsonSerializer.Serialize(subject, WorkflowJson.Options));
            }
            else
            {
                WriteSubject(context.Out, subject);
            }
            return 0;
        });
        return command;
    }

    private static Command Delete(CommandContext context)
    {
        var reference = new Argument<string>("ref") { Description = "The subject's reference" };
        var command = new Command("delete", "End a subject's monitoring; its versions and screenings are kept") { reference };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var store = context.OpenStore(parse, StoreAccess.Existing);
            var target = parse.GetValue(reference)!;
            if (!await store.DeleteSubjectAsync(target, CommandContext.Actor, cancellationToken))
            {
                throw new KeyNotFoundException(await store.GetSubjectAsync(target, cancellationToken) is null
                    ? $"no subject '{target}'"
                    : $"subject '{target}' is already deleted");
            }
            context.Out.WriteLine($"{target}: deleted; no longer monitored, its history is kept");
            return 0;
        });
        return command;
    }

    private static void WriteSummary(TextWriter o, SubjectImportSummary s, string? rejects)
    {
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{s.Read:N0} rows read: {s.Created:N0} created, {s.Changed:N0} changed, {s.Unchanged:N0} unchanged, {s.Rejected:N0} rejected; {s.Screened:N0} screened, {s.Hits:N0} with hits, {s.Alerts:N0} alerts raised ({s.Elapsed.TotalSeconds:F1} s)"));
        foreach (var r in s.Rejections)
        {
            o.WriteLine($"  line {r.Line}: rejected: {r.Reason}");
        }
        if (s.Rejected > s.Rejections.Count)
        {
            o.WriteLine($"  ... and {s.Rejected - s.Rejections.Count:N0} more rejected rows" + (rejects is null ? " (--rejects FILE lists them all)" : ""));
        }
        if (rejects is not null && s.Rejected > 0)
        {
            o.WriteLine($"  rejected rows written to {rejects}");
        }
        foreach (var f in s.Flags)
        {
            o.WriteLine($"  line {f.Line}: flagged: {f.Reason}");
        }
        if (s.IgnoredColumns.Count > 0)
        {
            o.WriteLine($"  columns not read: {string.Join(", ", s.IgnoredColumns)}");
        }
    }

    private static void WriteSubject(TextWriter o, Subject subject)
    {
        var current = subject.Current;
        o.WriteLine($"{subject.Reference}: {current.Fields.Schema} \"{current.Fields.Names[0]}\", version {current.Version}, "
            + (subject.Deleted ? $"deleted {subject.DeletedAt}" : subject.Monitored ? "monitored" : "not monitored")
            + $", profile {current.Profile}" + (current.Portfolio is null ? "" : $", portfolio {current.Portfolio}"));
        o.WriteLine();
        o.WriteLine("Versions:");
        foreach (var v in subject.Versions)
        {
            var f = v.Fields;
            o.WriteLine($"  v{v.Version} {v.Change.ToString().ToLowerInvariant()} {v.RecordedAt} by {v.RecordedBy}  input {v.InputHash[..12]}");
            o.WriteLine($"     names: {string.Join(" | ", f.Names)}"
                + (f.BirthDates.Count > 0 ? $"; dob {string.Join(", ", f.BirthDates)}" : "")
                + (f.Countries.Count > 0 ? $"; countries {string.Join(", ", f.Countries)}" : "")
                + (f.UnresolvedCountries.Count > 0 ? $"; unresolved countries {string.Join(", ", f.UnresolvedCountries)}" : "")
                + (f.Identifiers.Count > 0 ? $"; ids {string.Join(", ", f.Identifiers)}" : ""));
        }
        o.WriteLine();
        o.WriteLine("Screenings:");
        foreach (var s in subject.Screenings)
        {
            var run = s.Run;
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  #{s.Id} {s.ScreenedAt} v{s.SubjectVersion} {Snake(s.Outcome)}{(s.DecisionId is { } d ? $" (decision {d})" : "")} top {(s.TopScore is { } t ? t.ToString("0.00", CultureInfo.InvariantCulture) : "-")}; run {run.Id} {Snake(run.Kind)} by {run.Actor}, profile {run.Profile} (threshold {run.Threshold}), config {run.ConfigurationHash[..12]}"));
            o.WriteLine("     lists: " + string.Join("; ", run.Snapshots.Select(n => $"{n.Source} snapshot {n.Snapshot} published {n.Published ?? "(no date)"} sha256 {n.ContentHash[..12]}")));
            foreach (var h in s.Hits)
            {
                o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"     hit {h.Score:0.00} {Snake(h.Band)} {string.Join(" ", h.RecordIds)}"));
            }
        }
        if (subject.Alerts.Count > 0)
        {
            o.WriteLine();
            o.WriteLine("Alerts:");
            foreach (var a in subject.Alerts)
            {
                AlertsCommand.WriteLine(o, a);
            }
        }
    }

    private static string Snake<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
