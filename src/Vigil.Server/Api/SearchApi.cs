using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Vigil.Core.Screening;
using Vigil.Core.Storage;
using Vigil.Matching;
using Vigil.Matching.Screening;
using Vigil.Server.Hosting;

namespace Vigil.Server.Api;

/// <summary>
/// <c>GET /search?q=...</c>: a quick name search over every list, scored by the same matcher as screening, in yente's
/// SearchResponse shape (results with their FtM properties, total, limit, offset, and facets by country, topic and
/// dataset), plus the list snapshots searched.
/// </summary>
public static class SearchApi
{
    public static void MapSearchApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/search", (ScreeningIndexHost host, VigilStore store, [FromQuery] string? q, [FromQuery] string? schema, [FromQuery] string? dataset,
                [FromQuery] int? limit, [FromQuery] int? offset) => Search(host, store, q, schema, dataset ?? "default", limit, offset))
            .WithTags("Search").WithSummary("Search every list by name (any script)")
            .Produces<SearchResponse>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        endpoints.MapGet("/search/{dataset}", (string dataset, ScreeningIndexHost host, VigilStore store, [FromQuery] string? q, [FromQuery] string? schema,
                [FromQuery] int? limit, [FromQuery] int? offset) => Search(host, store, q, schema, dataset, limit, offset))
            .WithTags("Search").WithSummary("Search one list (or 'default' for all) by name, as yente's /search/{dataset}")
            .Produces<SearchResponse>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static IResult Search(ScreeningIndexHost host, VigilStore store, string? q, string? schema, string dataset, int? limit, int? offset)
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
            .Select(h => SearchResult.Of(h, YenteEntity.Of(h.Entity, loaded.Properties.GetOrRead(h.Entity, store.Latest))))
            .ToList();
        var facets = new Dictionary<string, SearchFacet>(StringComparer.Ordinal)
        {
            ["countries"] = Facet("Countries", hits.SelectMany(h => h.Entity.Countries), CountryLabel),
            ["topics"] = Facet("Topics", hits.SelectMany(h => h.Entity.Topics), t => t),
            ["datasets"] = Facet("Data sources", hits.SelectMany(h => h.Entity.Datasets), d => d),
        };
        return Results.Json(new SearchResponse(results, facets, new TotalSpec(hits.Count, "eq"), take, skip, loaded.Corpus.Snapshots), MatchJson.Options);
    }

    /// <summary>A facet over every result found (not only the page), most frequent value first, as yente's terms aggregation.</summary>
    private static SearchFacet Facet(string label, IEnumerable<string> values, Func<string, string> valueLabel) =>
        new(label, [.. values.GroupBy(v => v, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new SearchFacetItem(g.Key, valueLabel(g.Key), g.Count()))]);

    private static string CountryLabel(string code)
    {
        try
        {
            return new RegionInfo(code).EnglishName;
        }
        catch (ArgumentException)
        {
            // A code ICU does not know (xk, a historic one) is shown as itself.
            return code;
        }
    }
}

/// <summary>yente's SearchResponse: a page of results with the total found and facets, plus (ignored by yente clients) the snapshots searched.</summary>
public sealed record SearchResponse(IReadOnlyList<SearchResult> Results, Dictionary<string, SearchFacet> Facets, TotalSpec Total, int Limit, int Offset, IReadOnlyList<ScreenedSnapshot> Snapshots);
