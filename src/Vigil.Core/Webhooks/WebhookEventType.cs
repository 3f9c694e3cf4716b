using System.Text.Json.Serialization;

namespace Vigil.Core.Webhooks;

/// <summary>What a webhook message announces; sent and stored as a dotted name (<c>alert.created</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WebhookEventType>))]
public enum WebhookEventType
{
    /// <summary>A new alert is open.</summary>
    [JsonStringEnumMemberName("alert.created")]
    AlertCreated,

    /// <summary>An alert was assigned or closed.</summary>
    [JsonStringEnumMemberName("alert.updated")]
    AlertUpdated,

    /// <summary>A decision waits for a second reviewer.</summary>
    [JsonStringEnumMemberName("decision.proposed")]
    DecisionProposed,

    /// <summary>A decision is in force (approved, or made by someone who needed no approval).</summary>
    [JsonStringEnumMemberName("decision.approved")]
    DecisionApproved,

    /// <summary>A proposed decision was rejected by a reviewer.</summary>
    [JsonStringEnumMemberName("decision.rejected")]
    DecisionRejected,

    /// <summary>A decision in force was revoked.</summary>
    [JsonStringEnumMemberName("decision.revoked")]
    DecisionRevoked,

    /// <summary>A monitoring run (list delta, cross-list link change, full re-screen) finished.</summary>
    [JsonStringEnumMemberName("monitoring.completed")]
    MonitoringCompleted,

    /// <summary>A batch screening job finished and its result file is sealed.</summary>
    [JsonStringEnumMemberName("job.completed")]
    JobCompleted,

    /// <summary>A list snapshot was imported.</summary>
    [JsonStringEnumMemberName("snapshot.imported")]
    SnapshotImported,

    /// <summary>A list update was held back for review (it shrank the list too much).</summary>
    [JsonStringEnumMemberName("update.quarantined")]
    UpdateQuarantined,

    /// <summary>Sent only by <c>vigil webhooks test</c>: checks the receiver and its signature check.</summary>
    [JsonStringEnumMemberName("webhook.test")]
    WebhookTest,
}
