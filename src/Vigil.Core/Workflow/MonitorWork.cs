namespace Vigil.Core.Workflow;

/// <summary>
/// One queued piece of monitoring work: its trigger, the source and snapshots of a list change (the snapshot it
/// replaced, null for a first import), the records of a link decision, when it was queued, and once done, the run
/// that did it with the subjects screened and alerts raised.
/// </summary>
public sealed record MonitorWork(
    long Id,
    MonitorTrigger Trigger,
    string? Source,
    long? FromSnapshot,
    long? ToSnapshot,
    IReadOnlyList<string> Records,
    string QueuedAt,
    string? FinishedAt,
    long? RunId,
    int? Subjects,
    int? Alerts);
