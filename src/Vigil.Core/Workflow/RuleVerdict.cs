namespace Vigil.Core.Workflow;

/// <summary>
/// What the alert rules make of one hit: an alert of <see cref="Kind"/> with its reasons, or, when
/// <see cref="Kind"/> is null, a screening the decision keeps quiet.
/// </summary>
public sealed record RuleVerdict(AlertKind? Kind, IReadOnlyList<AlertReason> Reasons)
{
    public static RuleVerdict Suppressed { get; } = new(null, []);

    public bool Alerts => Kind is not null;
}
