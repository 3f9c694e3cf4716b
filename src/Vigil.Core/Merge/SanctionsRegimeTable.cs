namespace Vigil.Core.Merge;

/// <summary>
/// Reads a list's programme or regime text as <see cref="SanctionsRegime"/>s by the words and resolution numbers each
/// list uses. A programme the table does not know is <see cref="SanctionsRegime.None"/>: it neither supports nor
/// contradicts a link.
/// </summary>
public static class SanctionsRegimeTable
{
    // Checked in order against the upper-cased programme with its punctuation spaced out; "SOUTH SUDAN" comes before
    // "SUDAN" so South Sudan is not read as Sudan too.
    private static readonly (string Word, SanctionsRegime Regime)[] Words =
    [
        ("QAIDA", SanctionsRegime.Terrorism), ("QAEDA", SanctionsRegime.Terrorism), ("ISIL", SanctionsRegime.Terrorism),
        ("DAESH", SanctionsRegime.Terrorism), ("SDGT", SanctionsRegime.Terrorism), ("FTO", SanctionsRegime.Terrorism),
        ("SDT", SanctionsRegime.Terrorism), ("TERRORISM", SanctionsRegime.Terrorism), ("TALIBAN", SanctionsRegime.Terrorism),
        ("SHABAAB", SanctionsRegime.Terrorism), ("1267", SanctionsRegime.Terrorism), ("1373", SanctionsRegime.Terrorism),
        ("1988", SanctionsRegime.Terrorism), ("2713", SanctionsRegime.Terrorism), ("AFGHANISTAN", SanctionsRegime.Terrorism),
        ("DPRK", SanctionsRegime.Dprk), ("KOREA", SanctionsRegime.Dprk), ("1718", SanctionsRegime.Dprk),
        ("DPRK2", SanctionsRegime.Dprk), ("DPRK3", SanctionsRegime.Dprk), ("DPRK4", SanctionsRegime.Dprk),
        ("IRAN", SanctionsRegime.Iran), ("IFSR", SanctionsRegime.Iran), ("IRGC", SanctionsRegime.Iran), ("IFCA", SanctionsRegime.Iran),
        ("ISA", SanctionsRegime.Iran), ("2231", SanctionsRegime.Iran), ("1737", SanctionsRegime.Iran),
        ("NPWMD", SanctionsRegime.Iran | SanctionsRegime.Dprk | SanctionsRegime.Syria),
        ("RUSSIA", SanctionsRegime.Russia), ("UKRAINE", SanctionsRegime.Russia), ("BELARUS", SanctionsRegime.Russia),
        ("CRIMEA", SanctionsRegime.Russia), ("PEESA", SanctionsRegime.Russia),
        ("SYRIA", SanctionsRegime.Syria), ("IRAQ", SanctionsRegime.Iraq), ("IRAQ2", SanctionsRegime.Iraq), ("IRAQ3", SanctionsRegime.Iraq),
        ("1518", SanctionsRegime.Iraq), ("LIBYA", SanctionsRegime.Libya), ("LIBYA2", SanctionsRegime.Libya),
        ("LIBYA3", SanctionsRegime.Libya), ("1970", SanctionsRegime.Libya), ("1973", SanctionsRegime.Libya),
        ("DRC", SanctionsRegime.Congo), ("CONGO", SanctionsRegime.Congo), ("DRCONGO", SanctionsRegime.Congo), ("1533", SanctionsRegime.Congo),
        ("SOUTHSUDAN", SanctionsRegime.SouthSudan), ("2206", SanctionsRegime.SouthSudan),
        ("SUDAN", SanctionsRegime.Sudan), ("DARFUR", SanctionsRegime.Sudan), ("1591", SanctionsRegime.Sudan),
        ("SOMALIA", SanctionsRegime.Somalia), ("ERITREA", SanctionsRegime.Somalia), ("751", SanctionsRegime.Somalia),
        ("YEMEN", SanctionsRegime.Yemen), ("2140", SanctionsRegime.Yemen),
        ("CAR", SanctionsRegime.CentralAfricanRepublic), ("2127", SanctionsRegime.CentralAfricanRepublic),
        ("HAITI", SanctionsRegime.Haiti), ("2653", SanctionsRegime.Haiti), ("MALI", SanctionsRegime.Mali), ("2374", SanctionsRegime.Mali),
        ("MYANMAR", SanctionsRegime.Myanmar), ("BURMA", SanctionsRegime.Myanmar), ("VENEZUELA", SanctionsRegime.Venezuela),
        ("NICARAGUA", SanctionsRegime.Nicaragua), ("ZIMBABWE", SanctionsRegime.Zimbabwe), ("BALKANS", SanctionsRegime.Balkans),
        ("BOSNIA", SanctionsRegime.Balkans), ("FFRY", SanctionsRegime.Balkans), ("CUBA", SanctionsRegime.Cuba),
        ("LEBANON", SanctionsRegime.Lebanon), ("GLOMAG", SanctionsRegime.HumanRights), ("MAGNIT", SanctionsRegime.HumanRights),
        ("HUMAN", SanctionsRegime.HumanRights), ("CORRUPTION", SanctionsRegime.HumanRights), ("SDNTK", SanctionsRegime.Narcotics),
        ("SDNT", SanctionsRegime.Narcotics), ("DRUGS", SanctionsRegime.Narcotics), ("TCO", SanctionsRegime.Narcotics),
        ("CYBER", SanctionsRegime.Cyber), ("CYBER2", SanctionsRegime.Cyber),
    ];

    private static readonly Dictionary<string, SanctionsRegime> ByWord = Words
        .GroupBy(w => w.Word, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Aggregate(SanctionsRegime.None, (r, w) => r | w.Regime), StringComparer.Ordinal);

    public static SanctionsRegime Of(string program)
    {
        var regime = SanctionsRegime.None;
        var words = Tokens(program);
        for (var i = 0; i < words.Count; i++)
        {
            // "South Sudan" is written as one word or two; either way it is not Sudan.
            if (words[i] == "SOUTH" && i + 1 < words.Count && words[i + 1] == "SUDAN")
            {
                regime |= SanctionsRegime.SouthSudan;
                i++;
                continue;
            }
            if (words[i] == "CENTRAL" && i + 1 < words.Count && words[i + 1] == "AFRICAN")
            {
                regime |= SanctionsRegime.CentralAfricanRepublic;
                i++;
                continue;
            }
            regime |= ByWord.GetValueOrDefault(words[i]);
        }
        return regime;
    }

    /// <summary>Two records' regimes are compatible when they share one, or when either side's are unknown.</summary>
    public static bool Compatible(SanctionsRegime a, SanctionsRegime b) =>
        a == SanctionsRegime.None || b == SanctionsRegime.None || (a & b) != SanctionsRegime.None;

    private static List<string> Tokens(string program)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= program.Length; i++)
        {
            var letter = i < program.Length && char.IsAsciiLetterOrDigit(program[i]);
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                words.Add(program[start..i].ToUpperInvariant());
                start = -1;
            }
        }
        return words;
    }
}
