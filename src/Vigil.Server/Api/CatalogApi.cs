using System.Globalization;
using Vigil.Core.Screening;
using Vigil.Core.Sources;
using Vigil.Server.Hosting;

namespace Vigil.Server.Api;

/// <summary>
/// <c>GET /catalog</c> in yente's DataCatalogModel shape: one dataset per list the index holds, and the
/// <c>default</c> collection over all of them. Marble reads it for the datasets a user may pick (name, title, load,
/// index_version, children).
/// </summary>
public static class CatalogApi
{
    public static void MapCatalogApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/catalog", (ScreeningIndexHost host) =>
            {
                if (host.Current is not { } loaded)
                {
                    return Problems.NotReady();
                }
                var snapshots = loaded.Corpus.Snapshots;
                var lists = snapshots.Select(s => new CatalogDataset(s.Source, SourceIds.Title(s.Source),
                    Version(s), Version(s), s.Published, YenteEntity.Timestamp(s.ImportedAt), [])).ToList();
                var collection = new CatalogDataset("default", "Every list Vigil holds", snapshots.Count == 0 ? "" : lists.Max(l => l.Version)!,
                    snapshots.Count == 0 ? null : lists.Max(l => l.Version), null,
                    snapshots.Count == 0 ? null : YenteEntity.Timestamp(snapshots.Max(s => s.ImportedAt)), [.. lists.Select(l => l.Name)]);
                List<CatalogDataset> datasets = [collection, .. lists];
                return Results.Json(new DataCatalog(datasets, [.. datasets.Select(d => d.Name)], [], IndexStale: false), MatchJson.Options);
            })
            .WithTags("Matching").WithSummary("The datasets the index holds, as yente's /catalog lists them")
            .Produces<DataCatalog>().ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>A snapshot's version in yente's form (the time it was taken, then an id): <c>20240528074703-s12</c>.</summary>
    private static string Version(ScreenedSnapshot snapshot) =>
        snapshot.ImportedAt.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "-s" + snapshot.Snapshot.ToString(CultureInfo.InvariantCulture);
}
