namespace Vigil.Core.Webhooks;

/// <summary>What a webhook message announces; sent and stored as a dotted name (<c>alert.created</c>).</summary>
public enum WebhookEventType
{
    /// <summary>A new alert is open.</summary>
    AlertCreated,

    /// <summary>An alert was assigned or closed.</summary>
    AlertUpdated,

    /// <summary>A decision waits for a second reviewer.</summary>
    DecisionProposed,

    /// <summary>A decision is in force (approved, or made by someone who needed no approval).</summary>
    DecisionApproved,

    /// <summary>A proposed decision was rejected by a reviewer.</summary>
    DecisionRejected,

    /// <summary>A decision in force was revoked.</summary>
    DecisionRevoked,

    /// <summary>A monitoring run (list delta, cross-list link change, full re-screen) finished.</summary>
    MonitoringCompleted,

    /// <summary>A batch screening job finished and its result file is sealed.</summary>
    JobCompleted,

    /// <summary>A list snapshot was imported.</summary>
    SnapshotImported,

    /// <summary>A list update was held back for review (it shrank the list too much).</summary>
    UpdateQuarantined,

    /// <summary>Sent only by <c>vigil webhooks test</c>: checks the receiver and its signature check.</summary>
    WebhookTest,
}
