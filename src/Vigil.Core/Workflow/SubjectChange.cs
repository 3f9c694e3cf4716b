using System.Text.Json.Serialization;

namespace Vigil.Core.Workflow;

/// <summary>What writing a subject did: each but <see cref="Unchanged"/> records a new version.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SubjectChange>))]
public enum SubjectChange
{
    /// <summary>The subject's stored fields already say the same (a case, spacing or punctuation edit is no change).</summary>
    [JsonStringEnumMemberName("unchanged")]
    Unchanged,

    /// <summary>A new reference, or one whose subject had been deleted.</summary>
    [JsonStringEnumMemberName("created")]
    Created,

    /// <summary>A screened field, the profile, the portfolio or the monitoring flag changed.</summary>
    [JsonStringEnumMemberName("changed")]
    Changed,

    /// <summary>Monitoring ended; the history stays.</summary>
    [JsonStringEnumMemberName("deleted")]
    Deleted,
}
