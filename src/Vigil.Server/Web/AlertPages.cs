using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Core.Access;
using Vigil.Core.Storage;
using Vigil.Core.Workflow;
using Vigil.Server.Hosting;
using Vigil.Server.Web.Pages;

namespace Vigil.Server.Web;

/// <summary>
/// The analysts' alert pages: the queue (<c>/alerts</c>), one alert (<c>/alerts/{id}</c>), and the forms that decide,
/// comment on and assign an alert. The forms call the very store methods the API's <c>POST /alerts/{id}/…</c> call,
/// record the signed-in caller as the actor, and return to the alert (a redirect, so a reload posts nothing twice).
/// </summary>
internal static class AlertPages
{
    public static void MapAlertPages(this RouteGroupBuilder pages)
    {
        pages.MapGet("/alerts", Queue).Requires(Permission.ReadWork);
        pages.MapGet("/alerts/{id}", Show).Requires(Permission.ReadWork);
        var forms = pages.MapGroup("").AddEndpointFilter(SameOrigin.Filter);
        forms.MapPost("/alerts/{id}/decide", Decide).Requires(Permission.WorkAlerts);
        forms.MapPost("/alerts/{id}/comment", Comment).Requires(Permission.WorkAlerts);
        forms.MapPost("/alerts/{id}/assignee", Assign).Requires(Permission.WorkAlerts);
        forms.MapPost("/alerts/{id}/approve", Approve).Requires(Permission.ApproveDecisions);
        forms.MapPost("/alerts/{id}/reject", Reject).Requires(Permission.ApproveDecisions);
    }

    private static async Task<RazorComponentResult> Queue(
        HttpContext context, VigilStore store, string? status, string? kind, string? portfolio, string? assignee, string? mine, string? after, CancellationToken cancellationToken)
    {
        var form = new QueueForm(status, kind, portfolio, assignee, mine is "true" or "on", after);
        var errors = new List<FieldError>();
        var me = Caller.Name(context);
        if (form.Read(me, errors) is not { } query)
        {
            return WebPages.Page<AlertsPage>(new { Form = form, Errors = errors, Me = me }, StatusCodes.Status400BadRequest);
        }
        var alerts = await store.ListAlertsAsync(query, cancellationToken);
        var counts = await store.CountAlertsAsync(query, DateTimeOffset.UtcNow, cancellationToken);
        string? next = alerts.Count == query.Limit ? AlertCursor.Of(alerts[^1]).ToString() : null;
        return WebPages.Page<AlertsPage>(new { Form = form, Alerts = alerts, Counts = counts, Next = next, Me = me });
    }

    private static async Task<RazorComponentResult> Show(string id, HttpContext context, VigilStore store, ScreeningIndexHost host, CancellationToken cancellationToken)
    {
        if (!TryId(id, out var alertId))
        {
            return BadId(id);
        }
        return await Render(alertId, context, store, host, StatusCodes.Status200OK, null, null, cancellationToken);
    }

    private static async Task<IResult> Decide(string id, HttpContext context, VigilStore store, ScreeningIndexHost host, ServerOptions options, CancellationToken cancellationToken)
    {
        if (!TryId(id, out var alertId))
        {
            return BadId(id);
        }
        if (await ReadForm(context, cancellationToken) is not { } form)
        {
            return NotAForm();
        }
        var typed = new DecisionForm(form["outcome"], form["reason"], form["note"]);
        var errors = new List<FieldError>();
        if (!WorkflowNames.TryParse<DecisionOutcome>(typed.Outcome, out var outcome))
        {
            errors.Add(new("outcome", "Choose an outcome: false positive, true match or inconclusive."));
        }
        if (!WorkflowNames.TryParse<DecisionReason>(typed.Reason, out var reason))
        {
            errors.Add(new("reason", "Choose a reason code."));
        }
        var request = new DecisionRequest(outcome, reason, typed.Note ?? "");
        if (string.IsNullOrWhiteSpace(request.Note))
        {
            errors.Add(new("note", "Write the rationale: a decision without one proves nothing to an examiner."));
        }
        if (errors.Count > 0)
        {
            return await Render(alertId, context, store, host, StatusCodes.Status400BadRequest, new FormState(typed, errors), null, cancellationToken);
        }
        try
        {
            return await store.DecideAsync(alertId, request, Caller.Name(context), options.FourEyes, cancellationToken) is null ? NoAlert(alertId) : Back(alertId);
        }
        catch (AlertConflictException e)
        {
            return await Render(alertId, context, store, host, StatusCodes.Status409Conflict, new FormState(typed, []), e.Message, cancellationToken);
        }
    }

    private static async Task<IResult> Comment(string id, HttpContext context, VigilStore store, ScreeningIndexHost host, CancellationToken cancellationToken)
    {
        if (!TryId(id, out var alertId))
        {
            return BadId(id);
        }
        if (await ReadForm(context, cancellationToken) is not { } form)
        {
            return NotAForm();
        }
        var text = form["text"].ToString();
        if (string.IsNullOrWhiteSpace(text))
        {
            return await Render(alertId, context, store, host, StatusCodes.Status400BadRequest,
                new FormState(null, [new("comment", "Write the comment before adding it.")]), null, cancellationToken);
        }
        return await store.CommentAsync(alertId, text, Caller.Name(context), cancellationToken) ? Back(alertId) : NoAlert(alertId);
    }

