using Vigil.Server.Hosting;

namespace Vigil.Server.Api;

/// <summary><c>/healthz</c> (the process answers) and <c>/readyz</c> (the screening index is built and searchable).</summary>
public static class HealthApi
{
    public static void MapHealthApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => Results.Ok(new { status = "ok" }))
            .WithTags("Health").WithSummary("Liveness: the process is up")
            .Produces<Dictionary<string, string>>();
        endpoints.MapGet("/readyz", (ScreeningIndexHost host) => host.Current is { } loaded
                ? Results.Ok(new ReadyResponse(true, loaded.Corpus.EntityCount, loaded.Corpus.Index.NameCount, loaded.Corpus.Snapshots.Select(s => s.Snapshot).ToList(), loaded.BuiltAt))
                : Results.Json(new ReadyResponse(false, 0, 0, [], null), statusCode: StatusCodes.Status503ServiceUnavailable))
            .WithTags("Health").WithSummary("Readiness: the screening index is loaded")
            .Produces<ReadyResponse>().Produces<ReadyResponse>(StatusCodes.Status503ServiceUnavailable);
    }
}

/// <summary>Whether the index is ready, its size, the snapshots it was built from and when.</summary>
public sealed record ReadyResponse(bool Ready, int Entities, int Names, IReadOnlyList<long> Snapshots, DateTimeOffset? BuiltAt);
