namespace Vigil.Core.Workflow;

/// <summary>
/// A recorded screening run: why it ran, who ran it, with which configuration and matcher, against which list
/// snapshots, when, and how many subjects it screened and hit. <see cref="FinishedAt"/> is null while it runs, and
/// stays null for a run that was interrupted (its counts are those of the batches it committed).
/// </summary>
public sealed record ScreeningRun(
    long Id,
    ScreeningKind Kind,
    string Actor,
    string Profile,
    double Threshold,
    string MatcherVersion,
    string ConfigurationHash,
    IReadOnlyList<RunSnapshot> Snapshots,
    string StartedAt,
    string? FinishedAt,
    int Screened,
    int Hits,
    int Errors);
