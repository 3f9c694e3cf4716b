using Microsoft.AspNetCore.Mvc;
using Vigil.Core.Access;
using Vigil.Core.Storage;
using Vigil.Core.Webhooks;
using Vigil.Core.Workflow;
using Vigil.Server.Hosting;

namespace Vigil.Server.Api;

/// <summary>
/// <c>/webhooks</c>: the administrator's receivers of signed messages, each with its delivery log. The secret is
/// returned once, when the webhook is added.
/// </summary>
public static class WebhooksApi
{
    private const int MaxLog = 1000;

    public static void MapWebhooksApi(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/webhooks").Requires(Permission.Administer).WithTags("Webhooks");
        admin.MapGet("", async (VigilStore store, CancellationToken cancellationToken) => Results.Json(await store.ListWebhooksAsync(cancellationToken), WorkflowJson.Compact))
            .WithSummary("Every webhook, removed ones too, with its deliveries counted by state (never the secrets)")
            .Produces<IReadOnlyList<Webhook>>();
        admin.MapPost("", Add)
            .WithSummary("Adds a receiver; the response holds its signing secret, shown this once")
            .Produces<CreatedWebhook>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest);
        admin.MapPost("/{id:long}/remove", async (HttpContext context, long id, VigilStore store, CancellationToken cancellationToken) =>
                await store.RemoveWebhookAsync(id, Caller.Name(context), cancellationToken) is { } webhook
                    ? Results.Json(webhook, WorkflowJson.Compact)
                    : Problems.NotFound($"id: no webhook {id} in use"))
            .WithSummary("Stops sending to a webhook; its pending deliveries fail and its log stays")
            .Produces<Webhook>().ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPost("/{id:long}/test", async (HttpContext context, long id, VigilStore store, WebhookDispatcher dispatcher, CancellationToken cancellationToken) =>
                await store.QueueWebhookTestAsync(id, Caller.Name(context), cancellationToken) is { } delivery
                    ? await dispatcher.DeliverAsync(delivery, cancellationToken) is { } attempt
                        ? Results.Json(attempt, WorkflowJson.Compact)
                        : Results.Problem(statusCode: StatusCodes.Status409Conflict, detail: "the test message was taken by another process; see the delivery log")
                    : Problems.NotFound($"id: no webhook {id} in use"))
            .WithSummary("Sends a webhook.test message now and answers what the receiver said (a failed attempt is retried on the schedule)")
            .Produces<WebhookAttempt>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapGet("/{id:long}/deliveries", Deliveries)
            .WithSummary("A webhook's delivery log, newest message first, each with every attempt")
            .Produces<IReadOnlyList<WebhookDelivery>>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> Add(HttpContext context, [FromBody] WebhookRequest? body, VigilStore store, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body?.Url))
        {
            return Problems.BadRequest("url: give the receiver's address and events, e.g. {\"url\": \"https://cases.example/hooks/vigil\", \"events\": [\"alert.created\"]}");
        }
        try
        {
            var events = WebhookEvents.ParseList(body.Events ?? []);
            var created = await store.AddWebhookAsync(body.Url, events, body.Description, Caller.Name(context), cancellationToken);
            return Results.Json(created, WorkflowJson.Compact, statusCode: StatusCodes.Status201Created);
        }
        catch (ArgumentException e)
        {
            return Problems.BadRequest(e.Message);
        }
    }

    private static async Task<IResult> Deliveries(long id, int? limit, VigilStore store, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxLog)
        {
            return Problems.BadRequest($"limit: give 1 to {MaxLog}");
        }
        return await store.GetWebhookAsync(id, cancellationToken) is null
            ? Problems.NotFound($"id: no webhook {id}")
            : Results.Json(await store.WebhookDeliveriesAsync(id, limit ?? 50, cancellationToken), WorkflowJson.Compact);
    }
}
