using System.Text.Json.Serialization;

namespace Vigil.Core.Workflow;

/// <summary>Whether a decision counts: only decisions <see cref="InForce"/> suppress or shape alerts.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DecisionState>))]
public enum DecisionState
{
    /// <summary>Proposed, waiting for a second person's approval.</summary>
    [JsonStringEnumMemberName("proposed")]
    Proposed,

    [JsonStringEnumMemberName("in_force")]
    InForce,

    /// <summary>A later decision on the same pair took its place; kept as history.</summary>
    [JsonStringEnumMemberName("superseded")]
    Superseded,

    [JsonStringEnumMemberName("rejected")]
    Rejected,

    [JsonStringEnumMemberName("revoked")]
    Revoked,
}
