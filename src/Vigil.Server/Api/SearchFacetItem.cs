namespace Vigil.Server.Api;

/// <summary>One facet value (a country code, topic or dataset), its label and how many results have it.</summary>
public sealed record SearchFacetItem(string Name, string Label, int Count);
