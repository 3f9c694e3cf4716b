namespace Vigil.Core.Workflow;

/// <summary>
/// What writing one subject came to: the change recorded (none when <see cref="Error"/> says why the input was
/// refused), the version it is now at, the screening of it when it was screened (its outcome as the alert rules
/// decided it), and the alerts that screening raised.
/// </summary>
public sealed record IntakeOutcome(string Reference, SubjectChange Change, int Version, SubjectScreening? Screening, SubjectFields? Fields, string? Error)
{
    public IReadOnlyList<long> RaisedAlerts { get; init; } = [];

    public bool Rejected => Error is not null;
}
