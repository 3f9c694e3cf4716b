using System.CommandLine;
using System.Text.Json;
using Vigil.Core.Storage;
using Vigil.Core.Workflow;

namespace Vigil.Cli;

/// <summary><c>vigil decisions show|approve|reject|revoke ID</c>: one decision, the second pair of eyes on a proposal, and taking one back.</summary>
internal static class DecisionsCommand
{
    public static Command Create(CommandContext context) => new("decisions", "Show, approve, reject or revoke a decision on an alert's pair")
    {
        Show(context),
        Approve(context),
        Reject(context),
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

    private static Command Approve(CommandContext context)
    {
        var id = new Argument<long>("id") { Description = "The proposed decision's id (vigil alerts --status open shows those pending approval)", CustomParser = r => OptionValues.Id(r) ?? 0 };
        var command = new Command("approve", "Approve a decision someone else proposed: it comes into force and closes its alert") { id };
        command.SetAction((parse, cancellationToken) => Settle(context, parse.GetValue(id), "approved",
            store => store.ApproveDecisionAsync(parse.GetValue(id), CommandContext.Actor, cancellationToken), parse));
        return command;
    }

    private static Command Reject(CommandContext context)
    {
        var id = new Argument<long>("id") { Description = "The proposed decision's id", CustomParser = r => OptionValues.Id(r) ?? 0 };
        var reason = new Option<string>("--reason") { Description = "Why the proposal is rejected (required)", Required = true, CustomParser = r => OptionValues.NonBlank(r) ?? "" };
        var command = new Command("reject", "Reject a decision someone else proposed: it never counts, and its alert returns to the queue") { id, reason };
        command.SetAction((parse, cancellationToken) => Settle(context, parse.GetValue(id), "rejected",
            store => store.RejectDecisionAsync(parse.GetValue(id), parse.GetValue(reason)!, CommandContext.Actor, cancellationToken), parse));
        return command;
    }

    /// <summary>Approving or rejecting: one line for the outcome, exit 2 for one's own proposal, 6 when it is no longer proposed.</summary>
    private static async Task<int> Settle(CommandContext context, long id, string verb, Func<VigilStore, Task<Decision?>> settle, ParseResult parse)
    {
        var store = context.OpenStore(parse, StoreAccess.Existing);
        Decision decision;
        try
        {
            decision = await settle(store) ?? throw new KeyNotFoundException($"no decision {id}");
        }
        catch (FourEyesException e)
        {
            await context.Error.WriteLineAsync("vigil decisions: " + e.Message);
            return VigilCommand.BadInput;
        }
        catch (AlertConflictException e)
        {
            await context.Error.WriteLineAsync($"vigil decisions: decision {id} is no longer proposed; its alert {e.Current.Id} is {JsonNamingPolicy.SnakeCaseLower.ConvertName(e.Current.Status.ToString())}");
            return DecideCommand.Conflict;
        }
        context.Out.WriteLine($"decision {id} {verb}: {OptionValues.Spelling(decision.Outcome)} on {decision.Subject} ~ {string.Join(" ", decision.Records)}");
        return 0;
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
