using System.Text.Json.Serialization;

namespace Vigil.Server.Api;

/// <summary>One search result: the entity in yente's EntityResponse shape, its score, whether it alerts, and the listed name that met the query.</summary>
public sealed record SearchResult(
    string Id,
    string Caption,
    string Schema,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Properties,
    IReadOnlyList<string> Datasets,
    IReadOnlyList<string> Referents,
    bool Target,
    [property: JsonPropertyName("first_seen")] string? FirstSeen,
    [property: JsonPropertyName("last_seen")] string? LastSeen,
    [property: JsonPropertyName("last_change")] string? LastChange,
    [property: JsonPropertyName("vigil_properties")] IReadOnlyDictionary<string, IReadOnlyList<string>> VigilProperties,
    double Score,
    bool Match,
    string MatchedName)
{
    public static SearchResult Of(Vigil.Core.Screening.ScreeningHit hit, YenteEntity entity) =>
        new(entity.Id, entity.Caption, entity.Schema, entity.Properties, entity.Datasets, entity.Referents, entity.Target,
            entity.FirstSeen, entity.LastSeen, entity.LastChange, entity.VigilProperties, hit.Score, hit.Match, hit.Explanation.MatchedName);
}
