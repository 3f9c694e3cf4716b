using System.Text.Json.Serialization;

namespace Vigil.Server.Api;

/// <summary>yente's DataCatalogModel: the datasets, which are current and which outdated, and whether the index is stale.</summary>
public sealed record DataCatalog(
    IReadOnlyList<CatalogDataset> Datasets,
    IReadOnlyList<string> Current,
    IReadOnlyList<string> Outdated,
    [property: JsonPropertyName("index_stale")] bool IndexStale);
