using Vigil.Matching;
using Vigil.Matching.Text;

namespace Vigil.Core.Merge;

/// <summary>One list record as the automatic link rule reads it: its strong names analysed once, and the hard facts.</summary>
/// <param name="FullBirthDates">Birth dates given to the day (yyyy-mm-dd): the only dates that block persons together.</param>
/// <param name="Identifiers">Identifiers normalised as screening compares them, five characters or more.</param>
public sealed record LinkableRecord(
    string Id,
    string Source,
    string Caption,
    PartyKind Kind,
    IReadOnlyList<string> Names,
    IReadOnlyList<string> BirthDates,
    IReadOnlyList<string> FullBirthDates,
    IReadOnlyList<string> Identifiers,
    IReadOnlyList<string> Countries,
    SanctionsRegime Regimes)
{
    private IReadOnlyList<IReadOnlyList<AnalyzedName>>? _analyzed;

    /// <summary>Each name analysed as its kind reads it, on first use (most records never need it).</summary>
    public IReadOnlyList<IReadOnlyList<AnalyzedName>> Analyzed =>
        _analyzed ??= Names.Select(n => NameAnalyzer.Analyze(n, NameMatcher.IsOrganizationLike(Kind))).ToList();

    private HashSet<string>? _nameKeys;

    /// <summary>
    /// An organisation's names as its tokens with each legal form replaced by its class, so "Foo OOO" and "Foo Limited
    /// Liability Company" are one key; a name of nothing but legal forms and generic words gives none.
    /// </summary>
    public IReadOnlySet<string> NameKeys =>
        _nameKeys ??= Analyzed.SelectMany(forms => forms)
            .Where(n => n.Tokens.Any(t => t.Role is not (TokenRole.LegalForm or TokenRole.Generic)))
            .Select(n => string.Join(' ', n.Tokens.Select(t => t.Role == TokenRole.LegalForm ? "#" + (t.LegalForm ?? t.Text) : t.Text)))
            .ToHashSet(StringComparer.Ordinal);
}
