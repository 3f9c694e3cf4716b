using System.Text;

namespace Vigil.Matching.Text;

/// <summary>One token of a name, precomputed for comparison: its text, phonetic key, skeleton, spelling class and role.</summary>
public sealed record NameToken(string Text, string Folded, string Skeleton, string? Class, TokenRole Role)
{
    /// <summary>True when the token was romanised from an abjad (Arabic, Hebrew), whose vowels are unwritten.</summary>
    public bool FromAbjad { get; init; }

    /// <summary>The legal-form class of a legal-form token ("llc"), else null.</summary>
    public string? LegalForm { get; init; }

    public override string ToString() => Text;
}

/// <summary>A name as the matcher sees it: one romanisation of it, split into analysed tokens.</summary>
public sealed record AnalyzedName(string Original, string Romanized, string Table, IReadOnlyList<NameToken> Tokens);

/// <summary>Cleans, romanises and tokenises names: invisible characters, homoglyphs, punctuation, scripts, roles.</summary>
public static class NameAnalyzer
{
    private static readonly char[] Invisible =
        ['\u00AD', '\u200B', '\u200C', '\u200D', '\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2060', '\u2061', '\u2062', '\u2063', '\u2064', '\uFEFF'];

    // Declared after Invisible: static fields initialise in textual order.
    private static readonly System.Buffers.SearchValues<char> InvisibleChars = System.Buffers.SearchValues.Create(Invisible);

    // Cyrillic and Greek letters that look Latin, as found mixed into Latin names to defeat screening.
    private static readonly Dictionary<char, char> Homoglyphs = new()
    {
        ['а'] = 'a',
        ['е'] = 'e',
        ['о'] = 'o',
        ['р'] = 'p',
        ['с'] = 'c',
        ['у'] = 'y',
        ['х'] = 'x',
        ['і'] = 'i',
        ['ј'] = 'j',
        ['ѕ'] = 's',
        ['А'] = 'A',
        ['В'] = 'B',
        ['Е'] = 'E',
        ['К'] = 'K',
        ['М'] = 'M',
        ['Н'] = 'H',
        ['О'] = 'O',
        ['Р'] = 'P',
        ['С'] = 'C',
        ['Т'] = 'T',
        ['Х'] = 'X',
        ['І'] = 'I',
        ['α'] = 'a',
        ['ο'] = 'o',
        ['ρ'] = 'p',
        ['ν'] = 'v',
        ['Α'] = 'A',
        ['Β'] = 'B',
        ['Ε'] = 'E',
        ['Η'] = 'H',
        ['Ι'] = 'I',
        ['Κ'] = 'K',
        ['Μ'] = 'M',
        ['Ν'] = 'N',
        ['Ο'] = 'O',
        ['Ρ'] = 'P',
        ['Τ'] = 'T',
        ['Χ'] = 'X',
    };

    /// <summary>Every romanisation of the name, analysed; at least one (possibly with no tokens for a name of punctuation).</summary>
    public static IReadOnlyList<AnalyzedName> Analyze(string name, bool organization = false)
    {
        var clean = Clean(name);
        var script = ScriptDetector.Detect(clean);
        var abjad = script is "Arab" or "Hebr";
        var result = new List<AnalyzedName>(2);
        foreach (var r in Romanizer.Romanize(clean))
        {
            var tokens = Tokenize(r.Text, organization, abjad);
            result.Add(new AnalyzedName(name, string.Join(' ', tokens.Select(t => t.Text)), r.Table, tokens));
        }
        return result;
    }

    /// <summary>Unicode-normalised text without invisible characters, with Latin look-alikes inside Latin words made Latin.</summary>
    public static string Clean(string name)
    {
        var text = name.Normalize(NormalizationForm.FormKC);
        if (text.AsSpan().IndexOfAny(InvisibleChars) >= 0)
        {
            text = string.Concat(text.Split(Invisible));
        }
        return FixHomoglyphs(text);
    }

