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
                if (!RequestValues.TryDate(asOf, out var date))
                {
                    return Problems.BadRequest($"as_of: '{asOf}' is not a date in the form YYYY-MM-DD");
                }
                return store.GetEntity(id, date) is { } entity
                    ? Results.Ok(entity)
                    : Problems.NotFound($"id: no entity '{id}'" + (date is null ? "" : $" as of {asOf}"));
            })
            .WithTags("Entities").WithSummary("An entity with all its records, names, designations and statements, each with its source and snapshot")
            .Produces<EntityView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
    }
}
