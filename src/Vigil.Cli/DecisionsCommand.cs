using System.CommandLine;
using System.Text.Json;
using Vigil.Core.Storage;
using Vigil.Core.Workflow;

namespace Vigil.Cli;

/// <summary><c>vigil decisions show|revoke ID</c>: one decision, and taking one back.</summary>
internal static class DecisionsCommand
{
    public static Command Create(CommandContext context) => new("decisions", "Show or revoke a decision on an alert's pair")
    {
        Show(context),
        Revoke(context),
    };

    private static Command Show(CommandContext context)
    {
        var id = new Argument<long>("id") { Description = "The decision's id", CustomParser = r => OptionValues.Id(r) ?? 0 };
        var command = new Command("show", "One decision as JSON: outcome, reason, rationale, state, what it saw") { id };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var store = context.OpenStore(parse, StoreAccess.Existing);
            var decision = await store.GetDecisionAsync(parse.GetValue(id), cancellationToken) ?? throw new KeyNotFoundException($"no decision {parse.GetValue(id)}");
            context.Out.WriteLine(JsonSerializer.Serialize(decision, WorkflowJson.Options));
            return 0;
        });
        return command;
    }

    private static Command Revoke(CommandContext context)
    {
        var id = new Argument<long>("id") { Description = "The decision's id (vigil accept-list)", CustomParser = r => OptionValues.Id(r) ?? 0 };
        var reason = new Option<string>("--reason") { Description = "Why the decision is taken back (required)", Required = true, CustomParser = r => OptionValues.NonBlank(r) ?? "" };
        var command = new Command("revoke", "Revoke a decision in force: its pair alerts again at its next screening") { id, reason };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var store = context.OpenStore(parse, StoreAccess.Existing);
            var target = parse.GetValue(id);
            var decision = await store.RevokeDecisionAsync(target, parse.GetValue(reason)!, CommandContext.Actor, cancellationToken);
            if (decision is null)
            {
                throw new KeyNotFoundException(await store.GetDecisionAsync(target, cancellationToken) is { } d
                    ? $"decision {target} is {JsonNamingPolicy.SnakeCaseLower.ConvertName(d.State.ToString())}, not in force"
                    : $"no decision {target}");
            }
            context.Out.WriteLine($"decision {target} revoked: {decision.Subject} ~ {string.Join(" ", decision.Records)} alerts again at its next screening");
            return 0;
        });
        return command;
    }
}
