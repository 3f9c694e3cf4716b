namespace Vigil.Core.Workflow;

/// <summary>One material property of one record whose values changed: the values added and the values removed.</summary>
public sealed record FactChange(string Record, string Property, IReadOnlyList<string> Added, IReadOnlyList<string> Removed);
