using System.Text.Json.Serialization;

namespace Vigil.Core.Workflow;

/// <summary>An analyst's finding on a pair (subject, listed records).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DecisionOutcome>))]
public enum DecisionOutcome
{
    /// <summary>Not the listed person: the pair stays quiet while nothing material changes (the accept list).</summary>
    [JsonStringEnumMemberName("false_positive")]
    FalsePositive,

    /// <summary>The listed person: the block stands; changes to the listing and a delisting still alert.</summary>
    [JsonStringEnumMemberName("true_match")]
    TrueMatch,

    /// <summary>
    /// Cannot be told yet: quiet, like a false positive, while nothing material changes; give it an expiry so that
    /// it comes back for a periodic review.
    /// </summary>
    [JsonStringEnumMemberName("inconclusive")]
    Inconclusive,
}
