using System.Globalization;
using Vigil.Core.Screening;
using Vigil.Server.Hosting;

namespace Vigil.Server.Api;

/// <summary>
/// <c>GET /catalog</c> in yente's DataCatalogModel shape: one dataset per list the index holds, and the
/// <c>default</c> collection over all of them. Marble reads it for the datasets a user may pick (name, title, load,
/// index_version, children).
/// </summary>
public static class CatalogApi
{
    /// <summary>What each built-in list is called; a custom list is called by its source name.</summary>
    private static readonly Dictionary<string, string> Titles = new(StringComparer.Ordinal)
    {
        ["un-sc"] = "UN Security Council Consolidated Sanctions List",
        ["us-ofac-sdn"] = "US OFAC Specially Designated Nationals (SDN) List",
        ["us-ofac-cons"] = "US OFAC Consolidated (non-SDN) Sanctions List",
        ["eu-fsf"] = "EU Financial Sanctions Files (FSF)",
        ["gb-hmt"] = "UK HM Treasury OFSI Consolidated List",
        ["ch-seco"] = "Swiss SECO Sanctions List",
        ["au-dfat"] = "Australia DFAT Consolidated Sanctions List",
        ["ca-sema"] = "Canada Special Economic Measures Act Sanctions",
        ["us-bis-dpl"] = "US BIS Denied Persons List",
    };

    public static void MapCatalogApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/catalog", (ScreeningIndexHost host) =>
            {
                if (host.Current is not { } loaded)
                {
                    return Problems.NotReady();
                }
                var snapshots = loaded.Corpus.Snapshots;
                var lists = snapshots.Select(s => new CatalogDataset(s.Source, Titles.GetValueOrDefault(s.Source, s.Source),
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