    private static string FixHomoglyphs(string text)
    {
        var words = text.Split(' ');
        var changed = false;
        for (var w = 0; w < words.Length; w++)
        {
            var word = words[w];
            var latin = 0;
            var other = 0;
            foreach (var c in word)
            {
                if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z'))
                {
                    latin++;
                }
                else if (char.IsLetter(c))
                {
                    other++;
                }
            }
            // Only a word that is mostly Latin with a few look-alikes is repaired; a Cyrillic word stays Cyrillic.
            if (latin == 0 || other == 0 || latin < other)
            {
                continue;
            }
            var chars = word.ToCharArray();
            for (var i = 0; i < chars.Length; i++)
            {
                if (Homoglyphs.TryGetValue(chars[i], out var l))
                {
                    chars[i] = l;
                }
            }
            words[w] = new string(chars);
            changed = true;
        }
        return changed ? string.Join(' ', words) : text;
    }

    private static List<NameToken> Tokenize(string romanized, bool organization, bool abjad)
    {
        var lower = romanized.ToLowerInvariant();
        lower = JoinDottedInitials(lower);
        if (organization)
        {
            foreach (var (phrase, form) in NameVocabulary.SpelledOutLegalForms)
            {
                if (lower.Contains(phrase, StringComparison.Ordinal))
                {
                    lower = lower.Replace(phrase, form, StringComparison.Ordinal);
                }
            }
        }
        var tokens = new List<NameToken>();
        var sb = new StringBuilder();
        foreach (var c in lower + " ")
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                sb.Append(c);
            }
            else if (c is '\'' or '`' or '\u2019' or '\u02BC' or '\u02BB')
            {
                // O'Brien, Ma'ruf, AnyAscii's ayn: the apostrophe joins, it does not split.
            }
            else if (sb.Length > 0)
            {
                AddToken(tokens, sb.ToString(), organization, abjad);
                sb.Clear();
            }
        }
        return tokens;
    }

    private static void AddToken(List<NameToken> tokens, string text, bool organization, bool abjad)
    {
        if (organization)
        {
            text = NameVocabulary.Expand(text);
        }
        var role = NameVocabulary.RoleOf(text, organization);
        if (!organization && role == TokenRole.Word && IsPatronymic(text))
        {
            role = TokenRole.Patronymic;
        }
        var folded = PhoneticFold.Fold(text);
        tokens.Add(new NameToken(text, folded, PhoneticFold.Skeleton(folded), NameVocabulary.ClassOf(text), role)
        {
            FromAbjad = abjad,
            LegalForm = role == TokenRole.LegalForm ? NameVocabulary.LegalFormClass(text) : null,
        });
    }

    /// <summary>A patronymic by its ending (Salimovich, Petrovna, Ogly), which costs little when one side omits it.</summary>
    public static bool IsPatronymic(string token) =>
        token.Length > 5 && (token.EndsWith("ovich", StringComparison.Ordinal) || token.EndsWith("evich", StringComparison.Ordinal)
            || token.EndsWith("ovna", StringComparison.Ordinal) || token.EndsWith("evna", StringComparison.Ordinal)
            || token.EndsWith("ogly", StringComparison.Ordinal) || token.EndsWith("oglu", StringComparison.Ordinal)
            || token.EndsWith("kyzy", StringComparison.Ordinal) || token.EndsWith("ovych", StringComparison.Ordinal)
            || token.EndsWith("ivna", StringComparison.Ordinal) || token.EndsWith("ich", StringComparison.Ordinal));

    /// <summary>"u.s.a." → "usa": dots between single letters join them; any other dot separates words.</summary>
    private static string JoinDottedInitials(string text)
    {
        if (!text.Contains('.', StringComparison.Ordinal))
        {
            return text;
        }
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '.')
            {
                var singleBefore = i >= 1 && char.IsAsciiLetter(text[i - 1]) && (i < 2 || !char.IsAsciiLetter(text[i - 2]));
                var letterAfter = i + 1 < text.Length && char.IsAsciiLetter(text[i + 1]) && (i + 2 >= text.Length || !char.IsAsciiLetter(text[i + 2]));
                if (singleBefore && (letterAfter || i + 1 == text.Length || text[i + 1] == ' '))
                {
                    if (letterAfter)
                    {
                        continue;
                    }
                }
                sb.Append(' ');
                continue;
            }
            sb.Append(c);
        }
        return sb.ToString();
    }
}
