using System.Globalization;
using System.Text;

namespace Vigil.Matching.Text;

/// <summary>
/// Country text as lists and people write it to the ISO 3166 alpha-2 code, lower case: names in any CLDR language
/// ("Tajikistan", "Tadjikistan", "Таджикистан", "طاجيكستان"), official and inverted forms ("Republic of Tajikistan",
/// "Korea, Republic of", "Iran (Islamic Republic of)"), ISO alpha-2 and alpha-3 codes, and English demonyms ("Tajik").
/// </summary>
/// <remarks>
/// Names match exactly once normalised (case, Latin accents, punctuation, "the"), never by similarity: names of
/// different countries are often an edit apart (Niger and Nigeria, Dominica and the Dominican Republic), and a value
/// left unresolved is ignored by screening, where a wrong country would lower the score. Names come in two tiers:
/// codes, CLDR's English names and Vigil's own aliases (CountryAliases.txt) first; then the names of every other
/// CLDR locale of basic coverage or better, each taken only where no first-tier name has the same form and no other
/// country claims it too.
/// </remarks>
public static class CountryNames
{
    private const string Cldr = "Vigil.Matching.Text.CountryNames.txt";
    private const string Aliases = "Vigil.Matching.Text.CountryAliases.txt";

    // A key more than one country claims: it resolves to nothing rather than to either.
    private const string Ambiguous = "";

    // Words of a state's form ("Republic of", "Kingdom of", "(Islamic Republic of)") that name no country on their own.
    // "Democratic" and "People's" are left out: with them, the rest can name the wrong country (the Democratic
    // Republic of the Congo is not the Congo; the Democratic People's Republic of Korea not Korea).
    private static readonly HashSet<string> FormWords = new(StringComparer.Ordinal)
    {
        "republic", "of", "islamic", "plurinational", "state", "states", "bolivarian", "kingdom", "united", "federal",
        "federated", "federation", "commonwealth", "principality", "grand", "duchy", "sultanate", "emirate", "arab",
        "socialist", "oriental", "hashemite", "independent", "co", "operative", "cooperative", "union",
    };

    // Built on the first country resolved (a corpus load resolves its lists' countries), not at start.
    private static readonly Lazy<Dictionary<string, string>> Table = new(Load);

    /// <summary>The alpha-2 code, lower case; null when the text names no country, or names more than one.</summary>
    public static string? ToCode(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var key = Key(text);
        if (Table.Value.TryGetValue(key, out var code))
        {
            return code.Length == 0 ? null : code;
        }
        if (key.StartsWith("region ", StringComparison.Ordinal))
        {
            // OFAC writes places that are no country of their own as "Region: Gaza".
            return Find(key["region ".Length..]);
        }
        return WithoutNote(text) ?? Qualified(text) ?? WithoutForm(key);
    }

    /// <summary>
    /// Every country a list's value names: one for most ("Tajikistan"), several for a value listing more
    /// ("Russian and Ukrainian", "Estonia, Russia", "Turkish/Jordanian"); none when the value, or any part of it, names no country.
    /// </summary>
    public static IReadOnlyList<string> ToCodes(string? text)
    {
        if (ToCode(text) is { } code)
        {
            return [code];
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }
        var parts = text.Split(PartSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length < 2)
        {
            return [];
        }
        var codes = new List<string>(parts.Length);
        foreach (var part in parts)
        {
            if (ToCode(part) is not { } partCode)
            {
                return [];
            }
            if (!codes.Contains(partCode))
            {
                codes.Add(partCode);
            }
        }
        return codes;
    }

    private static readonly string[] PartSeparators = [",", "/", ";", ". ", " and ", " & "];

