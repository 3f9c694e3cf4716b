namespace Vigil.Matching.Text;

/// <summary>
/// The Japanese reading of a person's name written in kanji (山田太郎 → ヤマダ タロウ), from a names dictionary:
/// a kanji name cannot be read character by character, because a name takes its own readings (太郎 is Tarō, not
/// the characters' ta and rō in any table) and sounds change where characters meet (山田 is Yamada, 山 yama and 田 ta).
/// </summary>
/// <remarks>
/// The dictionary is the person-name part of the IPA dictionary for MeCab (see the header of JapaneseNames.txt).
/// A name is read only when it is written as a Japanese name is: a family name of two or three characters that the
/// dictionary knows, then a given name of one to three characters that it knows, with at most a space between. Chinese
/// and Korean names nearly always have a one-character family name, so they keep their Chinese and Korean readings
/// alone; the few Japanese family names of one character (林, 森) are left to those readings too.
/// </remarks>
public static class JapaneseNames
{
    private const int ShortestFamilyName = 2;
    private const int LongestPart = 3;

    // Loaded on the first kanji name, not at start: most screening never meets one.
    private static readonly Lazy<(Dictionary<string, string> Family, Dictionary<string, string> Given)> Readings = new(Load);

    /// <summary>The name's reading in katakana, family name first, the two parts apart; null when it is not written as a Japanese name.</summary>
    public static string? Reading(string text)
    {
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        if (space >= 0)
        {
            // Written apart, the parts are already split: family name first, as Japanese writes it.
            return text.IndexOf(' ', space + 1) < 0 ? Read(text[..space], text[(space + 1)..]) : null;
        }
        // The longer family name first: 佐々木 is a family name, where 佐々 would leave 木 as a given name.
        for (var family = Math.Min(LongestPart, text.Length - 1); family >= ShortestFamilyName; family--)
        {
            if (text.Length - family <= LongestPart && Read(text[..family], text[family..]) is { } reading)
            {
                return reading;
            }
        }
        return null;
    }

    private static string? Read(string family, string given)
    {
        if (family.Length is < ShortestFamilyName or > LongestPart || given.Length is < 1 or > LongestPart)
        {
            return null;
        }
        var (families, givens) = Readings.Value;
        return families.TryGetValue(family, out var f) && givens.TryGetValue(given, out var g) ? f + " " + g : null;
    }

    private static (Dictionary<string, string>, Dictionary<string, string>) Load()
    {
        // Sized for the table as generated (10,839 family names, 15,435 given names).
        var family = new Dictionary<string, string>(11_000, StringComparer.Ordinal);
        var given = new Dictionary<string, string>(15_500, StringComparer.Ordinal);
        foreach (var line in EmbeddedTable.Lines("Vigil.Matching.Text.JapaneseNames.txt"))
        {
            // "F 山田 ヤマダ ヤマタ": kind, name, readings from the most usual; only the most usual is read. The table
            // is loaded while an index is built, so the line is cut without splitting off the readings not read.
            var nameEnd = line.Length < 5 ? -1 : line.IndexOf(' ', 2);
            if (nameEnd < 0)
            {
                continue;
            }
            var readingEnd = line.IndexOf(' ', nameEnd + 1);
            (line[0] == 'F' ? family : given)[line[2..nameEnd]] = line[(nameEnd + 1)..(readingEnd < 0 ? line.Length : readingEnd)];
        }
        return (family, given);
    }
}
