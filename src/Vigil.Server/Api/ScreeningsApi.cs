using System.Data.Common;
using Vigil.Core.Access;
using Vigil.Core.Storage;
using Vigil.Core.Workflow;
using Vigil.Server.Hosting;

namespace Vigil.Server.Api;

/// <summary>
/// <c>GET /screenings/{id}</c>: a recorded screening (of a subject, or of a query sent with <c>record=true</c>) with the
/// run that made it: kind, actor, profile, threshold, matcher version, configuration hash and the snapshot set.
/// </summary>
public static class ScreeningsApi
{
    /// <summary>The response header naming recorded screenings: one id per query, comma-separated, in request order.</summary>
    public const string IdHeader = "Vigil-Screening-Id";

    public static void MapScreeningsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/screenings/{id}", Get).Requires(Permission.ReadWork)
            .WithTags("Subjects")
            .WithSummary("A recorded screening: the subject version or ad-hoc query hash, the outcome, the hits, and its run with the list snapshots it ran against")
            .Produces<RecordedScreening>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    internal static async Task<IResult> Get(string id, VigilStore store, CancellationToken cancellationToken)
    {
        if (!long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) || number < 1)
        {
            return Problems.BadRequest($"id: '{id}' is not a screening id (a positive whole number, as the {IdHeader} header gives it)");
        }
        return await store.GetScreeningAsync(number, cancellationToken) is { } screening
            ? Results.Json(screening, WorkflowJson.Compact)
            : Problems.NotFound($"id: no screening {number}");
    }

    /// <summary>Whether an exception means the store could not take the record (as opposed to a bug).</summary>
    internal static bool IsStoreFailure(Exception e) => e is DbException or StoreUnavailableException or InvalidDataException or TimeoutException;

    /// <summary>503: the screening was asked to be recorded and could not be; the results are withheld rather than sent unrecorded.</summary>
    internal static IResult NotRecorded(Exception e, ILogger logger)
    {
        // The store's own message may name tables or hosts: it goes to the log, not to the client.
        logger.LogError(e, "A screening asked to be recorded could not be written");
        return Results.Problem(
            detail: "The screening could not be recorded, so its results are not sent: the store refused the write. Try again, or ask without record=true.",
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Not recorded");
    }
}
