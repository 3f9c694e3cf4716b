using System.Text.Json.Serialization;

namespace Vigil.Core.Workflow;

/// <summary>The reason code of a decision, for reporting; the rationale says the rest in words.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DecisionReason>))]
public enum DecisionReason
{
    [JsonStringEnumMemberName("name_only")]
    NameOnly,

    [JsonStringEnumMemberName("dob_differs")]
    DobDiffers,

    [JsonStringEnumMemberName("country_differs")]
    CountryDiffers,

    [JsonStringEnumMemberName("identifier_differs")]
    IdentifierDiffers,

    [JsonStringEnumMemberName("deceased")]
    Deceased,

    [JsonStringEnumMemberName("other")]
    Other,
}
