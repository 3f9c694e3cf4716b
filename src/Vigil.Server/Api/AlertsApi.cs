using Microsoft.AspNetCore.Mvc;
using Vigil.Core.Access;
using Vigil.Core.Storage;
using Vigil.Core.Workflow;
using Vigil.Server.Hosting;

namespace Vigil.Server.Api;

/// <summary>
/// <c>/alerts</c>, <c>/accept-list</c>, <c>/decisions</c> and <c>/monitor</c>: the alerts screening raised, the
/// analysts' decisions on them, and where monitoring stands. Two people deciding one alert at once: the first wins,
/// the second gets 409 with the alert as it now stands.
/// </summary>
public static class AlertsApi
{
    public static void MapAlertsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/alerts", List).Requires(Permission.ReadWork)
            .WithTags("Alerts").WithSummary("Alerts, newest first, 50 per page by default: ?status=open|closed|all&kind=&subject=&limit=&before=")
            .Produces<AlertPage>().ProducesProblem(StatusCodes.Status400BadRequest);
        endpoints.MapGet("/alerts/{id}", Get).Requires(Permission.ReadWork)
            .WithTags("Alerts").WithSummary("One alert: why it was raised, what changed since the decision it questions, and its history")
            .Produces<Alert>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        endpoints.MapPost("/alerts/{id}/decision", Decide).Requires(Permission.WorkAlerts)
            .WithTags("Alerts").WithSummary("Decides an open alert (false_positive, true_match, inconclusive) with a reason code and a rationale: closes it, or, where four eyes apply, proposes the decision for a reviewer's approval")
            .Produces<Decision>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        endpoints.MapPost("/alerts/{id}/comments", Comment).Requires(Permission.WorkAlerts)
            .WithTags("Alerts").WithSummary("Adds a comment to an alert's history")
            .Produces<Alert>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        endpoints.MapPost("/alerts/{id}/assign", Assign).Requires(Permission.WorkAlerts)
            .WithTags("Alerts").WithSummary("Assigns an open alert to an analyst; it is then in review")
            .Produces<Alert>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        endpoints.MapGet("/accept-list", async (VigilStore store, CancellationToken cancellationToken) =>
                Results.Json(await store.AcceptListAsync(cancellationToken), WorkflowJson.Compact))
            .Requires(Permission.ReadWork)
            .WithTags("Alerts").WithSummary("The false-positive decisions in force: each keeps its pair quiet while nothing material changes")
            .Produces<IReadOnlyList<Decision>>();
        endpoints.MapGet("/decisions/{id}", GetDecision).Requires(Permission.ReadWork)
            .WithTags("Alerts").WithSummary("One decision, whatever its state, with what it saw")
            .Produces<Decision>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        endpoints.MapPost("/decisions/{id}/approve", Approve).Requires(Permission.ApproveDecisions)
            .WithTags("Alerts").WithSummary("Approves a proposed decision (four eyes): it comes into force and closes its alert; never one's own proposal (403)")
            .Produces<Decision>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        endpoints.MapPost("/decisions/{id}/reject", Reject).Requires(Permission.ApproveDecisions)
            .WithTags("Alerts").WithSummary("Rejects a proposed decision with a reason: it never counts, and its alert returns to the queue; never one's own proposal (403)")
            .Produces<Decision>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        endpoints.MapPost("/decisions/{id}/revoke", Revoke).Requires(Permission.Revoke)
            .WithTags("Alerts").WithSummary("Revokes a decision in force: its pair alerts again at its next screening")
            .Produces<Decision>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        endpoints.MapGet("/monitor", async (VigilStore store, CancellationToken cancellationToken) =>
                Results.Json(await store.MonitorStatusAsync(cancellationToken), WorkflowJson.Compact))
            .Requires(Permission.ReadWork)
            .WithTags("Alerts").WithSummary("Where monitoring stands: subjects monitored, work queued by list imports and link decisions, the latest work done, alerts open")
            .Produces<MonitorStatus>();
    }

    internal static async Task<IResult> List(
        VigilStore store,
        [FromQuery] string? status,
        [FromQuery] string? kind,
        [FromQuery] string? subject,
        [FromQuery] int? limit,
        [FromQuery] long? before,
        CancellationToken cancellationToken)
    {
        var which = (status ?? "open").Trim().ToLowerInvariant();
        if (which is not ("open" or "closed" or "all"))
        {
            return Problems.BadRequest($"status: '{status}' is not one of open, closed, all");
        }
        AlertKind? kindValue = null;
        if (kind is not null)
        {
            if (!WorkflowNames.TryParse<AlertKind>(kind, out var parsed))
            {
                return Problems.BadRequest($"kind: '{kind}' is not one of {WorkflowNames.All<AlertKind>()}");
            }
            kindValue = parsed;
        }
        if (limit is < 1 or > AlertQuery.MaxLimit)
        {
            return Problems.BadRequest($"limit: {limit} is not from 1 to {AlertQuery.MaxLimit}");
        }
        var query = new AlertQuery(which == "closed" ? AlertStatus.Closed : null, which == "open", kindValue, subject, limit ?? 50, before);
        var alerts = await store.ListAlertsAsync(query, cancellationToken);
        return Results.Json(new AlertPage([.. alerts.Select(AlertSummary.From)], alerts.Count == query.Limit ? alerts[^1].Id : null), WorkflowJson.Compact);
    }

    internal static async Task<IResult> Get(string id, VigilStore store, CancellationToken cancellationToken) =>
        AlertId(id, out var alertId) is { } bad ? bad
        : await store.GetAlertAsync(alertId, cancellationToken) is { } alert ? Results.Json(alert, WorkflowJson.Compact)
        : Problems.NotFound($"id: no alert {alertId}");

    internal static async Task<IResult> Decide(HttpContext context, string id, [FromBody] DecisionBody? body, VigilStore store, ServerOptions options, CancellationToken cancellationToken)
    {
        if (AlertId(id, out var alertId) is { } bad)
        {
            return bad;
        }
        if (body is null)
        {
            return Problems.BadRequest("body: give a decision, e.g. {\"outcome\": \"false_positive\", \"reason\": \"dob_differs\", \"note\": \"...\"}");
        }
        if (!WorkflowNames.TryParse<DecisionOutcome>(body.Outcome, out var outcome))
        {
            return Problems.BadRequest($"outcome: '{body.Outcome}' is not one of {WorkflowNames.All<DecisionOutcome>()}");
        }
        if (!WorkflowNames.TryParse<DecisionReason>(body.Reason, out var reason))
        {
            return Problems.BadRequest($"reason: '{body.Reason}' is not one of {WorkflowNames.All<DecisionReason>()}");
        }
        var request = new DecisionRequest(outcome, reason, body.Note ?? "", body.ExpiresAt);
        if (request.Problem(DateTimeOffset.UtcNow) is { } problem)
        {
            return Problems.BadRequest(problem);
        }
        try
        {
            return await store.DecideAsync(alertId, request, Caller.Name(context), options.FourEyes, cancellationToken) is { } decision
                ? Results.Json(decision, WorkflowJson.Compact, statusCode: StatusCodes.Status201Created)
                : Problems.NotFound($"id: no alert {alertId}");
        }
        catch (AlertConflictException e)
        {
            return Conflict(e);
        }
    }

    internal static async Task<IResult> Comment(HttpContext context, string id, [FromBody] CommentBody? body, VigilStore store, CancellationToken cancellationToken)
    {
        if (AlertId(id, out var alertId) is { } bad)
        {
            return bad;
        }
        if (string.IsNullOrWhiteSpace(body?.Text))
        {
            return Problems.BadRequest("text: give the comment, e.g. {\"text\": \"Asked the branch for the passport.\"}");
        }
        return await store.CommentAsync(alertId, body.Text, Caller.Name(context), cancellationToken)
            ? Results.Json(await store.GetAlertAsync(alertId, cancellationToken), WorkflowJson.Compact, statusCode: StatusCodes.Status201Created)
            : Problems.NotFound($"id: no alert {alertId}");
    }

    internal static async Task<IResult> Assign(HttpContext context, string id, [FromBody] AssignBody? body, VigilStore store, CancellationToken cancellationToken)
    {
        if (AlertId(id, out var alertId) is { } bad)
        {
            return bad;
        }
        if (string.IsNullOrWhiteSpace(body?.Assignee))
        {
            return Problems.BadRequest("assignee: name the analyst, e.g. {\"assignee\": \"ann\"}");
        }
        try
        {
            return await store.AssignAsync(alertId, body.Assignee, Caller.Name(context), cancellationToken) is { } alert
                ? Results.Json(alert, WorkflowJson.Compact)
                : Problems.NotFound($"id: no alert {alertId}");
        }
        catch (AlertConflictException e)
        {
            return Conflict(e);
        }
    }

    internal static async Task<IResult> GetDecision(string id, VigilStore store, CancellationToken cancellationToken) =>
        DecisionId(id, out var decisionId) is { } bad ? bad
        : await store.GetDecisionAsync(decisionId, cancellationToken) is { } decision ? Results.Json(decision, WorkflowJson.Compact)
        : Problems.NotFound($"id: no decision {decisionId}");

    internal static async Task<IResult> Approve(HttpContext context, string id, VigilStore store, CancellationToken cancellationToken)
    {
        if (DecisionId(id, out var decisionId) is { } bad)
        {
            return bad;
        }
        return await Settle(() => store.ApproveDecisionAsync(decisionId, Caller.Name(context), cancellationToken), decisionId);
    }

    internal static async Task<IResult> Reject(HttpContext context, string id, [FromBody] RevokeBody? body, VigilStore store, CancellationToken cancellationToken)
    {
        if (DecisionId(id, out var decisionId) is { } bad)
        {
            return bad;
        }
        if (string.IsNullOrWhiteSpace(body?.Reason))
        {
            return Problems.BadRequest("reason: say why the decision is rejected, e.g. {\"reason\": \"The passport number differs; ask the branch.\"}");
        }
        return await Settle(() => store.RejectDecisionAsync(decisionId, body.Reason, Caller.Name(context), cancellationToken), decisionId);
    }

    /// <summary>Approving or rejecting: the decision, or why not (unknown 404, one's own 403, no longer proposed 409).</summary>
    private static async Task<IResult> Settle(Func<Task<Decision?>> settle, long decisionId)
    {
        try
        {
            return await settle() is { } decision ? Results.Json(decision, WorkflowJson.Compact) : Problems.NotFound($"id: no decision {decisionId}");
        }
        catch (FourEyesException e)
        {
            return Results.Problem(detail: e.Message, statusCode: StatusCodes.Status403Forbidden, title: "Four eyes");
        }
        catch (AlertConflictException e)
        {
            return Conflict(e);
        }
    }

    internal static async Task<IResult> Revoke(HttpContext context, string id, [FromBody] RevokeBody? body, VigilStore store, CancellationToken cancellationToken)
    {
        if (DecisionId(id, out var decisionId) is { } bad)
        {
            return bad;
        }
        if (string.IsNullOrWhiteSpace(body?.Reason))
        {
            return Problems.BadRequest("reason: say why the decision is revoked, e.g. {\"reason\": \"New evidence from the branch.\"}");
        }
        if (await store.RevokeDecisionAsync(decisionId, body.Reason, Caller.Name(context), cancellationToken) is { } decision)
        {
            return Results.Json(decision, WorkflowJson.Compact);
        }
        return Problems.NotFound(await store.GetDecisionAsync(decisionId, cancellationToken) is { } d
            ? $"id: decision {decisionId} is {WorkflowNames.Name(d.State)}, not in force"
            : $"id: no decision {decisionId}");
    }

    private static IResult Conflict(AlertConflictException e) =>
        Results.Problem(
            detail: e.Message,
            statusCode: StatusCodes.Status409Conflict,
            title: "Decided by someone else",
            extensions: new Dictionary<string, object?> { ["alert"] = AlertSummary.From(e.Current) });

    private static IResult? AlertId(string text, out long id) => Id(text, "an alert", out id);

    private static IResult? DecisionId(string text, out long id) => Id(text, "a decision", out id);

    private static IResult? Id(string text, string what, out long id) =>
        long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out id) && id > 0
            ? null
            : Problems.BadRequest($"id: '{text}' is not {what} id (a positive whole number)");
}

/// <summary>A page of alerts, and the <c>before</c> value of the next page (null on the last).</summary>
public sealed record AlertPage(IReadOnlyList<AlertSummary> Alerts, long? Next);

/// <summary>The body of <c>POST /alerts/{id}/decision</c>: outcome and reason as snake-case names, the rationale, an optional expiry.</summary>
public sealed record DecisionBody(string? Outcome, string? Reason, string? Note, DateTimeOffset? ExpiresAt);

/// <summary>The body of <c>POST /alerts/{id}/comments</c>.</summary>
public sealed record CommentBody(string? Text);

/// <summary>The body of <c>POST /alerts/{id}/assign</c>.</summary>
public sealed record AssignBody(string? Assignee);

/// <summary>The body of <c>POST /decisions/{id}/revoke</c>.</summary>
public sealed record RevokeBody(string? Reason);
