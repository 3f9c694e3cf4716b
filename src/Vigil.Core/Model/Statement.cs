namespace Vigil.Core.Model;

/// <summary>One value a list states about a record: property, normalised value, and the list's own wording where it differs.</summary>
public sealed record Statement(string Property, string Value, string? Original = null);
