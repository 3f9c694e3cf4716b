using System.Text.Json.Serialization;

namespace Vigil.Matching.Screening;

/// <summary>A fact beside the name whose value screening reads: the same names as the qualifier effects use.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<QualifierKind>))]
public enum QualifierKind
{
    [JsonStringEnumMemberName("birthDate")]
    BirthDate,

    [JsonStringEnumMemberName("country")]
    Country,

    [JsonStringEnumMemberName("identifier")]
    Identifier,
}
