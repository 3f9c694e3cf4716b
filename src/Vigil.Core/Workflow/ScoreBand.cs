using System.Text.Json.Serialization;

namespace Vigil.Core.Workflow;

/// <summary>
/// The band a hit's score falls in: a cleared hit re-alerts when its band rises, so a matcher or threshold change
/// that makes a match much stronger is seen, while the small moves within a band are not. Stored as its number.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ScoreBand>))]
public enum ScoreBand
{
    /// <summary>From the profile's threshold up to 0.85.</summary>
    [JsonStringEnumMemberName("low")]
    Low = 1,

    /// <summary>From 0.85 up to 0.95.</summary>
    [JsonStringEnumMemberName("medium")]
    Medium = 2,

    /// <summary>0.95 and above.</summary>
    [JsonStringEnumMemberName("high")]
    High = 3,
}
