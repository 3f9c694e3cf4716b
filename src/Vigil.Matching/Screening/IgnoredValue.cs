namespace Vigil.Matching.Screening;

/// <summary>
/// A qualifier value screening could not read, and so left out of the score rather than count for or against the
/// match: the query's ("Atlantis" as a country, "May 1975th" as a date) or, where it mattered, the list's.
/// </summary>
/// <param name="Qualifier">Which fact the value was given as.</param>
/// <param name="Listed">True for a value of the list, false for one of the query.</param>
/// <param name="Value">The value as written.</param>
/// <param name="Reason">Why it was not read, and what was done instead, in the user's terms.</param>
public sealed record IgnoredValue(QualifierKind Qualifier, bool Listed, string Value, string Reason);
