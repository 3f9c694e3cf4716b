namespace Vigil.Core.Sources;

/// <summary>Record ids are <c>source:nativeId</c>; this knows the sources and which speaks first for a merged entity.</summary>
public static class SourceIds
{
    // The order in which a merged entity takes its canonical id and caption: the UN first, as the origin of
    // most listings that other authorities transpose, then the larger national lists.
    private static readonly string[] Precedence =
        ["un-sc", "us-ofac-sdn", "eu-fsf", "gb-hmt", "us-ofac-cons", "ch-seco", "au-dfat", "ca-sema", "us-bis-dpl"];

    /// <summary>What each built-in list is called; a custom list is called by its source name.</summary>
    private static readonly Dictionary<string, string> Titles = new(StringComparer.Ordinal)
    {
        ["un-sc"] = "UN Security Council Consolidated Sanctions List",
        ["us-ofac-sdn"] = "US OFAC Specially Designated Nationals (SDN) List",
        ["us-ofac-cons"] = "US OFAC Consolidated (non-SDN) Sanctions List",
        ["eu-fsf"] = "EU Financial Sanctions Files (FSF)",
        ["gb-hmt"] = "UK HM Treasury OFSI Consolidated List",
        ["ch-seco"] = "Swiss SECO Sanctions List",
        ["au-dfat"] = "Australia DFAT Consolidated Sanctions List",
        ["ca-sema"] = "Canada Special Economic Measures Act Sanctions",
        ["us-bis-dpl"] = "US BIS Denied Persons List",
    };

    /// <summary>The list's name as its publisher gives it (<c>un-sc</c>: the UN Security Council Consolidated Sanctions List); a custom source's own id.</summary>
    public static string Title(string source) => Titles.GetValueOrDefault(source, source);

    public static string SourceOf(string recordId)
    {
        var colon = recordId.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return "";
        }
        // A known source's own string, not a new one: loading a corpus and ordering results ask this of every record.
        var source = recordId.AsSpan(0, colon);
        foreach (var known in Precedence)
        {
            if (source.SequenceEqual(known))
            {
                return known;
            }
        }
        return recordId[..colon];
    }

    /// <summary>Position of a source in the precedence order; unknown (custom) sources come last.</summary>
    public static int Rank(string source)
    {
        var i = Array.IndexOf(Precedence, source);
        return i < 0 ? Precedence.Length : i;
    }
}
