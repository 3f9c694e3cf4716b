using System.Globalization;

namespace Vigil.Core.Model;

/// <summary>Country names and codes as lists write them ("Tajikistan", "Syrian Arab Republic", "IRN", "RU") to ISO 3166 alpha-2, lower case.</summary>
public static class Countries
{
    private static readonly Dictionary<string, string> ByName = Build();

    /// <summary>The alpha-2 code, lower case; null when the text names no country Vigil knows.</summary>
    public static string? ToCode(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var key = Normalize(text);
        if (ByName.TryGetValue(key, out var code))
        {
            return code;
        }
        var paren = key.IndexOf(" (", StringComparison.Ordinal);
        return paren > 0 ? ByName.GetValueOrDefault(key[..paren].Trim()) : null;
    }

    private static string Normalize(string text) =>
        text.Trim().ToLowerInvariant().Replace("the ", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal).Trim();

    private static Dictionary<string, string> Build()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string name, string code) => map.TryAdd(Normalize(name), code);
        foreach (var culture in CultureInfo.GetCultures(CultureTypes.SpecificCultures))
        {
            RegionInfo region;
            try
            {
                region = new RegionInfo(culture.Name);
            }
            catch (ArgumentException)
            {
                continue;
            }
            if (region.TwoLetterISORegionName.Length != 2 || !char.IsAsciiLetter(region.TwoLetterISORegionName[0]))
            {
                continue;
            }
            var code = region.TwoLetterISORegionName.ToLowerInvariant();
            Add(region.EnglishName, code);
            Add(region.TwoLetterISORegionName, code);
            Add(region.ThreeLetterISORegionName, code);
        }
        // Official and customary names the lists use beside the short English ones.
        (string Name, string Code)[] aliases =
        [
            ("Russian Federation", "ru"), ("Russia", "ru"), ("Iran (Islamic Republic of)", "ir"), ("Iran", "ir"), ("Islamic Republic of Iran", "ir"),
            ("Syrian Arab Republic", "sy"), ("Syria", "sy"), ("Democratic People's Republic of Korea", "kp"), ("North Korea", "kp"), ("DPRK", "kp"),
            ("Republic of Korea", "kr"), ("South Korea", "kr"), ("Korea, North", "kp"), ("Korea, South", "kr"), ("United Kingdom", "gb"),
            ("United Kingdom of Great Britain and Northern Ireland", "gb"), ("UK", "gb"), ("Great Britain", "gb"), ("United States", "us"),
            ("United States of America", "us"), ("USA", "us"), ("US", "us"), ("Viet Nam", "vn"), ("Lao People's Democratic Republic", "la"),
            ("Laos", "la"), ("Bolivia (Plurinational State of)", "bo"), ("Venezuela (Bolivarian Republic of)", "ve"), ("Venezuela", "ve"),
            ("Tanzania", "tz"), ("United Republic of Tanzania", "tz"), ("Democratic Republic of the Congo", "cd"), ("Congo, Democratic Republic of the", "cd"),
            ("DRC", "cd"), ("Republic of the Congo", "cg"), ("Congo", "cg"), ("Côte d'Ivoire", "ci"), ("Cote d'Ivoire", "ci"), ("Ivory Coast", "ci"),
            ("Burma", "mm"), ("Myanmar", "mm"), ("Türkiye", "tr"), ("Turkey", "tr"), ("Czechia", "cz"), ("Czech Republic", "cz"), ("Moldova", "md"),
            ("Republic of Moldova", "md"), ("Palestine", "ps"), ("State of Palestine", "ps"), ("Occupied Palestinian Territory", "ps"),
            ("Libya", "ly"), ("Libyan Arab Jamahiriya", "ly"), ("Macedonia", "mk"), ("North Macedonia", "mk"), ("Kyrgyzstan", "kg"),
            ("Kyrgyz Republic", "kg"), ("Brunei Darussalam", "bn"), ("Cabo Verde", "cv"), ("Cape Verde", "cv"), ("Eswatini", "sz"), ("Swaziland", "sz"),
            ("Timor-Leste", "tl"), ("East Timor", "tl"), ("Holy See", "va"), ("Vatican", "va"), ("Hong Kong", "hk"), ("Macau", "mo"), ("Macao", "mo"),
            ("Taiwan", "tw"), ("Kosovo", "xk"), ("Crimea", "ua"), ("Gaza", "ps"), ("West Bank", "ps"), ("Sudan", "sd"), ("South Sudan", "ss"),
            ("Afghanistan", "af"), ("Tajikistan", "tj"), ("Uzbekistan", "uz"), ("Kazakhstan", "kz"), ("Belarus", "by"), ("Yemen", "ye"),
            ("Saudi Arabia", "sa"), ("United Arab Emirates", "ae"), ("UAE", "ae"), ("Bosnia and Herzegovina", "ba"), ("Somalia", "so"),
        ];
        foreach (var (name, code) in aliases)
        {
            map[Normalize(name)] = code;
        }
        return map;
    }
}
