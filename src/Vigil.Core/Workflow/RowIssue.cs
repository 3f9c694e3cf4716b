namespace Vigil.Core.Workflow;

/// <summary>A row of a customer file that was rejected, or stored with a flag (an unresolved country), with its line number and reason.</summary>
public sealed record RowIssue(long Line, string Reference, string Reason);
