using Vigil.Server.Hosting;

namespace Vigil.Server.Api;

/// <summary>
/// <c>/healthz</c> (the process answers) and <c>/readyz</c> (the screening index is built, holds at least one list,
/// and no list is older than its maximum age).
/// </summary>
public static class HealthApi
{
    public static void MapHealthApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => Results.Ok(new { status = "ok" }))
            .AllowAnonymous()
            .WithTags("Health").WithSummary("Liveness: the process is up")
            .Produces<Dictionary<string, string>>();
        endpoints.MapGet("/readyz", Ready)
            .AllowAnonymous()
            .WithTags("Health").WithSummary("Readiness: the screening index is loaded, holds a list, and no list is stale")
            .Produces<ReadyResponse>().Produces<ReadyResponse>(StatusCodes.Status503ServiceUnavailable);
    }

    private static IResult Ready(ScreeningIndexHost host, ServerOptions options)
    {
        if (host.Current is not { } loaded)
        {
            return Results.Json(new ReadyResponse(false, "the screening index is being built", 0, 0, [], [], [], null),
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        var corpus = loaded.Corpus;
        var ages = options.Freshness.Check(corpus.Snapshots);
        var stale = ages.Where(a => a.Stale).Select(a => a.Snapshot.Source).ToList();
        var lists = ages.Select(a => new ReadyList(a.Snapshot.Source, a.Snapshot.Snapshot, a.Snapshot.Published, a.Snapshot.ImportedAt,
            Math.Round(a.Age.TotalSeconds), a.MaxAge?.TotalSeconds, a.Stale)).ToList();
        string? reason = !corpus.HasLists
            ? "no list is loaded: screening would find nothing"
            : stale.Count > 0
                ? "stale lists, older than their maximum age: " + string.Join(", ", stale)
                : null;
        var response = new ReadyResponse(reason is null, reason, corpus.EntityCount, corpus.Index.NameCount,
            corpus.Snapshots.Select(s => s.Snapshot).ToList(), lists, stale, loaded.BuiltAt);
        return Results.Json(response, statusCode: reason is null ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}

/// <summary>
/// Whether the server can be trusted to screen, why not, the index's size, the snapshot set it was built from (ids,
/// and each list with its publication, import and age), the stale sources, and when the index was built.
/// </summary>
public sealed record ReadyResponse(
    bool Ready,
    string? Reason,
    int Entities,
    int Names,
    IReadOnlyList<long> Snapshots,
    IReadOnlyList<ReadyList> Lists,
    IReadOnlyList<string> Stale,
    DateTimeOffset? BuiltAt);

/// <summary>One list in the index: its snapshot, when it was published and imported, its age and maximum age in seconds.</summary>
public sealed record ReadyList(string Source, long Snapshot, string? Published, DateTimeOffset Imported, double AgeSeconds, double? MaxAgeSeconds, bool Stale);
