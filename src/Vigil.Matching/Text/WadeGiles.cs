using System.Text;

namespace Vigil.Matching.Text;

/// <summary>
/// Wade-Giles, the romanisation of Mandarin in use before Pinyin and still in older lists and in Taiwan (Mao
/// Tse-tung, Hsi Chin-p'ing), written as Pinyin (Mao Zedong, Xi Jinping) by its published initial and final tables.
/// </summary>
/// <remarks>
/// Apostrophes marking aspiration are often dropped in lists, so an unmarked p, t, k, ch or ts is read unaspirated
/// (b, d, g, zh/j, z); the matcher's edit costs treat b/p, d/t and g/k as near alike, which absorbs the dropped mark.
/// </remarks>
public static class WadeGiles
{
    // Longest first, so "ts'" is read before "ts" and "ch'" before "ch".
    private static readonly (string Wade, string Pinyin)[] Initials =
    [
        ("ch'", "ch"), ("ts'", "c"), ("tz'", "c"), ("ch", "zh"), ("hs", "x"), ("ts", "z"), ("tz", "z"), ("ss", "s"),
        ("sz", "s"), ("sh", "sh"), ("k'", "k"), ("p'", "p"), ("t'", "t"), ("k", "g"), ("p", "b"), ("t", "d"), ("j", "r"),
        ("m", "m"), ("n", "n"), ("l", "l"), ("f", "f"), ("h", "h"), ("w", "w"), ("y", "y"), ("", ""),
    ];

    // Finals as Wade-Giles writes them, and as Pinyin does; a final missing here is no Wade-Giles syllable.
    private static readonly Dictionary<string, string> Finals = new(StringComparer.Ordinal)
    {
        ["a"] = "a",
        ["ai"] = "ai",
        ["an"] = "an",
        ["ang"] = "ang",
        ["ao"] = "ao",
        ["e"] = "e",
        ["eh"] = "e",
        ["ei"] = "ei",
        ["en"] = "en",
        ["eng"] = "eng",
        ["erh"] = "er",
        ["i"] = "i",
        ["ih"] = "i",
        ["ia"] = "ia",
        ["iang"] = "iang",
        ["iao"] = "iao",
        ["ieh"] = "ie",
        ["ien"] = "ian",
        ["in"] = "in",
        ["ing"] = "ing",
        ["iu"] = "iu",
        ["iung"] = "iong",
        ["o"] = "o",
        ["ou"] = "ou",
        ["u"] = "u",
        ["ua"] = "ua",
        ["uai"] = "uai",
        ["uan"] = "uan",
        ["uang"] = "uang",
        ["uei"] = "ui",
        ["ui"] = "ui",
        ["un"] = "un",
        ["ung"] = "ong",
        ["uo"] = "uo",
        ["ueh"] = "ue",
        ["yu"] = "yu",
    };

    /// <summary>
    /// The name in Pinyin when every word of it is Wade-Giles syllables, hyphen-joined, and at least one is written in
    /// a way Pinyin never is (hs, ts, tz, an aspiration mark, -ih, -ieh, -ien, -ung, ch before i); else null.
    /// </summary>
    public static string? ToPinyin(string name)
    {
        var lower = name.ToLowerInvariant().Replace('\u2019', '\'').Replace('\u2018', '\'').Replace('`', '\'');
        var words = lower.Split([' ', ',', '.', '(', ')', '/'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return null;
        }
        var sb = new StringBuilder(name.Length);
        var marked = false;
        foreach (var word in words)
        {
            if (sb.Length > 0)
            {
                sb.Append(' ');
            }
            // Pinyin writes a given name's syllables as one word: Chin-p'ing is Jinping.
            foreach (var syllable in word.Split('-', StringSplitOptions.RemoveEmptyEntries))
            {
                if (Syllable(syllable, ref marked) is not { } pinyin)
                {
                    return null;
                }
                sb.Append(pinyin);
            }
        }
        return marked ? sb.ToString() : null;
    }

    private static string? Syllable(string syllable, ref bool marked)
    {
        foreach (var (wade, initial) in Initials)
        {
            if (!syllable.StartsWith(wade, StringComparison.Ordinal) || !Finals.TryGetValue(syllable[wade.Length..], out var final))
            {
                continue;
            }
            var wadeFinal = syllable[wade.Length..];
            marked |= wade is "hs" or "ts" or "tz" or "ss" or "sz" || wade.EndsWith('\'')
                || wadeFinal is "ih" or "ieh" or "ien" or "ung" or "iung" or "erh" or "ueh" || (wade == "ch" && wadeFinal[0] == 'i');
            return Join(wade, initial, wadeFinal, final);
        }
        return null;
    }

    private static string Join(string wade, string initial, string wadeFinal, string final)
    {
        // ch and ch' before i or ü are Pinyin's palatal j and q; before anything else its retroflex zh and ch.
        if (wade is "ch" or "ch'" && wadeFinal[0] is 'i' && wadeFinal != "ih")
        {
            initial = wade == "ch" ? "j" : "q";
        }
        // The buzzing vowel after ts, tz, ss and sz is written u (tzu, ssu) or ih after ch, sh and j; Pinyin writes i.
        if (wade is "tz" or "tz'" or "ss" or "sz" && wadeFinal == "u")
        {
            final = "i";
        }
        // Wade-Giles o after k, k' and h is Pinyin e (Ko, Ho), after most other initials uo (To, Lo, Tso).
        if (wadeFinal == "o")
        {
            final = wade is "k" or "k'" or "h" ? "e" : wade is "" or "p" or "p'" or "m" or "f" or "w" or "y" ? "o" : "uo";
        }
        // Wade-Giles yen is Pinyin yan; without an initial, i and u are written yi and wu.
        if (wade == "y" && wadeFinal == "en")
        {
            final = "an";
        }
        return initial.Length > 0 ? initial + final : final switch
        {
            "i" => "yi",
            "in" => "yin",
            "ing" => "ying",
            "u" => "wu",
            _ => final,
        };
    }
}
