using System.Text.Json.Serialization;

namespace Vigil.Core.Workflow;

/// <summary>Why an alert was raised; stored in snake case (<c>re_review</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AlertKind>))]
public enum AlertKind
{
    /// <summary>A hit on a pair no decision covers.</summary>
    [JsonStringEnumMemberName("new_match")]
    NewMatch,

    /// <summary>A pair cleared earlier whose listing, subject or score band has changed since; the reasons say what.</summary>
    [JsonStringEnumMemberName("re_review")]
    ReReview,

    /// <summary>A confirmed match whose listing's material facts changed: informational, the block stands.</summary>
    [JsonStringEnumMemberName("update_on_confirmed")]
    UpdateOnConfirmed,

    /// <summary>Every record of a confirmed or open pair left its list: the block may be lifted.</summary>
    [JsonStringEnumMemberName("delisting")]
    Delisting,

    /// <summary>The decision on the pair expired.</summary>
    [JsonStringEnumMemberName("periodic_review")]
    PeriodicReview,
}
