namespace Vigil.Core.Workflow;

/// <summary>One material fact a list states about a record: a property and its normalised value.</summary>
public sealed record MaterialFact(string Property, string Value);
