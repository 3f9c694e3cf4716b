using Microsoft.AspNetCore.Mvc;
using Vigil.Core.Storage;
using Vigil.Server.Hosting;

namespace Vigil.Server.Api;

/// <summary>
/// <c>GET /entities/{id}</c>: the canonical entity in yente's EntityResponse shape, as yente clients (Marble's match
/// enrichment) read it; a referent's id redirects to its canonical entity, as yente does. Vigil's provenance view
/// (every record, name, designation and statement with its source and snapshot) is <c>/entities/{id}/provenance</c>.
/// </summary>
public static class EntitiesApi
{
    public static void MapEntitiesApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/entities/{id}", (string id, ScreeningIndexHost host, VigilStore store, HttpRequest request) =>
            {
                if (request.Query.ContainsKey("as_of"))
                {
                    return Problems.BadRequest($"as_of: the yente entity is the latest; ask /entities/{id}/provenance?as_of=... for an entity as of a date");
                }
                if (host.Current is not { } loaded)
                {
                    return Problems.NotReady();
                }
                if (loaded.Corpus.CanonicalId(id) is not { } canonical)
                {
                    return Problems.NotFound($"id: no entity '{id}' in the latest snapshots (its history, if any, is at /entities/{id}/provenance)");
                }
                if (canonical != id)
                {
                    return Results.Redirect($"/entities/{Uri.EscapeDataString(canonical)}", permanent: true, preserveMethod: true);
                }
                var entity = loaded.Corpus.Entity(canonical);
                return Results.Json(YenteEntity.Of(entity, loaded.Properties.GetOrRead(entity, store.Latest)), MatchJson.Options);
            })
            .WithTags("Entities").WithSummary("An entity in yente's shape: FollowTheMoney properties and topics, datasets, referents, first_seen, last_seen, last_change")
            .Produces<YenteEntity>().Produces(StatusCodes.Status308PermanentRedirect).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        endpoints.MapGet("/entities/{id}/provenance", (string id, VigilStore store, [FromQuery(Name = "as_of")] string? asOf) =>
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
