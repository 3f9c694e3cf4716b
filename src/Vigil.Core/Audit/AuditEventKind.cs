namespace Vigil.Core.Audit;

/// <summary>What an audit entry records; stored and hashed by its snake-case name (<c>snapshot_imported</c>).</summary>
public enum AuditEventKind
{
    SnapshotImported,
    UpdateQuarantined,
    UpdateAccepted,
    LinkAccepted,
    LinkRejected,
    ScreeningRunSealed,
    SubjectCreated,
    SubjectChanged,
    SubjectStopped,
    AlertCreated,
    AlertAssigned,
    AlertClosed,
    DecisionProposed,
    DecisionApproved,
    DecisionRejected,
    DecisionRevoked,
    ConfigurationChanged,
    UserCreated,
    UserRevoked,
    KeyCreated,
    KeyRevoked,
    ExportMade,
    RetentionPurge,
    CheckpointSigned,
}
