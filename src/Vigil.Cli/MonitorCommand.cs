using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Vigil.Core.Storage;
using Vigil.Core.Workflow;

namespace Vigil.Cli;

/// <summary><c>vigil monitor status|run</c>: the monitoring of the subjects on every list change.</summary>
internal static class MonitorCommand
{
    public static Command Create(CommandContext context) => new("monitor", "Re-screen the monitored subjects that list changes can affect (vigil serve does this in the background)")
    {
        Status(context),
        Run(context),
    };

    private static Command Status(CommandContext context)
    {
        var json = CommandContext.JsonOption();
        var command = new Command("status", "Subjects monitored, work queued by list imports and link decisions, the latest runs, alerts open") { json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var store = context.OpenStore(parse, StoreAccess.Existing);
            var status = await store.MonitorStatusAsync(cancellationToken);
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(JsonSerializer.Serialize(status, WorkflowJson.Options));
                return 0;
            }
            var o = context.Out;
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{status.MonitoredSubjects:N0} subjects monitored, {status.OpenAlerts:N0} alerts open"));
            o.WriteLine(status.Pending.Count == 0 ? "Nothing queued." : $"{status.Pending.Count} queued (vigil monitor run does them):");
            foreach (var w in status.Pending)
            {
                o.WriteLine("  " + Describe(w));
            }
            if (status.Recent.Count > 0)
            {
                o.WriteLine("Done lately:");
                foreach (var w in status.Recent)
                {
                    o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {Describe(w)}: finished {w.FinishedAt}, run {w.RunId?.ToString(CultureInfo.InvariantCulture) ?? "-"}, {w.Subjects} screened, {w.Alerts} alerts"));
                }
            }
            return 0;
        });
        return command;
    }

    private static Command Run(CommandContext context)
    {
        var full = new Option<bool>("--full") { Description = "Re-screen every monitored subject, whatever is queued" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Say how many subjects would be screened; write nothing" };
        var json = CommandContext.JsonOption();
        var command = new Command("run", "Do the queued monitoring work now: re-screen the subjects each list change can affect, and apply the alert rules") { full, dryRun, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var store = context.OpenStore(parse, StoreAccess.Existing);
            if (context.LoadLists(store) is not { } corpus)
            {
                return VigilCommand.NoLists;
            }
            var report = await new SubjectMonitor(store, corpus, CommandContext.Actor).RunAsync(parse.GetValue(full), parse.GetValue(dryRun), null, cancellationToken);
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(JsonSerializer.Serialize(report, WorkflowJson.Options));
                return 0;
            }
            var kind = JsonNamingPolicy.SnakeCaseLower.ConvertName(report.Kind.ToString());
            context.Out.WriteLine(report.DryRun
                ? string.Create(CultureInfo.InvariantCulture, $"dry run: {report.Screened:N0} of {report.MonitoredSubjects:N0} monitored subjects would be screened ({kind}, {report.Work.Count} queued items)")
                : report.Work.Count == 0 && report.Screened == 0
                    ? "Nothing queued: every list change has been monitored."
                    : string.Create(CultureInfo.InvariantCulture, $"{kind}: {report.Screened:N0} of {report.MonitoredSubjects:N0} monitored subjects screened, {report.Hits:N0} with hits, {report.AlertsRaised:N0} alerts raised ({report.Delistings:N0} delistings) in {report.Elapsed.TotalSeconds:F1} s; runs {string.Join(", ", report.Runs)}"));
            return 0;
        });
        return command;
    }

    private static string Describe(MonitorWork w) => w.Trigger switch
    {
        MonitorTrigger.ListDelta => string.Create(CultureInfo.InvariantCulture, $"#{w.Id} {w.Source} snapshot {w.ToSnapshot} (after {w.FromSnapshot?.ToString(CultureInfo.InvariantCulture) ?? "none"}), queued {w.QueuedAt}"),
        MonitorTrigger.CrossLink => $"#{w.Id} link decision on {string.Join(" ", w.Records)}, queued {w.QueuedAt}",
        _ => $"#{w.Id} full re-screen, queued {w.QueuedAt}",
    };
}
