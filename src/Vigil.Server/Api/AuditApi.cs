using System.Text.Json;
using Vigil.Core.Access;
using Vigil.Core.Audit;
using Vigil.Core.Jobs;
using Vigil.Core.Screening;
using Vigil.Core.Storage;
using Vigil.Core.Workflow;
using Vigil.Server.Hosting;

namespace Vigil.Server.Api;

/// <summary>
/// <c>/audit</c> and <c>/evidence</c>: the tamper-evident audit trail read and exported, its latest signed checkpoint,
/// and a subject's evidence bundle, verifiable offline with the log's public key.
/// </summary>
public static class AuditApi
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static void MapAuditApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/audit", List).Requires(Permission.ReadAudit)
            .WithTags("Audit").WithSummary("Audit entries in sequence order, with their hashes and payloads; filters from, to (dates or times, inclusive), subject, kind, actor; paged by after (a sequence number) and limit (1-1000)")
            .Produces<AuditPage>().ProducesProblem(StatusCodes.Status400BadRequest);
        endpoints.MapGet("/audit/export", Export).Requires(Permission.ReadAudit)
            .WithTags("Audit").WithSummary("Audit entries as JSON lines, or ?format=csv or xlsx (formula cells neutralised); filters from, to, subject")
            .Produces<Stream>(StatusCodes.Status200OK, "application/x-ndjson", "text/csv", XlsxType)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        endpoints.MapGet("/audit/checkpoint", Checkpoint).Requires(Permission.ReadAudit)
            .WithTags("Audit").WithSummary("The latest signed checkpoint: tree size, Merkle root, time, key id, the note as text, and the public key (PEM) that verifies it")
            .Produces<AuditCheckpoint>().ProducesProblem(StatusCodes.Status404NotFound);
        endpoints.MapGet("/evidence/subjects/{reference}", Evidence).Requires(Permission.ReadOwnEvidence)
            .WithTags("Audit").WithSummary("A subject's evidence bundle up to ?at=DATE: its versions, screenings with list versions, alerts and decisions, with inclusion proofs to a signed checkpoint ('vigil audit check-proof' verifies it offline); an analyst only for subjects whose alerts they worked on")
            .Produces<EvidenceBundle>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>A page of audit entries and the <c>after</c> value of the next page (null on the last).</summary>
    public sealed record AuditPage(IReadOnlyList<AuditRow> Entries, long? NextAfter);

    /// <summary>One audit entry as the API shows it.</summary>
    public sealed record AuditRow(long Seq, string Time, string Actor, string Kind, string? Subject, long? Alert, long? Decision, long? Snapshot, long? Run, string PayloadSha256, string LeafHash, string ChainHash, JsonElement? Payload);

    /// <summary>The latest signed checkpoint.</summary>
    public sealed record AuditCheckpoint(long TreeSize, string Root, string Time, string KeyId, string Note, string? PublicKey);

    private static bool TryTime(string? text, string field, out string? value, out IResult? problem)
    {
        value = null;
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        if (CorpusAsOf.ParseTime(text) is not { } time)
        {
            problem = Problems.BadRequest($"{field}: '{text}' is not a date such as 2027-03-01 (or 2027-03-01T12:00:00Z)");
            return false;
        }
        // A "from" date starts at midnight; a "to" date runs to the end of that day.
        value = Clock(field == "from" && text.Trim().Length == 10 ? time.Date : time);
        return true;
    }

    private static string Clock(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    internal static async Task<IResult> List(string? from, string? to, string? subject, string? kind, string? actor, long? after, int? limit, VigilStore store, CancellationToken cancellationToken)
    {
        if (!TryTime(from, "from", out var f, out var problem) || !TryTime(to, "to", out var t, out problem))
        {
            return problem!;
        }
        AuditEventKind? k = null;
        if (kind is not null)
        {
            if (!WorkflowNames.TryParse<AuditEventKind>(kind, out var parsed))
            {
                return Problems.BadRequest($"kind: '{kind}' is not one of {WorkflowNames.All<AuditEventKind>()}");
            }
            k = parsed;
        }
        if (limit is < 1 or > 1000)
        {
            return Problems.BadRequest("limit: give 1 to 1000");
        }
        var page = limit ?? 100;
        var records = await store.ListAuditAsync(new AuditQuery(f, t, subject, k, actor, after ?? 0, page), cancellationToken);
        return Results.Ok(new AuditPage([.. records.Select(Row)], records.Count == page ? records[^1].Entry.Sequence : null));
    }

    private static AuditRow Row(AuditRecord r) => new(
        r.Entry.Sequence, r.Entry.Time, r.Entry.Actor, WorkflowNames.Name(r.Entry.Kind), r.Entry.Subject, r.Entry.AlertId, r.Entry.DecisionId,
        r.Entry.SnapshotId, r.Entry.RunId, r.Entry.PayloadHash, r.LeafHash, r.ChainHash, r.Payload is null ? null : JsonDocument.Parse(r.Payload).RootElement);

    internal static async Task<IResult> Export(HttpContext context, string? from, string? to, string? subject, string? format, VigilStore store, CancellationToken cancellationToken)
    {
        if (!TryTime(from, "from", out var f, out var problem) || !TryTime(to, "to", out var t, out problem))
        {
            return problem!;
        }
        var (kind, type, extension) = (format ?? "jsonl").ToLowerInvariant() switch
        {
            "jsonl" => (JobResultFormat.JsonLines, "application/x-ndjson", "jsonl"),
            "csv" => (JobResultFormat.Csv, "text/csv", "csv"),
            "xlsx" => (JobResultFormat.Xlsx, XlsxType, "xlsx"),
            _ => ((JobResultFormat?)null, "", ""),
        };
        if (kind is not { } chosen)
        {
            return Problems.BadRequest($"format: '{format}' is not one of jsonl, csv, xlsx");
        }
        var query = new AuditQuery(f, t, subject, Limit: 0);
        context.Response.ContentType = type;
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"audit.{extension}\"";
        var count = await AuditExport.WriteAsync(store.ReadAuditAsync(query, cancellationToken), context.Response.Body, chosen, cancellationToken);
        await store.AppendAuditAsync(new AuditEvent(AuditEventKind.ExportMade, Caller.Name(context), new Dictionary<string, object?>
        {
            ["export"] = "audit",
            ["format"] = extension,
            ["from"] = f,
            ["to"] = t,
            ["subject"] = subject,
            ["entries"] = count,
        }, subject), cancellationToken);
        return Results.Empty;
    }

    internal static async Task<IResult> Checkpoint(VigilStore store, AuditKeyHolder keys, CancellationToken cancellationToken) =>
        await store.LatestCheckpointAsync(cancellationToken) is { } c
            ? Results.Ok(new AuditCheckpoint(c.TreeSize, Convert.ToBase64String(c.Root), c.Time, c.KeyId, c.Note(), keys.Key?.PublicPem()))
            : Problems.NotFound("no audit checkpoint has been signed yet; the server signs one on its schedule, or run 'vigil audit checkpoint'");

    internal static async Task<IResult> Evidence(HttpContext context, string reference, string? at, VigilStore store, AuditKeyHolder keys, CancellationToken cancellationToken)
    {
        if (keys.Key is not { } key)
        {
            return Results.Problem(detail: keys.Missing, statusCode: StatusCodes.Status503ServiceUnavailable, title: "No audit key");
        }
        if (CorpusAsOf.ParseTime(at ?? "") is not { } when)
        {
            return Problems.BadRequest($"at: '{at}' is not a date such as 2027-03-01 (or 2027-03-01T12:00:00Z)");
        }
        if (!Caller.May(context, Permission.ReadAudit) && !await store.HasWorkedOnSubjectAsync(reference, Caller.Name(context), cancellationToken))
        {
            return Results.Problem(
                detail: $"{Caller.Name(context)} has the role {WorkflowNames.Name(Caller.RoleOf(context))}, which may read the evidence of subjects whose alerts it worked on; {reference} is not one of them",
                statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        }
        var bundle = await store.BuildEvidenceAsync(reference, when, key, Caller.Name(context), cancellationToken);
        return bundle is null ? Problems.NotFound($"no subject {reference}") : Results.Json(bundle, EvidenceBundle.Json);
    }
}
