using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Vigil.Core.Storage;
using Vigil.Core.Webhooks;
using Vigil.Core.Workflow;

namespace Vigil.Cli;

/// <summary>
/// <c>vigil webhooks add|list|remove|test|log|deliver</c>: receivers of signed messages about alerts, decisions, runs
/// and list imports. <c>vigil serve</c> sends due messages on its own; <c>deliver</c> is for setups without a server.
/// </summary>
internal static class WebhooksCommand
{
    public static Command Create(CommandContext context) => new("webhooks", "Send signed messages to other systems when alerts, decisions, runs and lists change")
    {
        Add(context),
        List(context),
        Remove(context),
        Test(context),
        Log(context),
        Deliver(context),
    };

    private static Command Add(CommandContext context)
    {
        var url = new Argument<string>("url") { Description = "The receiver's address (http or https); redirects are never followed", CustomParser = r => OptionValues.NonBlank(r) ?? "" };
        var events = new Option<IReadOnlyList<WebhookEventType>>("--events")
        {
            Description = $"Comma-separated events, or all: {string.Join(", ", WebhookEvents.Subscribable.Select(WebhookEvents.Name))}",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
            CustomParser = r =>
            {
                try
                {
                    return WebhookEvents.ParseList(r.Tokens.Select(t => t.Value));
                }
                catch (ArgumentException e)
                {
                    r.AddError("--" + e.Message);
                    return [];
                }
            },
        };
        var description = new Option<string?>("--description") { Description = "What the receiver is (shown in lists and the delivery log)" };
        var json = CommandContext.JsonOption();
        var command = new Command("add", "Add a receiver; prints the signing secret once (receivers check each message's webhook-signature with it)") { url, events, description, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var store = context.OpenStore(parse, StoreAccess.Existing);
            var created = await store.AddWebhookAsync(parse.GetValue(url)!, parse.GetValue(events)!, parse.GetValue(description), CommandContext.Actor, cancellationToken);
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(JsonSerializer.Serialize(created, WorkflowJson.Compact));
            }
            else
            {
                context.Out.WriteLine(created.Secret);
                await context.Error.WriteLineAsync($"vigil: webhook {created.Webhook.Id} added for {string.Join(", ", created.Webhook.Events.Select(WebhookEvents.Name))}; the secret above is shown this once");
            }
            return 0;
        });
        return command;
    }

    private static Command List(CommandContext context)
    {
        var json = CommandContext.JsonOption();
        var command = new Command("list", "Every webhook, removed ones too, with its deliveries by state (never the secrets)") { json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var store = context.OpenStore(parse, StoreAccess.Existing);
            var webhooks = await store.ListWebhooksAsync(cancellationToken);
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(JsonSerializer.Serialize(webhooks, WorkflowJson.Compact));
                return 0;
            }
            Tables.Write(context, ["id", "url", "events", "pending", "delivered", "failed", "created", "by", "removed"], webhooks.Select(w => (IReadOnlyList<string>)
            [
                Number(w.Id), w.Url, string.Join(",", w.Events.Select(WebhookEvents.Name)), Number(w.Pending), Number(w.Delivered), Number(w.Failed),
                w.CreatedAt, w.CreatedBy, w.RemovedAt ?? "",
            ]));
            return 0;
        });
        return command;
    }

    private static Command Remove(CommandContext context)
    {
        var id = IdArgument();
        var command = new Command("remove", "Stop sending to a webhook; its pending deliveries fail and its log stays") { id };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var store = context.OpenStore(parse, StoreAccess.Existing);
            var webhook = await store.RemoveWebhookAsync(parse.GetValue(id), CommandContext.Actor, cancellationToken)
                ?? throw new KeyNotFoundException($"no webhook {parse.GetValue(id)} in use (vigil webhooks list)");
            context.Out.WriteLine($"webhook {webhook.Id} ({webhook.Url}) removed");
            return 0;
        });
        return command;
    }

    private static Command Test(CommandContext context)
    {
        var id = IdArgument();
        var command = new Command("test", "Send a webhook.test message now and say what the receiver answered (exit 1 unless 2xx)") { id };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var store = context.OpenStore(parse, StoreAccess.Existing);
            var delivery = await store.QueueWebhookTestAsync(parse.GetValue(id), CommandContext.Actor, cancellationToken)
                ?? throw new KeyNotFoundException($"no webhook {parse.GetValue(id)} in use (vigil webhooks list)");
            using var http = WebhookDispatcher.CreateHttpClient();
            var attempt = await new WebhookDispatcher(store, http).DeliverAsync(delivery, cancellationToken)
                ?? throw new InvalidOperationException("the test message was taken by another process; see vigil webhooks log");
            context.Out.WriteLine(attempt.Error is null
                ? $"delivered: HTTP {attempt.Status} in {attempt.DurationMs} ms"
                : $"not delivered: {attempt.Error} ({attempt.DurationMs} ms); retried on the schedule, see vigil webhooks log {parse.GetValue(id)}");
            return attempt.Error is null ? 0 : 1;
        });
        return command;
    }

    private static Command Log(CommandContext context)
    {
        var id = IdArgument();
        var limit = new Option<int>("--limit") { Description = "How many messages, newest first", DefaultValueFactory = _ => 50, CustomParser = r => OptionValues.Count(1, 10_000)(r) ?? 0 };
        var json = CommandContext.JsonOption();
        var command = new Command("log", "A webhook's delivery log: each message with every attempt and what the receiver answered") { id, limit, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var store = context.OpenStore(parse, StoreAccess.Existing);
            _ = await store.GetWebhookAsync(parse.GetValue(id), cancellationToken) ?? throw new KeyNotFoundException($"no webhook {parse.GetValue(id)} (vigil webhooks list)");
            var deliveries = await store.WebhookDeliveriesAsync(parse.GetValue(id), parse.GetValue(limit), cancellationToken);
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(JsonSerializer.Serialize(deliveries, WorkflowJson.Compact));
                return 0;
            }
            Tables.Write(context, ["message", "event", "state", "attempts", "last answer", "created", "next attempt"], deliveries.Select(d => (IReadOnlyList<string>)
            [
                d.MessageId, WebhookEvents.Name(d.Type), WorkflowNames.Name(d.State), Number(d.Attempts.Count),
                d.Attempts.Count == 0 ? "" : d.Attempts[^1].Error ?? $"HTTP {d.Attempts[^1].Status}", d.CreatedAt, d.NextAttemptAt ?? "",
            ]));
            return 0;
        });
        return command;
    }

    private static Command Deliver(CommandContext context)
    {
        var command = new Command("deliver", "Send every message that is due now, once (vigil serve does this continuously)");
        command.SetAction(async (parse, cancellationToken) =>
        {
            var store = context.OpenStore(parse, StoreAccess.Existing);
            using var http = WebhookDispatcher.CreateHttpClient();
            var total = await new WebhookDispatcher(store, http).DeliverAllDueAsync(cancellationToken);
            context.Out.WriteLine($"{total} attempts made");
            return 0;
        });
        return command;
    }

    private static Argument<long> IdArgument() => new("id") { Description = "The webhook's id (vigil webhooks list)", CustomParser = r => OptionValues.Id(r) ?? 0 };

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
