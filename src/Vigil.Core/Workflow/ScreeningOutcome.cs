using System.Text.Json.Serialization;

namespace Vigil.Core.Workflow;

/// <summary>What one screening of one subject came to; stored in snake case (<c>no_hit</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ScreeningOutcome>))]
public enum ScreeningOutcome
{
    /// <summary>No result reached the profile's threshold; recorded all the same, as evidence.</summary>
    [JsonStringEnumMemberName("no_hit")]
    NoHit,

    /// <summary>
    /// At least one result reached the threshold and no alert rule judged it: an ad-hoc query, which has no subject
    /// whose decisions could apply. A subject's hits are recorded as <see cref="Alert"/> or <see cref="Suppressed"/>.
    /// </summary>
    [JsonStringEnumMemberName("hit")]
    Hit,

    /// <summary>A hit that raised or updated an alert.</summary>
    [JsonStringEnumMemberName("alert")]
    Alert,

    /// <summary>A hit a decision in force keeps quiet (the screening names the decision).</summary>
    [JsonStringEnumMemberName("suppressed")]
    Suppressed,

    /// <summary>The subject could not be screened; the screening says why.</summary>
    [JsonStringEnumMemberName("error")]
    Error,
}
