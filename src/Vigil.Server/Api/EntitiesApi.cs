using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Vigil.Core.Storage;
using Vigil.Server.Hosting;

namespace Vigil.Server.Api;

/// <summary><c>GET /entities/{id}</c>: the canonical entity a record belongs to, every value with its source and snapshot.</summary>
public static class EntitiesApi
{
    public static void MapEntitiesApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/entities/{id}", (string id, VigilStore store, [FromQuery(Name = "as_of")] string? asOf) =>
            {
                if (!TryDate(asOf, "as_of", out var date, out var error))
                {
                    return error!;
                }
                return store.GetEntity(id, date) is { } entity
                    ? Results.Ok(entity)
                    : Problems.NotFound($"id: no entity '{id}'" + (date is null ? "" : $" as of {asOf}"));
            })
            .WithTags("Entities").WithSummary("An entity with all its records, names, designations and statements, each with its source and snapshot")
            .Produces<EntityView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
    }

    internal static bool TryDate(string? text, string field, out DateOnly? date, out IResult? error)
    {
        date = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            date = d;
            return true;
        }
        error = Problems.BadRequest($"{field}: '{text}' is not a date in the form YYYY-MM-DD");
        return false;
    }
}
