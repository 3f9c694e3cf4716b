using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Core.Access;
using Vigil.Core.Storage;
using Vigil.Core.Webhooks;
using Vigil.Core.Workflow;
using Vigil.Server.Hosting;
using Vigil.Server.Web.Pages;

namespace Vigil.Server.Web;

/// <summary>
/// <c>/admin</c>: users and keys added, disabled and revoked through the very store methods <c>/users</c>, <c>/keys</c>
/// and the CLI call (which audit each change with the signed-in administrator as the actor), and what the server runs
/// with, read-only. Every form is a same-origin POST answered by a redirect, except the one that makes a key: its
/// answer is the only place the key is ever shown.
/// </summary>
internal static class AdminPages
{
    public static void MapAdminPages(this RouteGroupBuilder pages)
    {
        pages.MapGet("/admin", async (VigilStore store, ServerOptions options, CancellationToken cancellationToken) =>
            WebPages.Page<AdminPage>(new { Model = await AdminPageModel.LoadAsync(store, options, cancellationToken) })).Requires(Permission.Administer);
        var forms = pages.MapGroup("/admin").Requires(Permission.Administer).AddEndpointFilter(SameOrigin.Filter);
        forms.MapPost("/users", AddUser);
        forms.MapPost("/users/{login}/disable", DisableUser);
        forms.MapPost("/keys", CreateKey);
        forms.MapPost("/keys/{id}/revoke", RevokeKey);
        forms.MapPost("/webhooks", AddWebhook);
        forms.MapPost("/webhooks/{id}/remove", RemoveWebhook);
        forms.MapPost("/webhooks/{id}/test", TestWebhook);
    }

    private static async Task<IResult> AddWebhook(HttpContext context, VigilStore store, ServerOptions options, CancellationToken cancellationToken)
    {
        if (await ReadForm(context, cancellationToken) is not { } form)
        {
            return NotAForm();
        }
        CreatedWebhook created;
        try
        {
            var events = WebhookEvents.ParseList(form["events"].Select(e => e ?? ""));
            created = await store.AddWebhookAsync(form["url"].ToString(), events, form["description"].ToString(), Caller.Name(context), cancellationToken);
        }
        catch (ArgumentException e)
        {
            return await Refused(store, options, "webhook", e.Message, cancellationToken);
        }
        // The answer holds the signing secret: no cache may keep it.
        context.Response.Headers.CacheControl = "no-store";
        var model = await AdminPageModel.LoadAsync(store, options, cancellationToken) with { CreatedWebhook = created };
        return WebPages.Page<AdminPage>(new { Model = model });
    }

    private static async Task<IResult> RemoveWebhook(string id, HttpContext context, VigilStore store, CancellationToken cancellationToken) =>
        WebhookId(id) is not { } webhookId
            ? WebPages.Message("Unreadable webhook", $"'{id}' is not a webhook number.", StatusCodes.Status400BadRequest)
            : await store.RemoveWebhookAsync(webhookId, Caller.Name(context), cancellationToken) is null
                ? WebPages.Message("No such webhook", string.Create(CultureInfo.InvariantCulture, $"No webhook {webhookId} is in use."), StatusCodes.Status404NotFound)
                : Results.Redirect("/admin#webhooks");

    private static async Task<IResult> TestWebhook(string id, HttpContext context, VigilStore store, WebhookDispatcher dispatcher, CancellationToken cancellationToken)
    {
        if (WebhookId(id) is not { } webhookId)
        {
            return WebPages.Message("Unreadable webhook", $"'{id}' is not a webhook number.", StatusCodes.Status400BadRequest);
        }
        if (await store.QueueWebhookTestAsync(webhookId, Caller.Name(context), cancellationToken) is not { } delivery)
        {
            return WebPages.Message("No such webhook", string.Create(CultureInfo.InvariantCulture, $"No webhook {webhookId} is in use."), StatusCodes.Status404NotFound);
        }
        // The attempt's outcome is in the delivery log the page shows.
        await dispatcher.DeliverAsync(delivery, cancellationToken);
        return Results.Redirect(string.Create(CultureInfo.InvariantCulture, $"/admin#webhook-{webhookId}"));
    }

