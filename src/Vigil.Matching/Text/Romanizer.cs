using System.Text;
using AnyAscii;

namespace Vigil.Matching.Text;

/// <summary>One way of writing a name in Latin letters, and the table that produced it.</summary>
/// <param name="Table">"latin" (already Latin, diacritics folded), "wade-giles" (a Latin Chinese name in Wade-Giles, as Pinyin), "icao" and "bgn" (Cyrillic), "hepburn" (kana), "anyascii" (other scripts), "sino-korean" (a Hanja name read in Korean), "japanese" (a kanji name read as a Japanese name).</param>
public readonly record struct Romanization(string Text, string Table);

/// <summary>
/// Converts a name in any script into the small set of Latin spellings it is really published under. Cyrillic has
/// hand-written tables after ICAO Doc 9303 and BGN/PCGN, including the Tajik, Uzbek, Kazakh, Ukrainian and Serbian
/// letters (Ҳ→H beside Х→Kh is exactly Halimov vs Khalimov); kana is written in passport Hepburn (<see cref="Hepburn"/>);
/// every other script goes through AnyAscii, whose run-together syllables for Han and Hangul are split back into words.
/// </summary>
public static class Romanizer
{
    // ICAO 9303 (passports) and BGN/PCGN (geographic names, most list spellings) differ on a handful of letters.
    private static readonly Dictionary<char, (string Icao, string Bgn)> Cyrillic = BuildCyrillic();

    /// <summary>The distinct Latin spellings of <paramref name="text"/>, the most common first.</summary>
    public static IReadOnlyList<Romanization> Romanize(string text)
    {
        var script = ScriptDetector.Detect(text);
        if (script is "Latn" or "Zyyy")
        {
            var latin = Fold(text);
            // A Chinese name in Wade-Giles (Mao Tse-tung) is also published in Pinyin (Mao Zedong).
            return WadeGiles.ToPinyin(latin) is { } pinyin ? [new Romanization(latin, "latin"), new Romanization(pinyin, "wade-giles")] : [new Romanization(latin, "latin")];
        }
        if (script == "Cyrl")
        {
            var icao = TransliterateCyrillic(text, bgn: false);
            var bgn = TransliterateCyrillic(text, bgn: true);
            return icao == bgn ? [new Romanization(icao, "icao")] : [new Romanization(bgn, "bgn"), new Romanization(icao, "icao")];
        }
        if (script is "Hira" or "Kana")
        {
            return [new Romanization(Hepburn.Romanize(text), "hepburn")];
        }
        var any = text.Transliterate();
        if (script is "Hani" or "Hang")
        {
            any = SplitSyllables(any);
        }
        if (script == "Hang")
        {
            any = KoreanSurname(any);
        }
        return [new Romanization(any, "anyascii")];
    }

    /// <summary>
    /// A name in Han characters read in Korean (金正恩 → 김정은), when it is written as a Korean name is: two to four
    /// characters, family name first, a space at most after a one-character family name, and that family name read
    /// as one of the common Korean family names (金 is read 금, gold, but 김 as a name). Null for any other name: a
    /// Japanese name, a Chinese one with another family name, or one in Western order ("聰明 蔡"), whose Korean
    /// reading would only meet unrelated Korean names on the lists. Every other character takes the first reading
    /// the Unicode Han Database lists.
    /// </summary>
    /// <remarks>
    /// Korean names are also written in Hanja and then published in their Korean reading, which no Chinese reading
    /// comes near (Jin Zhengen is Kim Jong Un).
    /// </remarks>
    public static string? SinoKorean(string text)
    {
        var compact = text.Replace(" ", "", StringComparison.Ordinal);
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        if (compact.Length is < 2 or > 4 || (space >= 0 && (space != 1 || text.Length != compact.Length + 1)))
        {
            return null;
        }
        var readings = HanjaReadings.Value;
        if (!readings.TryGetValue(compact[0], out var family) || family.FirstOrDefault(r => KoreanSurnames.ContainsKey(r.Transliterate())) is not { } surname)
        {
            return null;
        }
        var sb = new StringBuilder(surname, text.Length);
        if (space == 1)
        {
            sb.Append(' ');
        }
        foreach (var c in compact.AsSpan(1))
        {
            if (!readings.TryGetValue(c, out var given))
            {
                return null;
            }
            sb.Append(given[0]);
        }
        return sb.ToString();
    }

    // Loaded on the first Han name, not at start: most screening never meets one.
    private static readonly Lazy<Dictionary<char, string[]>> HanjaReadings = new(LoadHanjaReadings);

