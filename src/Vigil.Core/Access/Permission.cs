namespace Vigil.Core.Access;

/// <summary>One row of the role table: an action the server allows or refuses per role.</summary>
public enum Permission
{
    /// <summary>Screen, search, read lists and entities.</summary>
    Screen,

    /// <summary>Read alerts, decisions, subjects, screenings and jobs.</summary>
    ReadWork,

    /// <summary>Add, change or stop subjects; submit and cancel batch jobs.</summary>
    ManageSubjects,

    /// <summary>Comment on and assign alerts, propose decisions.</summary>
    WorkAlerts,

    /// <summary>Approve or reject a proposed decision (never one's own).</summary>
    ApproveDecisions,

    /// <summary>Revoke a decision in force (an accept-list entry) or force a re-review.</summary>
    Revoke,

    /// <summary>Read and export the whole audit trail and any subject's evidence.</summary>
    ReadAudit,

    /// <summary>Read the evidence of the alerts one has worked on.</summary>
    ReadOwnEvidence,

    /// <summary>Users, keys, webhooks, retention and configuration.</summary>
    Administer,
}
