using System.Text.Json.Serialization;

namespace Vigil.Core.Workflow;

/// <summary>What happened to an alert; its events are its history, oldest first.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AlertEventKind>))]
public enum AlertEventKind
{
    [JsonStringEnumMemberName("created")]
    Created,

    [JsonStringEnumMemberName("assigned")]
    Assigned,

    [JsonStringEnumMemberName("comment")]
    Comment,

    [JsonStringEnumMemberName("decision_proposed")]
    DecisionProposed,

    [JsonStringEnumMemberName("decision_approved")]
    DecisionApproved,

    [JsonStringEnumMemberName("decision_rejected")]
    DecisionRejected,

    /// <summary>The pair was screened again while the alert was open, and something about it changed.</summary>
    [JsonStringEnumMemberName("rescreened")]
    Rescreened,

    [JsonStringEnumMemberName("reopened")]
    Reopened,

    [JsonStringEnumMemberName("closed")]
    Closed,
}