    private static long? WebhookId(string id) => long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static async Task<IResult> AddUser(HttpContext context, VigilStore store, ServerOptions options, AccessGate gate, CancellationToken cancellationToken)
    {
        if (await ReadForm(context, cancellationToken) is not { } form)
        {
            return NotAForm();
        }
        if (!WorkflowNames.TryParse<Role>(form["role"].ToString(), out var role))
        {
            return await Refused(store, options, "user", "Choose the user's role.", cancellationToken);
        }
        try
        {
            await store.AddUserAsync(form["login"].ToString(), role, form["password"].ToString(), Caller.Name(context), cancellationToken);
        }
        catch (ArgumentException e)
        {
            return await Refused(store, options, "user", e.Message, cancellationToken);
        }
        gate.CredentialsExist();
        return Results.Redirect("/admin#users");
    }

    private static async Task<IResult> DisableUser(string login, HttpContext context, VigilStore store, CancellationToken cancellationToken) =>
        await store.DisableUserAsync(login, Caller.Name(context), cancellationToken) is null
            ? WebPages.Message("No such user", $"No active user has the login '{login}'.", StatusCodes.Status404NotFound)
            : Results.Redirect("/admin#users");

    private static async Task<IResult> CreateKey(HttpContext context, VigilStore store, ServerOptions options, AccessGate gate, CancellationToken cancellationToken)
    {
        if (await ReadForm(context, cancellationToken) is not { } form)
        {
            return NotAForm();
        }
        if (!WorkflowNames.TryParse<Role>(form["role"].ToString(), out var role))
        {
            return await Refused(store, options, "key", "Choose the key's role.", cancellationToken);
        }
        CreatedApiKey created;
        try
        {
            created = await store.CreateKeyAsync(form["name"].ToString(), role, Caller.Name(context), cancellationToken);
        }
        catch (ArgumentException e)
        {
            return await Refused(store, options, "key", e.Message, cancellationToken);
        }
        gate.CredentialsExist();
        // The answer holds the key: no cache may keep it, and the browser's history shows it only from its own memory.
        context.Response.Headers.CacheControl = "no-store";
        var model = await AdminPageModel.LoadAsync(store, options, cancellationToken) with { CreatedKey = created };
        return WebPages.Page<AdminPage>(new { Model = model });
    }

    private static async Task<IResult> RevokeKey(string id, HttpContext context, VigilStore store, CancellationToken cancellationToken)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var keyId))
        {
            return WebPages.Message("Unreadable key", $"'{id}' is not a key number.", StatusCodes.Status400BadRequest);
        }
        return await store.RevokeKeyAsync(keyId, Caller.Name(context), cancellationToken) is null
            ? WebPages.Message("No such key", string.Create(CultureInfo.InvariantCulture, $"No key {keyId} is in use."), StatusCodes.Status404NotFound)
            : Results.Redirect("/admin#keys");
    }

    private static async Task<RazorComponentResult> Refused(VigilStore store, ServerOptions options, string form, string message, CancellationToken cancellationToken) =>
        WebPages.Page<AdminPage>(new { Model = await AdminPageModel.LoadAsync(store, options, cancellationToken), Errors = new[] { new FieldError(form, message) } },
            StatusCodes.Status400BadRequest);

    private static async Task<IFormCollection?> ReadForm(HttpContext context, CancellationToken cancellationToken) =>
        context.Request.HasFormContentType ? await context.Request.ReadFormAsync(cancellationToken) : null;

    private static RazorComponentResult NotAForm() =>
        WebPages.Message("Not a form", "Send the administration forms from the admin page.", StatusCodes.Status400BadRequest);
}
