namespace Vigil.Core.Sources;

/// <summary>Record ids are <c>source:nativeId</c>; this knows the sources and which speaks first for a merged entity.</summary>
public static class SourceIds
{
    // The order in which a merged entity takes its canonical id and caption: the UN first, as the origin of
    // most listings that other authorities transpose, then the larger national lists.
    private static readonly string[] Precedence =
        ["un-sc", "us-ofac-sdn", "eu-fsf", "gb-hmt", "us-ofac-cons", "ch-seco", "au-dfat", "ca-sema", "us-bis-dpl"];

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
