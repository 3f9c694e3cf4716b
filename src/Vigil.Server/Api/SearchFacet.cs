namespace Vigil.Server.Api;

/// <summary>yente's SearchFacet: a label and the values found, each with its label and count.</summary>
public sealed record SearchFacet(string Label, IReadOnlyList<SearchFacetItem> Values);
