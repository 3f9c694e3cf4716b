using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Vigil.Core.Storage;
using Vigil.Core.Workflow;

namespace Vigil.Cli;

/// <summary><c>vigil alerts [show ID]</c>: the alerts screening raised, and one alert's whole story.</summary>
internal static class AlertsCommand
{
    public static Command Create(CommandContext context)
    {
        var status = new Option<string>("--status") { Description = "open (every alert not closed), closed or all", DefaultValueFactory = _ => "open", CustomParser = OptionValues.OneOf(["open", "closed", "all"])! };
        var kind = new Option<AlertKind?>("--kind") { Description = "Only alerts of this kind: " + string.Join(", ", Enum.GetValues<AlertKind>().Select(OptionValues.Spelling)), CustomParser = OptionValues.Member<AlertKind> };
        var subject = new Option<string?>("--subject") { Description = "Only the alerts of this subject (its reference)" };
        var limit = new Option<int?>("--limit") { Description = $"Alerts per page, newest first (default 50, at most {AlertQuery.MaxLimit})", CustomParser = OptionValues.Count(1, AlertQuery.MaxLimit) };
        var before = new Option<long?>("--before") { Description = "The next page: alerts older than this alert id", CustomParser = OptionValues.Id };
        var json = CommandContext.JsonOption();
        var command = new Command("alerts", "List alerts (newest first); 'vigil alerts show ID' tells one alert's story") { status, kind, subject, limit, before, json, Show(context) };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var store = context.OpenStore(parse, StoreAccess.Existing);
            var which = parse.GetValue(status);
            var query = new AlertQuery(
                which == "closed" ? AlertStatus.Closed : null,
                OpenOnly: which == "open",
                Kind: parse.GetValue(kind),
                Subject: parse.GetValue(subject),
                Limit: parse.GetValue(limit) ?? 50,
                Before: parse.GetValue(before));
            var alerts = await store.ListAlertsAsync(query, cancellationToken);
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(JsonSerializer.Serialize(alerts.Select(AlertSummary.From), WorkflowJson.Options));
                return 0;
            }
            if (alerts.Count == 0)
            {
                context.Out.WriteLine($"No {(which == "all" ? "" : which + " ")}alerts.");
                return 0;
            }
            Tables.Write(context, ["id", "kind", "status", "subject", "score", "records", "reasons", "created"], alerts.Select(a => (IReadOnlyList<string>)
            [
                a.Id.ToString(CultureInfo.InvariantCulture),
                Snake(a.Kind),
                Snake(a.Status),
                a.Subject,
                a.Score.ToString("0.00", CultureInfo.InvariantCulture),
                string.Join(" ", a.Records),
                string.Join(", ", a.Reasons.Select(Snake)),
                a.CreatedAt,
            ]));
            if (alerts.Count == query.Limit)
            {
                context.Out.WriteLine($"More alerts: vigil alerts --before {alerts[^1].Id}");
            }
            return 0;
        });
        return command;
    }

    private static Command Show(CommandContext context)
    {
        var id = new Argument<long>("id") { Description = "The alert's id", CustomParser = r => OptionValues.Id(r) ?? 0 };
        var json = CommandContext.JsonOption();
        var command = new Command("show", "One alert: why it was raised, what changed since the decision it questions, and its history") { id, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var store = context.OpenStore(parse, StoreAccess.Existing);
            var alert = await store.GetAlertAsync(parse.GetValue(id), cancellationToken) ?? throw new KeyNotFoundException($"no alert {parse.GetValue(id)}");
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(JsonSerializer.Serialize(alert, WorkflowJson.Options));
                return 0;
            }
            var o = context.Out;
            WriteLine(o, alert);
            o.WriteLine($"  {alert.Caption} ({alert.EntityId}), band {Snake(alert.Band)}" + (alert.AssignedTo is null ? "" : $", assigned to {alert.AssignedTo}"));
            if (alert.DecisionId is { } decision)
            {
                o.WriteLine($"  questions decision {decision}" + (alert.Kind == AlertKind.Delisting ? " (a confirmed match)" : ""));
            }
            foreach (var c in alert.Changes.Entity)
            {
                o.WriteLine($"  {c.Record} {c.Property}: " + string.Join("; ", c.Added.Select(v => "+ " + v).Concat(c.Removed.Select(v => "- " + v))));
            }
            foreach (var c in alert.Changes.Subject)
            {
                o.WriteLine($"  subject {c.Field}: " + string.Join("; ", c.Added.Select(v => "+ " + v).Concat(c.Removed.Select(v => "- " + v))));
            }
            o.WriteLine();
            o.WriteLine("History:");
            foreach (var e in alert.Events)
            {
                o.WriteLine($"  {e.At} {Snake(e.Kind)} by {e.Actor}" + (e.Detail is null ? "" : ": " + e.Detail));
            }
            if (alert.Status != AlertStatus.Closed)
            {
                o.WriteLine();
                o.WriteLine($"Decide: vigil decide {alert.Id} --outcome false-positive|true-match|inconclusive --reason REASON --note TEXT");
            }
            return 0;
        });
        return command;
    }

    /// <summary>One alert on one line: id, kind, status, subject, score, records and reasons.</summary>
    public static void WriteLine(TextWriter o, Alert a)
    {
        var reasons = a.Reasons.Count > 0 ? $" ({string.Join(", ", a.Reasons.Select(Snake))})" : "";
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  alert {a.Id} {Snake(a.Kind)} {Snake(a.Status)}: {a.Subject} ~ {string.Join(" ", a.Records)} score {a.Score:0.00}{reasons}, raised {a.CreatedAt}"));
    }

    private static string Snake<T>(T value) where T : struct, Enum => WorkflowNames.Name(value);
}