    /// <summary>"Iraq (previous address)", "Russian Federation (as at November 2010)": a note in brackets on when or how, dropped.</summary>
    private static string? WithoutNote(string text)
    {
        var open = text.LastIndexOf('(');
        if (open <= 0)
        {
            return null;
        }
        var note = Key(text[(open + 1)..]);
        var first = note.Split(' ')[0];
        return note.Any(char.IsAsciiDigit) || NoteWords.Contains(first) ? ToCode(text[..open]) : null;
    }

    // First words of a bracketed note about a value rather than part of a country's name.
    private static readonly HashSet<string> NoteWords = new(StringComparer.Ordinal)
    {
        "was", "formerly", "previous", "previously", "until", "since", "as", "possibly", "location",
    };

    /// <summary>
    /// "Korea, Republic of", "Iran (Islamic Republic of)", "Congo (Brazzaville)", "Burma (Myanmar)": the part after
    /// the comma or in brackets read before the rest, after it, or as a form to drop; or both parts naming one country.
    /// </summary>
    private static string? Qualified(string text)
    {
        var split = text.IndexOfAny([',', '(']);
        if (split <= 0)
        {
            return null;
        }
        var head = text[..split];
        var tail = text[(split + 1)..].Replace(")", " ", StringComparison.Ordinal);
        var tailKey = Key(tail);
        if (tailKey.Length == 0)
        {
            return Find(Key(head));
        }
        if (Find(Key(tail + " " + head)) is { } inverted)
        {
            return inverted;
        }
        if (Find(Key(head + " " + tail)) is { } joined)
        {
            return joined;
        }
        var headCode = Find(Key(head));
        if (tailKey.Split(' ').All(FormWords.Contains))
        {
            return headCode;
        }
        return headCode is not null && headCode == Find(tailKey) ? headCode : null;
    }

    /// <summary>"Republic of Tajikistan", "Grand Duchy of Luxembourg": a leading form ending in "of", dropped.</summary>
    private static string? WithoutForm(string key)
    {
        var tokens = key.Split(' ');
        var of = Array.IndexOf(tokens, "of");
        return of > 0 && of < tokens.Length - 1 && tokens[..of].All(FormWords.Contains)
            ? Find(string.Join(' ', tokens[(of + 1)..]))
            : null;
    }

    private static string? Find(string key) =>
        key.Length > 0 && Table.Value.TryGetValue(key, out var code) && code.Length > 0 ? code : null;

    /// <summary>
    /// The form names are compared in: lower case, accents off Latin letters, "&amp;" as "and", apostrophes and
    /// full stops dropped (U.S., Côte d’Ivoire), other punctuation as spaces, "the" dropped and "st" read as "saint".
    /// </summary>
    internal static string Key(string text) => Key(text, normalized: false);

