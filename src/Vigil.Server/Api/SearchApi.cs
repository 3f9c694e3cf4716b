using Microsoft.AspNetCore.Mvc;
using Vigil.Matching;
using Vigil.Matching.Screening;
using Vigil.Server.Hosting;

namespace Vigil.Server.Api;

/// <summary><c>GET /search?q=...</c>: a quick name search over every list, scored by the same matcher as screening.</summary>
public static class SearchApi
{
    public static void MapSearchApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/search", (ScreeningIndexHost host, [FromQuery] string? q, [FromQuery] string? schema, [FromQuery] string? dataset,
                [FromQuery] int? limit, [FromQuery] int? offset) => Search(host, q, schema, dataset ?? "default", limit, offset))
            .WithTags("Search").WithSummary("Search every list by name (any script)")
            .Produces<SearchResponse>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        endpoints.MapGet("/search/{dataset}", (string dataset, ScreeningIndexHost host, [FromQuery] string? q, [FromQuery] string? schema,
                [FromQuery] int? limit, [FromQuery] int? offset) => Search(host, q, schema, dataset, limit, offset))
            .WithTags("Search").WithSummary("Search one list (or 'default' for all) by name, as yente's /search/{dataset}")
            .Produces<SearchResponse>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static IResult Search(ScreeningIndexHost host, string? q, string? schema, string dataset, int? limit, int? offset)
    {
        if (host.Current is not { } loaded)
        {
            return Problems.NotReady();
        }
        if (string.IsNullOrWhiteSpace(q) || q.Length > ServerDefaults.MaxQueryLength)
        {
            return Problems.BadRequest($"q: give a name of 1 to {ServerDefaults.MaxQueryLength} characters");
        }
        var take = limit ?? 10;
        var skip = offset ?? 0;
        if (take is < 1 or > ServerDefaults.MaxLimit || skip is < 0 or > ServerDefaults.MaxLimit)
        {
            return Problems.BadRequest($"limit and offset: limit 1 to {ServerDefaults.MaxLimit}, offset 0 to {ServerDefaults.MaxLimit}");
        }
        if (!ScreeningQueries.DatasetExists(loaded.Corpus, dataset))
        {
            return Problems.NotFound($"dataset: no dataset '{dataset}'");
        }
        var options = new MatchOptions { Limit = skip + take + (ScreeningQueries.AllLists(dataset) ? 0 : 50) };
        var hits = loaded.Corpus.Screen(new ScreeningQuery(q, NameMatcher.KindOf(schema)), options)
            .Where(h => ScreeningQueries.InDataset(h.Entity, dataset))
            .ToList();
        var results = hits.Skip(skip).Take(take)
            .Select(h => new SearchResult(h.Entity.Id, h.Entity.Caption, h.Entity.Schema, h.Entity.Datasets, h.Entity.Referents, h.Score, h.Match, h.Explanation.MatchedName))
            .ToList();
        return Results.Ok(new SearchResponse(results, new TotalSpec(hits.Count, "eq"), take, skip));
    }
}

/// <summary>Search results, a page of them, with the total found.</summary>
public sealed record SearchResponse(IReadOnlyList<SearchResult> Results, TotalSpec Total, int Limit, int Offset);

/// <summary>One search result: the canonical entity, its score, whether it alerts, and the listed name that met the query.</summary>
public sealed record SearchResult(string Id, string Caption, string Schema, IReadOnlyList<string> Datasets, IReadOnlyList<string> Referents, double Score, bool Match, string MatchedName);
