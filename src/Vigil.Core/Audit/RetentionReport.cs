namespace Vigil.Core.Audit;

/// <summary>
/// What a retention run purged (or, dry, would purge): payloads of evidence entries and of subject entries, entries
/// kept for a legal hold, the sequence ranges purged, webhook messages deleted with their delivery log, and the purge's
/// own audit entry (null when dry or nothing purged).
/// </summary>
public sealed record RetentionReport(
    long Evidence,
    long SubjectData,
    long Held,
    IReadOnlyList<(long From, long To)> Ranges,
    string EvidenceCutoff,
    string SubjectCutoff,
    long? PurgeEntry,
    long WebhookMessages = 0,
    string WebhookCutoff = "");
