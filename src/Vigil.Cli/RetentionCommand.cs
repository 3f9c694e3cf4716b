using System.CommandLine;
using System.Text.Json;
using Vigil.Core.Audit;
using Vigil.Core.Storage;

namespace Vigil.Cli;

/// <summary><c>vigil retention run|hold|release</c>: purge audit payloads past their period, keep the leaf hashes; legal holds.</summary>
internal static class RetentionCommand
{
    public static Command Create(CommandContext context) => new("retention", "Purge audit payloads past their retention period (leaf hashes stay, proofs stay valid); legal holds")
    {
        Run(context),
        Hold(context),
        Release(context),
    };

    private static Command Run(CommandContext context)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Count what would be purged; purge nothing" };
        var evidenceYears = new Option<int?>("--evidence-years") { Description = $"Years screening evidence, alerts and decisions are kept (default {RetentionPolicy.DefaultEvidenceYears})", CustomParser = OptionValues.Count(1, 100) };
        var subjectYears = new Option<int?>("--subject-years") { Description = $"Years a subject's data is kept after the relationship ends (default {RetentionPolicy.DefaultSubjectYears})", CustomParser = OptionValues.Count(1, 100) };
        var webhookDays = new Option<int?>("--webhook-log-days") { Description = $"Days delivered or failed webhook messages and their delivery log are kept (default {RetentionPolicy.DefaultWebhookLogDays})", CustomParser = OptionValues.Count(1, 36_500) };
        var json = CommandContext.JsonOption();
        var command = new Command("run", "Purge the payloads whose period has passed, except under legal hold; the purge is itself an audit entry") { dryRun, evidenceYears, subjectYears, webhookDays, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var store = context.OpenStore(parse, StoreAccess.Existing);
            var policy = new RetentionPolicy(
                parse.GetValue(evidenceYears) ?? RetentionPolicy.DefaultEvidenceYears,
                parse.GetValue(subjectYears) ?? RetentionPolicy.DefaultSubjectYears,
                parse.GetValue(webhookDays) ?? RetentionPolicy.DefaultWebhookLogDays);
            var report = await store.RunRetentionAsync(policy, DateTimeOffset.UtcNow, parse.GetValue(dryRun), CommandContext.Actor, cancellationToken);
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(JsonSerializer.Serialize(new
                {
                    dry_run = parse.GetValue(dryRun),
                    evidence = report.Evidence,
                    subject_data = report.SubjectData,
                    held = report.Held,
                    evidence_cutoff = report.EvidenceCutoff,
                    subject_cutoff = report.SubjectCutoff,
                    webhook_messages = report.WebhookMessages,
                    webhook_cutoff = report.WebhookCutoff,
                    purge_entry = report.PurgeEntry,
                }));
            }
            else
            {
                var verb = parse.GetValue(dryRun) ? "would purge" : "purged";
                context.Out.WriteLine($"{verb} {report.Evidence} evidence payload(s) (before {report.EvidenceCutoff}) and {report.SubjectData} subject payload(s) (relationships ended before {report.SubjectCutoff}); {report.Held} kept under legal hold; {report.WebhookMessages} webhook message(s) sent before {report.WebhookCutoff}"
                    + (report.PurgeEntry is { } e ? $"; recorded as audit entry {e}" : ""));
            }
            return 0;
        });
        return command;
    }

    private static Command Hold(CommandContext context)
    {
        var subject = new Argument<string>("subject") { Description = "The subject's reference", CustomParser = r => OptionValues.NonBlank(r) ?? "" };
        var reason = new Option<string>("--reason") { Description = "Why (required)", Required = true, CustomParser = r => OptionValues.NonBlank(r) ?? "" };
        var command = new Command("hold", "Place a legal hold on a subject: retention purges nothing about it") { subject, reason };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var store = context.OpenStore(parse, StoreAccess.Existing);
            await store.HoldAsync(parse.GetValue(subject)!, parse.GetValue(reason)!, CommandContext.Actor, cancellationToken);
            context.Out.WriteLine($"legal hold placed on {parse.GetValue(subject)}");
            return 0;
        });
        return command;
    }

    private static Command Release(CommandContext context)
    {
        var subject = new Argument<string>("subject") { Description = "The subject's reference", CustomParser = r => OptionValues.NonBlank(r) ?? "" };
        var command = new Command("release", "Release a subject's legal hold") { subject };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var store = context.OpenStore(parse, StoreAccess.Existing);
            if (!await store.ReleaseHoldAsync(parse.GetValue(subject)!, CommandContext.Actor, cancellationToken))
            {
                throw new KeyNotFoundException($"no legal hold on {parse.GetValue(subject)}");
            }
            context.Out.WriteLine($"legal hold on {parse.GetValue(subject)} released");
            return 0;
        });
        return command;
    }
}
