namespace Vigil.Core.Workflow;

/// <summary>
/// What changed since the decision an alert points at: the material facts of the listed records, and the subject's
/// screened fields. Empty lists when the reason is of another kind (a new record, a higher band).
/// </summary>
public sealed record AlertChanges(IReadOnlyList<FactChange> Entity, IReadOnlyList<FieldChange> Subject)
{
    public static AlertChanges None { get; } = new([], []);

    public bool IsEmpty => Entity.Count == 0 && Subject.Count == 0;
}
