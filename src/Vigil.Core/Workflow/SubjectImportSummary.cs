namespace Vigil.Core.Workflow;

/// <summary>
/// What <c>vigil subjects import</c> did: rows read, subjects created, changed and unchanged, rows rejected, subjects
/// screened, those with hits and the alerts raised; the first rejected and flagged rows (all rejected rows are in the rejects file).
/// </summary>
public sealed record SubjectImportSummary(
    long Read,
    long Created,
    long Changed,
    long Unchanged,
    long Rejected,
    long Screened,
    long Hits,
    long Alerts,
    long Flagged,
    IReadOnlyList<RowIssue> Rejections,
    IReadOnlyList<RowIssue> Flags,
    IReadOnlyList<string> IgnoredColumns,
    IReadOnlyList<long> Runs,
    TimeSpan Elapsed);