    private static async Task<IResult> Assign(string id, HttpContext context, VigilStore store, ScreeningIndexHost host, CancellationToken cancellationToken)
    {
        if (!TryId(id, out var alertId))
        {
            return BadId(id);
        }
        if (await ReadForm(context, cancellationToken) is not { } form)
        {
            return NotAForm();
        }
        var assignee = form["assignee"].ToString();
        if (string.IsNullOrWhiteSpace(assignee))
        {
            return await Render(alertId, context, store, host, StatusCodes.Status400BadRequest,
                new FormState(null, [new("assignee", "Name the analyst to assign the alert to.")]), null, cancellationToken);
        }
        try
        {
            return await store.AssignAsync(alertId, assignee, Caller.Name(context), cancellationToken) is null ? NoAlert(alertId) : Back(alertId);
        }
        catch (AlertConflictException)
        {
            return await Render(alertId, context, store, host, StatusCodes.Status409Conflict, null, "The alert is closed: a closed alert is assigned to no one.", cancellationToken);
        }
    }

    /// <summary>A reviewer approves the decision proposed on the alert (the form names it): it comes into force and closes the alert.</summary>
    private static Task<IResult> Approve(string id, HttpContext context, VigilStore store, ScreeningIndexHost host, CancellationToken cancellationToken) =>
        Settle(id, context, store, host, (decision, _) => store.ApproveDecisionAsync(decision, Caller.Name(context), cancellationToken), needsNote: false, cancellationToken);

    /// <summary>A reviewer rejects the proposed decision, saying why: the alert returns to the queue.</summary>
    private static Task<IResult> Reject(string id, HttpContext context, VigilStore store, ScreeningIndexHost host, CancellationToken cancellationToken) =>
        Settle(id, context, store, host, (decision, note) => store.RejectDecisionAsync(decision, note, Caller.Name(context), cancellationToken), needsNote: true, cancellationToken);

    private static async Task<IResult> Settle(
        string id, HttpContext context, VigilStore store, ScreeningIndexHost host, Func<long, string, Task<Decision?>> settle, bool needsNote, CancellationToken cancellationToken)
    {
        if (!TryId(id, out var alertId))
        {
            return BadId(id);
        }
        if (await ReadForm(context, cancellationToken) is not { } form)
        {
            return NotAForm();
        }
        if (!TryId(form["decision"].ToString(), out var decisionId))
        {
            return await Render(alertId, context, store, host, StatusCodes.Status400BadRequest,
                new FormState(null, [new("decision", "The form names no proposed decision; reload the alert and try again.")]), null, cancellationToken);
        }
        var note = form["note"].ToString();
        if (needsNote && string.IsNullOrWhiteSpace(note))
        {
            return await Render(alertId, context, store, host, StatusCodes.Status400BadRequest,
                new FormState(null, [new("reject-note", "Say why the proposal is rejected.")]), null, cancellationToken);
        }
        try
        {
            return await settle(decisionId, note) is null ? NoAlert(alertId) : Back(alertId);
        }
        catch (FourEyesException e)
        {
            return await Render(alertId, context, store, host, StatusCodes.Status403Forbidden, null, e.Message, cancellationToken);
        }
        catch (AlertConflictException e)
        {
            return await Render(alertId, context, store, host, StatusCodes.Status409Conflict, null, e.Message, cancellationToken);
        }
    }

    private static async Task<RazorComponentResult> Render(
        long alertId, HttpContext context, VigilStore store, ScreeningIndexHost host, int status, FormState? form, string? conflict, CancellationToken cancellationToken) =>
        await AlertPageModel.LoadAsync(alertId, store, host, context, cancellationToken) is { } model
            ? WebPages.Page<AlertPage>(new { Model = model, Form = form ?? FormState.Empty, Conflict = conflict }, status)
            : NoAlert(alertId);

    private static async Task<IFormCollection?> ReadForm(HttpContext context, CancellationToken cancellationToken) =>
        context.Request.HasFormContentType ? await context.Request.ReadFormAsync(cancellationToken) : null;

    /// <summary>Back to the alert after a change: a redirect, so that reloading the page posts nothing again.</summary>
    private static IResult Back(long alertId) => Results.Redirect(Links.Alert(alertId));

    private static bool TryId(string text, out long id) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;

    private static RazorComponentResult BadId(string id) =>
        WebPages.Message("Unreadable alert", $"'{id}' is not an alert number: alerts are numbered 1, 2, 3…", StatusCodes.Status400BadRequest);

    private static RazorComponentResult NoAlert(long id) =>
        WebPages.Message("No such alert", string.Create(CultureInfo.InvariantCulture, $"There is no alert {id}."), StatusCodes.Status404NotFound);

    private static RazorComponentResult NotAForm() =>
        WebPages.Message("Not a form", "Send the alert's forms from the alert's page.", StatusCodes.Status400BadRequest);
}

/// <summary>The decision form as the analyst filled it in, kept to show again beside what was wrong.</summary>
public sealed record DecisionForm(string? Outcome, string? Reason, string? Note);

/// <summary>What a refused form post shows again: the decision as typed and the problems, each naming its field.</summary>
public sealed record FormState(DecisionForm? Decision, IReadOnlyList<FieldError> Errors)
{
    public static FormState Empty { get; } = new(null, []);

    public string? Error(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;
}
