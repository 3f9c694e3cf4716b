using Vigil.Matching.Scoring;
using Vigil.Matching.Text;

namespace Vigil.Matching;

/// <summary>The kind of party a name belongs to, which decides how its words are read (legal forms, company words, titles).</summary>
public enum PartyKind
{
    Person,
    Organization,
    Vessel,
    Aircraft,
    Unknown,
}

/// <summary>Compares two names of a given kind of party: the entry point for pairwise scoring without an index.</summary>
public static class NameMatcher
{
    public static NameComparison Compare(string query, string candidate, PartyKind kind = PartyKind.Unknown, TokenRarity? rarity = null)
    {
        var organization = IsOrganizationLike(kind);
        return NameScorer.Compare(NameAnalyzer.Analyze(query, organization), NameAnalyzer.Analyze(candidate, organization), rarity);
    }

    /// <summary>FollowTheMoney schema names (Person, Company, Organization, LegalEntity, Vessel, Airplane...) as party kinds.</summary>
    public static PartyKind KindOf(string? schema) => schema?.Trim().ToLowerInvariant() switch
    {
        "person" => PartyKind.Person,
        "company" or "organization" or "organisation" or "legalentity" or "publicbody" => PartyKind.Organization,
        "vessel" => PartyKind.Vessel,
        "airplane" or "aircraft" => PartyKind.Aircraft,
        _ => PartyKind.Unknown,
    };

    public static bool IsOrganizationLike(PartyKind kind) => kind is PartyKind.Organization or PartyKind.Vessel or PartyKind.Aircraft;
}
