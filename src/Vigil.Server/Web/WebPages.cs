using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Vigil.Core.Access;
using Vigil.Core.Storage;
using Vigil.Server.Hosting;
using Vigil.Server.Web.Pages;

namespace Vigil.Server.Web;

/// <summary>
/// The analyst's pages: search with explained results, an entity with every value's source, the lists with their
/// snapshots and changes, and sign-in. Rendered on the server as Razor components; the pages use no script.
/// </summary>
public static class WebPages
{
    /// <summary>How many of the latest batch jobs <c>/jobs</c> shows.</summary>
    private const int JobsShown = 50;

    public static void AddWebPages(this IServiceCollection services)
    {
        services.AddRazorComponents();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, HtmlPagePolicy>());
        services.AddSingleton<LastVerification>();
        // Names in every script are the content: written as characters, not as &#x...; references, the pages stay
        // readable and a third of the size. Markup characters are still encoded whatever the allowed ranges.
        services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
    }

    public static void MapWebPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapWebAssets();
        var html = endpoints.MapGroup("").WithMetadata(HtmlPageMetadata.Instance).AddEndpointFilter(async (context, next) =>
        {
            // Pages show the lists as they are now, possibly to a signed-in analyst only: no shared or stale copies.
            context.HttpContext.Response.Headers.CacheControl = "no-cache, private";
            return await next(context);
        });
        var pages = html.MapGroup("").ExcludeFromDescription();
        pages.MapGet("/", Search);
        pages.MapGet("/entity/{id}", Entity);
        pages.MapGet("/lists", (VigilStore store) => Page<ListsPage>(new { Sources = store.Lists() }));
        pages.MapGet("/lists/{source}/changes", Changes);
        pages.MapAlertPages();
        pages.MapAuditPages();
        pages.MapAdminPages();
        pages.MapGet("/subjects/{reference}", Subject).Requires(Permission.ReadWork);
        pages.MapGet("/accept-list", async (VigilStore store, CancellationToken cancellationToken) =>
            Page<AcceptListPage>(new { Decisions = await store.AcceptListAsync(cancellationToken) })).Requires(Permission.ReadWork);
        pages.MapGet("/jobs", async (VigilStore store, CancellationToken cancellationToken) =>
            Page<JobsPage>(new { Jobs = await store.ListJobsAsync(JobsShown, cancellationToken) })).Requires(Permission.ReadWork);
        // Sign-in is where a caller without a key is sent, and it is open without one: the API document describes it.
        html.MapGet("/login", async (AccessGate gate, [FromQuery] string? next, CancellationToken cancellationToken) => await gate.RequiredAsync(cancellationToken)
                ? (IResult)Page<LoginPage>(new { Next = SignIn.LocalPath(next) })
                : Results.Redirect(SignIn.LocalPath(next)))
            .AllowAnonymous()
            .WithTags("Sign-in").WithSummary("The sign-in page; without keys or users, a redirect to next")
            .Produces<string>(StatusCodes.Status200OK, "text/html").Produces(StatusCodes.Status302Found);
        html.MapPost("/login", SignIn.Post)
            .AllowAnonymous()
            .RequireRateLimiting(VigilServer.SignInLimit)
            .WithTags("Sign-in").WithSummary("Sign in with the form fields login and password (or key), and next: opens a session, sets its cookie and redirects to next")
            .WithDescription("A browser's form post only: refused (403) unless Sec-Fetch-Site or Origin names this site.")
            .Produces(StatusCodes.Status302Found).Produces<string>(StatusCodes.Status400BadRequest, "text/html")
            .Produces<string>(StatusCodes.Status401Unauthorized, "text/html").Produces<string>(StatusCodes.Status403Forbidden, "text/html");
        html.MapPost("/logout", SignIn.SignOut)
            .AllowAnonymous()
            .WithTags("Sign-in").WithSummary("Sign out: ends the session, forgets its cookie and redirects to /login")
            .Produces(StatusCodes.Status302Found).Produces<string>(StatusCodes.Status403Forbidden, "text/html");
    }

    private static RazorComponentResult Search(
        HttpRequest request, ScreeningIndexHost host, ServerOptions server, string? name, string? dob, string? country, string? schema, string? profile)
    {
        var form = new SearchForm(name, dob, country, schema, profile);
        if (!form.Submitted)
        {
            return Page<SearchPage>(new { Form = form });
        }
        var errors = new List<FieldError>();
        var (query, options) = form.Read(errors);
        if (RequestValues.UntakenScoreParameter(request.Query) is { } untaken)
        {
            // The profile sets the threshold; a threshold in the address would be ignored without a word.
            errors.Add(new("profile", $"The search takes no {untaken}: choose a profile (default, kyc, payments), which sets the alert threshold."));
            query = null;
        }
        if (query is null)
        {
            return Page<SearchPage>(new { Form = form, Errors = errors, Options = options }, StatusCodes.Status400BadRequest);
        }
        if (host.Current is not { } loaded)
        {
            return Page<SearchPage>(new { Form = form, NotReady = true, Options = options }, StatusCodes.Status503ServiceUnavailable);
        }
        if (!loaded.Corpus.HasLists)
        {
            return Page<SearchPage>(new { Form = form, NoLists = true, Options = options }, StatusCodes.Status503ServiceUnavailable);
        }
        var hits = loaded.Corpus.Screen(query, options);
        return Page<SearchPage>(new { Form = form, Hits = hits, Options = options, Lists = server.Freshness.Check(loaded.Corpus.Snapshots) });
    }

    private static async Task<RazorComponentResult> Subject(string reference, VigilStore store, CancellationToken cancellationToken) =>
        await store.GetSubjectAsync(reference, cancellationToken) is { } subject
            ? Page<SubjectPage>(new { Subject = subject, Decisions = await store.SubjectDecisionsAsync(reference, cancellationToken) })
            : Message("No such subject", $"No subject has the reference '{reference}'.", StatusCodes.Status404NotFound);

    private static RazorComponentResult Entity(string id, VigilStore store, [FromQuery(Name = "as_of")] string? asOf)
    {
        if (!RequestValues.TryDate(asOf, out var date))
        {
            return Message("Unreadable date", $"'{asOf}' is not a date in the form YYYY-MM-DD.", StatusCodes.Status400BadRequest);
        }
        return store.GetEntity(id, date) is { } entity
            ? Page<EntityPage>(new { Model = new EntityPageModel(entity, date) })
            : Message("No such entity", $"No list record has the id '{id}'" + (date is null ? "." : $" as of {asOf}."), StatusCodes.Status404NotFound);
    }

    private static RazorComponentResult Changes(
        string source, VigilStore store, ScreeningIndexHost host, [FromQuery] string? from, [FromQuery] string? to, [FromQuery] string? show, [FromQuery] string? q, [FromQuery] string? page)
    {
        if (!RequestValues.TrySnapshotId(from, out var fromId) || !RequestValues.TrySnapshotId(to, out var toId))
        {
            return Message("Unreadable snapshot", "from and to are snapshot ids (positive numbers), as the lists page links them.", StatusCodes.Status400BadRequest);
        }
        if (!string.IsNullOrEmpty(show) && !ChangesPageModel.Kinds.Contains(show))
        {
            return Message("Unknown kind of change", $"show: '{show}' is not one of {string.Join(", ", ChangesPageModel.Kinds)}.", StatusCodes.Status400BadRequest);
        }
        if (!RequestValues.TrySnapshotId(page, out var pageNumber) || pageNumber > int.MaxValue)
        {
            return Message("Unreadable page", $"page: '{page}' is not a page number (1, 2, 3…).", StatusCodes.Status400BadRequest);
        }
        if (store.Lists().FirstOrDefault(l => l.Source == source) is not { } list)
        {
            return Message("No such list", $"No list '{source}' has been imported.", StatusCodes.Status404NotFound);
        }
        DiffResult diff;
        try
        {
            diff = store.Diff(source, fromId, toId);
        }
        catch (KeyNotFoundException e)
        {
            return Message("No such snapshot", e.Message, StatusCodes.Status404NotFound);
        }
        var corpus = host.Current?.Corpus;
        Func<string, string?> caption = id => corpus?.CanonicalId(id) is { } canonical ? corpus.Entity(canonical).Caption : null;
        var model = new ChangesPageModel(diff, caption, string.IsNullOrEmpty(show) ? null : show, q, (int)(pageNumber ?? 1));
        return Page<ChangesPage>(new { Model = model, list.Snapshots });
    }

    internal static RazorComponentResult Message(string heading, string message, int status) =>
        Page<MessagePage>(new { Heading = heading, Message = message }, status);

    internal static RazorComponentResult Page<TComponent>(object parameters, int status = StatusCodes.Status200OK)
        where TComponent : IComponent =>
        new RazorComponentResult<TComponent>(parameters) { StatusCode = status };
}
