namespace Vigil.Core.Screening;

/// <summary>
/// FollowTheMoney topics (the <c>topic</c> type's controlled tags) an entity carries because of its listings: a
/// designation on a sanctions list makes it <c>sanction</c>; a denial of export privileges (the BIS Denied Persons
/// List) makes it <c>export.control</c> and <c>debarment</c>. Clients such as Marble read <c>properties.topics</c> for
/// their risk tags, and yente filters on them (<c>topics=</c>).
/// </summary>
public static class ListingTopics
{
    public const string Sanction = "sanction";
    public const string ExportControl = "export.control";
    public const string Debarment = "debarment";

    /// <summary>Every topic FollowTheMoney defines (followthemoney/types/topic.py); a filter naming another is a typo.</summary>
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "crime", "crime.fraud", "crime.cyber", "crime.fin", "crime.env", "crime.theft", "crime.war", "crime.boss",
        "crime.terror", "crime.traffick", "crime.traffick.drug", "crime.traffick.human", "forced.labor", "wanted",
        "corp.offshore", "corp.shell", "corp.public", "corp.disqual", "gov", "gov.national", "gov.state", "gov.muni",
        "gov.soe", "gov.igo", "gov.head", "gov.admin", "gov.executive", "gov.legislative", "gov.judicial",
        "gov.security", "gov.financial", "fin", "fin.bank", "fin.fund", "fin.adivsor", "reg.action", "reg.warn",
        "role.pep", "role.pol", "role.rca", "role.judge", "role.civil", "role.diplo", "role.lawyer", "role.acct",
        "role.spy", "role.oligarch", "role.journo", "role.act", "role.lobby", "pol.party", "pol.union", "rel", "mil",
        "asset.frozen", Sanction, "sanction.linked", "sanction.counter", ExportControl, "export.risk", Debarment, "poi",
    };

    // The lists whose designations are sanctions; the BIS list denies export privileges instead.
    private static readonly string[] SanctionLists = ["un-sc", "us-ofac-sdn", "us-ofac-cons", "eu-fsf", "gb-hmt", "ch-seco", "au-dfat", "ca-sema"];

    /// <summary>
    /// The topics a designation on <paramref name="source"/> gives its record; none for a list Vigil does not know
    /// (a custom list says its own topics, in its <c>topics</c> property, or none).
    /// </summary>
    public static IReadOnlyList<string> OfDesignation(string source) => source switch
    {
        "us-bis-dpl" => [ExportControl, Debarment],
        _ when SanctionLists.Contains(source) => [Sanction],
        _ => [],
    };
}
