namespace Vigil.Core.Workflow;

/// <summary>Someone else decided or closed the alert first; carries the alert as it now stands.</summary>
public sealed class AlertConflictException(Alert current)
    : InvalidOperationException($"alert {current.Id} is {current.Status.ToString().ToLowerInvariant()}: someone decided it first")
{
    public Alert Current { get; } = current;
}
