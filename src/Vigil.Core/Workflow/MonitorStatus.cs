namespace Vigil.Core.Workflow;

/// <summary>
/// Where monitoring stands: the subjects monitored, the work queued and not yet done (oldest first), the latest work
/// done, the alerts not closed, and when the first subject still monitored was created.
/// </summary>
public sealed record MonitorStatus(long MonitoredSubjects, IReadOnlyList<MonitorWork> Pending, IReadOnlyList<MonitorWork> Recent, long OpenAlerts, string? MonitoredSince);
