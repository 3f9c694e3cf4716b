using System.Globalization;
using System.Text.Json.Serialization;
using Vigil.Core.Screening;
using Vigil.Core.Storage;

namespace Vigil.Server.Api;

/// <summary>
/// An entity in yente's EntityResponse shape (yente/data/common.py): FollowTheMoney schema and properties (with its
/// <c>topics</c>), datasets, referents, target, and first_seen, last_seen and last_change as yente writes them.
/// Properties FtM does not define on the schema are under <c>vigil_properties</c>, a key yente clients ignore.
/// </summary>
public sealed record YenteEntity(
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
    [property: JsonPropertyName("vigil_properties")] IReadOnlyDictionary<string, IReadOnlyList<string>> VigilProperties)
{
    public static YenteEntity Of(ScreenedEntity entity, LatestEntity latest)
    {
        var ftm = FtmSchemata.Split(entity.Schema, latest.Properties, entity.Topics);
        return new YenteEntity(entity.Id, entity.Caption, ftm.Schema, ftm.Properties, entity.Datasets, entity.Referents, Target: true,
            Timestamp(latest.FirstSeen), Timestamp(latest.LastSeen), Timestamp(EntityChange.LastChange(latest)), ftm.Other);
    }

    /// <summary>A time as yente writes its datetimes (UTC, to the second, no zone: <c>2024-05-28T07:47:03</c>).</summary>
    public static string? Timestamp(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    private static string? Timestamp(string? iso) => Timestamp(EntityChange.ParseTime(iso));
}