    /// <param name="text">The text.</param>
    /// <param name="normalized">True for text known to be in NFC already, as CLDR's is: checking costs a call into ICU.</param>
    private static string Key(string text, bool normalized)
    {
        if (!normalized && !text.IsNormalized(NormalizationForm.FormC))
        {
            text = text.Normalize(NormalizationForm.FormC);
        }
        // Each character gives at most five ("&" gives " and ", "st" "saint "), and the last space goes.
        var size = (text.Length * 5) + 1;
        var buffer = size <= 1024 ? stackalloc char[size] : new char[size];
        var end = 0;
        var wordStart = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiLetterOrDigit(c))
            {
                buffer[end++] = char.ToLowerInvariant(c);
                continue;
            }
            if (char.IsHighSurrogate(c) && i + 1 < text.Length)
            {
                // Letters outside the basic plane (Chakma, Adlam...) are kept as written.
                buffer[end++] = c;
                buffer[end++] = text[++i];
                continue;
            }
            if (c > '\u007F' && (char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark))
            {
                // Accents go from Latin letters only: in other scripts a mark can be all that tells two letters apart.
                buffer[end++] = char.ToLowerInvariant(c < '\u0250' || c is >= '\u1E00' and < '\u1F00' ? LatinBase(c) : c);
                continue;
            }
            if (c is '\'' or '’' or 'ʼ' or '`' or '´' or '.')
            {
                continue;
            }
            EndWord(buffer, ref end, ref wordStart);
            if (c == '&')
            {
                "and".CopyTo(buffer[end..]);
                end += 3;
                EndWord(buffer, ref end, ref wordStart);
            }
        }
        EndWord(buffer, ref end, ref wordStart);
        return new string(buffer[..Math.Max(0, end - 1)]);
    }

    /// <summary>Closes the word since <paramref name="wordStart"/> with a space, dropping "the" and reading "st" as "saint".</summary>
    private static void EndWord(Span<char> buffer, ref int end, ref int wordStart)
    {
        var word = buffer[wordStart..end];
        if (word.IsEmpty)
        {
            return;
        }
        if (word.SequenceEqual("the"))
        {
            end = wordStart;
            return;
        }
        if (word.SequenceEqual("st"))
        {
            "saint".CopyTo(buffer[wordStart..]);
            end = wordStart + "saint".Length;
        }
        buffer[end++] = ' ';
        wordStart = end;
    }

    /// <summary>A Latin letter without its accents (é → e, ø stays ø); marks alone disappear.</summary>
    private static char LatinBase(char c)
    {
        if (c < '\u00C0')
        {
            return c;
        }
        var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        return decomposed.Length > 0 && char.GetUnicodeCategory(decomposed[0]) != UnicodeCategory.NonSpacingMark ? decomposed[0] : c;
    }

    /// <summary>The first-tier names (codes, CLDR English names, Vigil's aliases) with their codes, for the tests.</summary>
    internal static IEnumerable<(string Code, string Name)> FirstTierNames()
    {
        foreach (var line in EmbeddedTable.Lines(Cldr))
        {
            var fields = line.Split('\t');
            var code = fields[0].ToLowerInvariant();
            yield return (code, fields[0]);
            yield return (code, fields[1]);
            foreach (var name in fields[2].Split('|', StringSplitOptions.RemoveEmptyEntries))
            {
                yield return (code, name);
            }
        }
        foreach (var line in EmbeddedTable.Lines(Aliases))
        {
            var fields = line.Split('\t');
            if (fields[0] != "!")
            {
                foreach (var name in fields[1].Split('|', StringSplitOptions.RemoveEmptyEntries))
                {
                    yield return (fields[0].ToLowerInvariant(), name);
                }
            }
        }
    }

    /// <summary>The names Vigil's aliases mark as naming more than one country.</summary>
    internal static IEnumerable<string> AmbiguousNames() =>
        EmbeddedTable.Lines(Aliases).Select(l => l.Split('\t')).Where(f => f[0] == "!").SelectMany(f => f[1].Split('|'));

    private static Dictionary<string, string> Load()
    {
        // Sized for the table as generated: about 20,000 distinct forms.
        var table = new Dictionary<string, string>(21_000, StringComparer.Ordinal);
        foreach (var (code, name) in FirstTierNames())
        {
            Claim(table, Key(name), code);
        }
        var others = new Dictionary<string, string>(18_000, StringComparer.Ordinal);
        foreach (var line in EmbeddedTable.Lines(Cldr))
        {
            var fields = line.Split('\t');
            var code = fields[0].ToLowerInvariant();
            foreach (var name in fields[3].Split('|', StringSplitOptions.RemoveEmptyEntries))
            {
                var key = Key(name, normalized: true);
                if (!table.ContainsKey(key))
                {
                    Claim(others, key, code);
                }
            }
        }
        foreach (var (key, code) in others)
        {
            table[key] = code;
        }
        foreach (var name in AmbiguousNames())
        {
            table[Key(name)] = Ambiguous;
        }
        table.Remove("");
        return table;
    }

    private static void Claim(Dictionary<string, string> table, string key, string code)
    {
        if (!table.TryAdd(key, code) && table[key] != code)
        {
            table[key] = Ambiguous;
        }
    }
}
