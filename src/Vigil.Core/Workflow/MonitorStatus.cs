namespace Vigil.Core.Workflow;

/// <summary>
/// Where monitoring stands: the subjects monitored, the work queued and not yet done (oldest first), the latest work
/// done, and the alerts not closed.
/// </summary>
public sealed record MonitorStatus(long MonitoredSubjects, IReadOnlyList<MonitorWork> Pending, IReadOnlyList<MonitorWork> Recent, long OpenAlerts);
