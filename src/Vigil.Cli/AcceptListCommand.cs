using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Vigil.Core.Screening;
using Vigil.Core.Storage;
using Vigil.Core.Workflow;

namespace Vigil.Cli;

/// <summary><c>vigil accept-list</c>: the false-positive decisions in force, which keep their pairs quiet while nothing material changes.</summary>
internal static class AcceptListCommand
{
    public static Command Create(CommandContext context)
    {
        var export = new Option<string?>("--export") { Description = "Write the accept list to this CSV file (cells a spreadsheet would evaluate are neutralised)" };
        var json = CommandContext.JsonOption();
        var command = new Command("accept-list", "The false-positive decisions in force: subject, records, reason, rationale, who decided and when") { export, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var store = context.OpenStore(parse, StoreAccess.Existing);
            var decisions = await store.AcceptListAsync(cancellationToken);
            if (parse.GetValue(export) is { } path)
            {
                await using var file = new StreamWriter(path);
                await file.WriteLineAsync("decision,subject,records,reason,note,decided_by,decided_at,expires_at");
                foreach (var d in decisions)
                {
                    await file.WriteLineAsync(string.Join(",", new[]
                    {
                        d.Id.ToString(CultureInfo.InvariantCulture), d.Subject, string.Join(" ", d.Records), OptionValues.Spelling(d.Reason), d.Note, d.DecidedBy, d.DecidedAt, d.ExpiresAt ?? "",
                    }.Select(CsvCell.Write)));
                }
                context.Out.WriteLine($"{decisions.Count} decisions written to {path}");
                return 0;
            }
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(JsonSerializer.Serialize(decisions, WorkflowJson.Options));
                return 0;
            }
            if (decisions.Count == 0)
            {
                context.Out.WriteLine("The accept list is empty: no false-positive decision is in force.");
                return 0;
            }
            Tables.Write(context, ["decision", "subject", "records", "reason", "note", "decided", "expires"], decisions.Select(d => (IReadOnlyList<string>)
            [
                d.Id.ToString(CultureInfo.InvariantCulture), d.Subject, string.Join(" ", d.Records), OptionValues.Spelling(d.Reason), d.Note, $"{d.DecidedAt} by {d.DecidedBy}", d.ExpiresAt ?? "",
            ]));
            return 0;
        });
        return command;
    }
}