    private static Dictionary<char, string[]> LoadHanjaReadings()
    {
        var map = new Dictionary<char, string[]>();
        // "金 금 김": the character, then its readings.
        foreach (var line in EmbeddedTable.Lines("Vigil.Matching.Text.SinoKorean.txt"))
        {
            if (line.Length >= 3)
            {
                map[line[0]] = line[2..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            }
        }
        return map;
    }

    /// <summary>Latin text with diacritics and ligatures folded to ASCII (Müller→Muller, Øresund→Oresund, ß→ss).</summary>
    public static string Fold(string text)
    {
        foreach (var c in text)
        {
            if (c > 0x7F)
            {
                return text.Transliterate();
            }
        }
        return text;
    }

    private static string TransliterateCyrillic(string text, bool bgn)
    {
        var sb = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var lower = char.ToLowerInvariant(c);
            if (Cyrillic.TryGetValue(lower, out var pair))
            {
                var latin = bgn ? pair.Bgn : pair.Icao;
                // BGN/PCGN writes е as "ye" at the start of a word and after a vowel or ъ/ь.
                if (bgn && lower == 'е' && (i == 0 || !char.IsLetter(text[i - 1]) || "аеёиоуыэюяъь".Contains(char.ToLowerInvariant(text[i - 1]), StringComparison.Ordinal)))
                {
                    latin = "ye";
                }
                if (char.IsUpper(c) && latin.Length > 0)
                {
                    latin = char.ToUpperInvariant(latin[0]) + latin[1..];
                }
                sb.Append(latin);
            }
            else if (c > 0x7F && char.IsLetter(c))
            {
                sb.Append(c.ToString().Transliterate());
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    // AnyAscii writes Revised Romanization; family names are published in their customary spellings.
    private static readonly Dictionary<string, string> KoreanSurnames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Gim"] = "Kim",
        ["I"] = "Lee",
        ["Bag"] = "Park",
        ["Bak"] = "Park",
        ["Choe"] = "Choi",
        ["Jeong"] = "Jung",
        ["Gang"] = "Kang",
        ["Jo"] = "Cho",
        ["Yun"] = "Yoon",
        ["Jang"] = "Jang",
        ["Im"] = "Lim",
        ["Han"] = "Han",
        ["O"] = "Oh",
        ["Seo"] = "Seo",
        ["Sin"] = "Shin",
        ["Gwon"] = "Kwon",
        ["Hwang"] = "Hwang",
        ["An"] = "Ahn",
        ["Song"] = "Song",
        ["Ryu"] = "Ryu",
        ["Hong"] = "Hong",
        ["Go"] = "Ko",
        ["Mun"] = "Moon",
        ["Yang"] = "Yang",
        ["Son"] = "Son",
        ["Bae"] = "Bae",
        ["Baek"] = "Baek",
        ["Heo"] = "Heo",
        ["No"] = "Noh",
        ["Ha"] = "Ha",
        ["Gu"] = "Koo",
    };

    /// <summary>The first word of a Korean name is its family name: written as it is customarily published (Gim → Kim).</summary>
    private static string KoreanSurname(string romanized)
    {
        var space = romanized.IndexOf(' ', StringComparison.Ordinal);
        var first = space < 0 ? romanized : romanized[..space];
        return KoreanSurnames.TryGetValue(first, out var customary) ? customary + romanized[first.Length..] : romanized;
    }

    /// <summary>"XiJinPing" → "Xi Jin Ping": AnyAscii capitalises each Han or Hangul syllable and joins them.</summary>
    private static string SplitSyllables(string text)
    {
        var sb = new StringBuilder(text.Length + 4);
        for (var i = 0; i < text.Length; i++)
        {
            if (i > 0 && char.IsUpper(text[i]) && char.IsLetter(text[i - 1]))
            {
                sb.Append(' ');
            }
            sb.Append(text[i]);
        }
        return sb.ToString();
    }

    private static Dictionary<char, (string, string)> BuildCyrillic()
    {
        var map = new Dictionary<char, (string, string)>();
        void Add(string letters, string icao, string? bgn = null)
        {
            foreach (var l in letters)
            {
                map[l] = (icao, bgn ?? icao);
            }
        }
        // Russian
        Add("а", "a"); Add("б", "b"); Add("в", "v"); Add("г", "g"); Add("д", "d"); Add("е", "e"); Add("ё", "e", "yo");
        Add("ж", "zh"); Add("з", "z"); Add("и", "i"); Add("й", "i", "y"); Add("к", "k"); Add("л", "l"); Add("м", "m");
        Add("н", "n"); Add("о", "o"); Add("п", "p"); Add("р", "r"); Add("с", "s"); Add("т", "t"); Add("у", "u");
        Add("ф", "f"); Add("х", "kh"); Add("ц", "ts"); Add("ч", "ch"); Add("ш", "sh"); Add("щ", "shch");
        Add("ъ", "ie", ""); Add("ы", "y"); Add("ь", ""); Add("э", "e"); Add("ю", "iu", "yu"); Add("я", "ia", "ya");
        // Ukrainian and Belarusian
        Add("є", "ie", "ye"); Add("і", "i"); Add("ї", "i", "yi"); Add("ґ", "g"); Add("ў", "u", "w");
        // Tajik: ҳ is a plain h and ҷ a j, which is why one man is both Khalimov (х) and Halimov (ҳ).
        Add("ҳ", "h"); Add("ҷ", "j"); Add("ғ", "gh"); Add("қ", "q"); Add("ӣ", "i"); Add("ӯ", "u");
        // Kazakh, Uzbek, Kyrgyz, Tatar, Bashkir, Azerbaijani Cyrillic
        Add("ә", "a"); Add("ң", "ng"); Add("ө", "o"); Add("ұ", "u"); Add("ү", "u"); Add("һ", "h"); Add("ҙ", "z"); Add("ҫ", "s");
        Add("ҝ", "g"); Add("ҹ", "j"); Add("ҡ", "q"); Add("ӊ", "ng");
        // Serbian and Macedonian
        Add("ђ", "dj"); Add("ј", "j"); Add("љ", "lj"); Add("њ", "nj"); Add("ћ", "c"); Add("џ", "dz"); Add("ѓ", "gj"); Add("ќ", "kj"); Add("ѕ", "dz");
        return map;
    }
}
