using System.Text.Json.Serialization;

namespace Vigil.Core.Workflow;

/// <summary>What changed since a pair was cleared; a <see cref="AlertKind.ReReview"/> alert carries one or more.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AlertReason>))]
public enum AlertReason
{
    /// <summary>The subject's screened input (its input hash) differs from what the decision saw.</summary>
    [JsonStringEnumMemberName("subject_changed")]
    SubjectChanged,

    /// <summary>The material facts of the listed records differ from what the decision saw; the alert carries the diff.</summary>
    [JsonStringEnumMemberName("entity_changed")]
    EntityChanged,

    /// <summary>The hit now holds a list record the decision did not see (another list now names the person).</summary>
    [JsonStringEnumMemberName("new_record")]
    NewRecord,

    /// <summary>A record the decision saw left its list after the decision and is listed again.</summary>
    [JsonStringEnumMemberName("relisted")]
    Relisted,

    /// <summary>The score now falls in a higher band than when the pair was cleared (also a matcher or threshold change).</summary>
    [JsonStringEnumMemberName("score_band_up")]
    ScoreBandUp,
}
