using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Core.Access;
using Vigil.Core.Storage;
using Vigil.Server.Hosting;
using Vigil.Server.Web.Pages;

namespace Vigil.Server.Web;

/// <summary>
/// <c>/audit</c> for people: the log searched and paged, its size, the latest signed checkpoint, the export, and a
/// verification of the whole log run on request (<c>POST /audit/verify</c>), whose result the page then shows.
/// </summary>
internal static class AuditPages
{
    /// <summary>How long one verification from the page may run before it is stopped and reported as unfinished.</summary>
    private static readonly TimeSpan VerifyLimit = TimeSpan.FromSeconds(60);

    public static void MapAuditPages(this RouteGroupBuilder pages)
    {
        pages.MapGet("/audit", Show).Requires(Permission.ReadAudit);
        pages.MapPost("/audit/verify", Verify).Requires(Permission.ReadAudit).AddEndpointFilter(SameOrigin.Filter);
    }

    private static async Task<RazorComponentResult> Show(
        VigilStore store, LastVerification last, string? kind, string? actor, string? from, string? to, string? subject, string? alert, string? after,
        CancellationToken cancellationToken)
    {
        var form = new AuditForm(kind, actor, from, to, subject, alert, after);
        var errors = new List<FieldError>();
        var query = form.Read(errors);
        var size = await store.AuditSizeAsync(cancellationToken);
        var checkpoint = await store.LatestCheckpointAsync(cancellationToken);
        if (query is null)
        {
            return WebPages.Page<AuditPage>(new { Form = form, Errors = errors, Size = size, Checkpoint = checkpoint, Verification = last.Run }, StatusCodes.Status400BadRequest);
        }
        var entries = await store.ListAuditAsync(query, cancellationToken);
        string? next = entries.Count == query.Limit ? form.Link(entries[^1].Entry.Sequence) : null;
        return WebPages.Page<AuditPage>(new { Form = form, Entries = entries, Next = next, Size = size, Checkpoint = checkpoint, Verification = last.Run });
    }

    private static async Task<IResult> Verify(HttpContext context, VigilStore store, AuditKeyHolder keys, LastVerification last, CancellationToken cancellationToken)
    {
        if (!last.TryStart())
        {
            return WebPages.Message("Verification running", "A verification of the audit trail is running; its result shows on the audit page when it ends.", StatusCodes.Status409Conflict);
        }
        var clock = Stopwatch.StartNew();
        var by = Caller.Name(context);
        if (keys.Key is not { } key)
        {
            last.Record(new VerificationRun(DateTimeOffset.UtcNow, by, clock.Elapsed, null, $"No audit signing key, so no checkpoint can be checked: {keys.Missing}"));
            return Results.Redirect("/audit#verification");
        }
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(VerifyLimit);
        try
        {
            var result = await store.VerifyAuditAsync(key, cancellationToken: limit.Token);
            last.Record(new VerificationRun(DateTimeOffset.UtcNow, by, clock.Elapsed, result, null));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            last.Record(new VerificationRun(DateTimeOffset.UtcNow, by, clock.Elapsed, null,
                $"The verification was stopped after {VerifyLimit.TotalSeconds:F0} s, unfinished: run 'vigil audit verify' on the server for a log this large."));
        }
        catch (Exception)
        {
            last.Record(new VerificationRun(DateTimeOffset.UtcNow, by, clock.Elapsed, null, "The verification did not finish: the request ended or the store failed; nothing was found wrong or right."));
            throw;
        }
        return Results.Redirect("/audit#verification");
    }
}
