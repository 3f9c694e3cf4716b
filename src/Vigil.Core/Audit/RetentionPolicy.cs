namespace Vigil.Core.Audit;

/// <summary>
/// How long audit payloads are kept. Screening evidence, alerts and decisions: 10 years from the event (OFAC,
/// 31 CFR 501.601). Subject data: 5 years after the relationship ends, i.e. after the subject was deleted (FATF R.11,
/// EU 2015/849 art. 40). A subject under legal hold keeps everything. Leaf hashes are never purged. Webhook messages
/// copy audit payloads to other systems and are no evidence (the audit entry they name is): they are deleted with their
/// delivery log once delivered or failed and older than a few months.
/// </summary>
public readonly record struct RetentionPolicy(
    int EvidenceYears = RetentionPolicy.DefaultEvidenceYears,
    int SubjectYearsAfterEnd = RetentionPolicy.DefaultSubjectYears,
    int WebhookLogDays = RetentionPolicy.DefaultWebhookLogDays)
{
    public const int DefaultEvidenceYears = 10;
    public const int DefaultSubjectYears = 5;
    public const int DefaultWebhookLogDays = 90;

    public RetentionPolicy()
        : this(DefaultEvidenceYears, DefaultSubjectYears, DefaultWebhookLogDays)
    {
    }

    /// <summary>The kinds whose payloads are screening evidence, alerts and decisions.</summary>
    public static readonly AuditEventKind[] EvidenceKinds =
    [
        AuditEventKind.ScreeningRunSealed, AuditEventKind.AlertCreated, AuditEventKind.AlertAssigned, AuditEventKind.AlertClosed,
        AuditEventKind.DecisionProposed, AuditEventKind.DecisionApproved, AuditEventKind.DecisionRejected, AuditEventKind.DecisionRevoked,
    ];

    /// <summary>The kinds whose payloads are a subject's personal data.</summary>
    public static readonly AuditEventKind[] SubjectKinds = [AuditEventKind.SubjectCreated, AuditEventKind.SubjectChanged, AuditEventKind.SubjectStopped];
}
