using Microsoft.AspNetCore.Mvc;
using Vigil.Core.Storage;
using Vigil.Server.Hosting;

namespace Vigil.Server.Api;

/// <summary><c>/lists</c>: each source and its snapshots, and what changed between two snapshots.</summary>
public static class ListsApi
{
    public static void MapListsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/lists", (VigilStore store) => Results.Ok(store.Lists().Select(l => new ListSummary(
                l.Source, l.Snapshots.Count, Public(l.Snapshots[^1]))).ToList()))
            .WithTags("Lists").WithSummary("Every imported source with its latest snapshot")
            .Produces<List<ListSummary>>();
        endpoints.MapGet("/lists/{source}/snapshots", (string source, VigilStore store) =>
                store.Lists().FirstOrDefault(l => l.Source == source) is { } list
                    ? Results.Ok(list.Snapshots.Select(Public).ToList())
                    : Problems.NotFound($"source: no list '{source}'"))
            .WithTags("Lists").WithSummary("The snapshots of one source, oldest first")
            .Produces<IReadOnlyList<SnapshotInfo>>().ProducesProblem(StatusCodes.Status404NotFound);
        endpoints.MapGet("/lists/{source}/diff", (string source, VigilStore store, [FromQuery] string? from, [FromQuery] string? to) =>
            {
                if (!RequestValues.TrySnapshotId(from, out var fromId))
                {
                    return NotASnapshot("from", from);
                }
                if (!RequestValues.TrySnapshotId(to, out var toId))
                {
                    return NotASnapshot("to", to);
                }
                try
                {
                    return Results.Ok(store.Diff(source, fromId, toId));
                }
                catch (KeyNotFoundException e)
                {
                    return Problems.NotFound(e.Message);
                }
            })
            .WithTags("Lists").WithSummary("Added, removed and changed records between two snapshots (default: the latest and the one before)")
            .Produces<DiffResult>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>
    /// The snapshot as clients see it: its origin is the imported file's name, never the path it had on the server
    /// (which says how the server's disk is laid out); <c>vigil lists --json</c> shows the full path locally.
    /// </summary>
    private static SnapshotInfo Public(SnapshotInfo snapshot) =>
        snapshot with { Origin = Path.GetFileName(Path.TrimEndingDirectorySeparator(snapshot.Origin)) };

    private static IResult NotASnapshot(string field, string? text) =>
        Problems.BadRequest($"{field}: '{text}' is not a snapshot id (a positive number, see /lists/{{source}}/snapshots)");
}

/// <summary>A source, how many snapshots it has and its latest one.</summary>
public sealed record ListSummary(string Source, int SnapshotCount, SnapshotInfo Latest);
