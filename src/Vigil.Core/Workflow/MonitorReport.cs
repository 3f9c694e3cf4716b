namespace Vigil.Core.Workflow;

/// <summary>
/// What a monitoring pass did (or, for a dry run, would do): the kind of run, the queued work it covered, the subjects
/// it screened, those with hits, the alerts raised (delistings included) and the runs recorded. After a full
/// re-screen, <see cref="AlertsRaised"/> counts the alerts the delta runs missed.
/// </summary>
public sealed record MonitorReport(
    ScreeningKind Kind,
    IReadOnlyList<long> Work,
    long MonitoredSubjects,
    long Screened,
    long Hits,
    long AlertsRaised,
    long Delistings,
    IReadOnlyList<long> Runs,
    bool DryRun,
    TimeSpan Elapsed);
