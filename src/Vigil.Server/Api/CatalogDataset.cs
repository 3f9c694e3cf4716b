using System.Text.Json.Serialization;

namespace Vigil.Server.Api;

/// <summary>
/// One dataset in yente's catalog (YenteDatasetModel): a list, or the <c>default</c> collection whose children are
/// the lists. Every dataset listed is loaded and indexed at the version given.
/// </summary>
/// <param name="Published">The publication date the list states, when it states one.</param>
public sealed record CatalogDataset(
    string Name,
    string Title,
    string Version,
    [property: JsonPropertyName("index_version")] string? IndexVersion,
    [property: JsonPropertyName("published")] string? Published,
    [property: JsonPropertyName("updated_at")] string? UpdatedAt,
    IReadOnlyList<string> Children)
{
    public bool Load => true;

    [JsonPropertyName("index_current")]
    public bool IndexCurrent => true;

    [JsonPropertyName("entities_url")]
    public string? EntitiesUrl => null;
}
