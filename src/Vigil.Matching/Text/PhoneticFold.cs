using System.Text;

namespace Vigil.Matching.Text;

/// <summary>
/// Folds a lowercase ASCII token to a spelling-insensitive key: the differences transliteration tables make
/// (kh/h, q/k, ou/u, y/i, j/i after a vowel, w/v, ph/f, doubled letters, a final h after a vowel) vanish, so Khalimov and Halimov,
/// Yusuf and Jusuf... meet. Also builds consonant skeletons for names written in abjads (Arabic, Hebrew),
/// where vowels are not written at all.
/// </summary>
public static class PhoneticFold
{
    public static string Fold(string token)
    {
        var sb = new StringBuilder(token.Length);
        for (var i = 0; i < token.Length; i++)
        {
            var c = token[i];
            var next = i + 1 < token.Length ? token[i + 1] : '\0';
            switch (c)
            {
                case 'k' when next == 'h':
                case 'g' when next == 'h':
                case 'd' when next == 'h':
                case 't' when next == 'h':
                case 'z' when next == 'h' && i + 2 < token.Length:
                    Append(sb, c == 'k' ? 'h' : c);
                    i++;
                    continue;
                case 'p' when next == 'h':
                    Append(sb, 'f');
                    i++;
                    continue;
                case 'c' when next == 'k':
                    Append(sb, 'k');
                    i++;
                    continue;
                case 'o' when next == 'u':
                case 'o' when next == 'o':
                    Append(sb, 'u');
                    i++;
                    continue;
                case 'e' when next == 'e':
                    Append(sb, 'i');
                    i++;
                    continue;
                case 'e' when next is 'o' or 'u':
                    // Korean Revised Romanization's eo and eu are McCune-Reischauer's o and u (Jeong/Jong, Eun/Un).
                    Append(sb, next);
                    i++;
                    continue;
                case 'q':
                    Append(sb, 'k');
                    continue;
                case 'c' when next is not 'h':
                    Append(sb, next is 'e' or 'i' or 'y' ? 's' : 'k');
                    continue;
                case 'y':
                    Append(sb, 'i');
                    continue;
                case 'j' when i > 0 && IsVowel(token[i - 1]) && !IsVowel(next):
                    // Cyrillic й after a vowel is y in English spellings, j in ISO 9 and the Slavic and Baltic Latin
                    // alphabets, i in ICAO passports: Sergey, Sergej and Sergei are one name.
                    Append(sb, 'i');
                    continue;
                case 'w':
                    Append(sb, 'v');
                    continue;
                case 'x':
                    Append(sb, 'k');
                    Append(sb, 's');
                    continue;
                case 'h' when i == token.Length - 1 && i > 0 && IsVowel(token[i - 1]):
                    continue;
                case '\'':
                case '-':
                    continue;
                default:
                    Append(sb, c);
                    continue;
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// The consonants of a folded token, doubled ones once, with a leading Arabic article dropped: "mhmd" for both
    /// محمد and Muhammad. <paramref name="abjad"/> says the token was romanised from an abjad, where و (w, folded to v)
    /// is a vowel letter except at the start of a word; in Latin spellings only a medial v is dropped.
    /// </summary>
    public static string Skeleton(string folded, bool abjad = false)
    {
        var start = folded.Length > 4 && folded.StartsWith("al", StringComparison.Ordinal) ? 2 : 0;
        var sb = new StringBuilder(folded.Length);
        for (var i = start; i < folded.Length; i++)
        {
            var c = folded[i];
            // A medial و is usually a vowel (Mousavi: mwswy), so a medial v is dropped; at either end it is a consonant (Viktor, Ozerov).
            if (IsVowel(c) || c == '\'' || (c == 'v' && i > start && (abjad || i < folded.Length - 1)))
            {
                continue;
            }
            // Arabic has no p: Pérez is written with the letter for b.
            c = c == 'p' ? 'b' : c;
            if (sb.Length > 0 && sb[^1] == c)
            {
                continue;
            }
            sb.Append(c);
        }
        // A final h is a vowel ending in Arabic (ه, ة: Abdullah/Abdulla), not a consonant to compare.
        if (sb.Length > 1 && sb[^1] == 'h')
        {
            sb.Length--;
        }
        // A final long i is written (ي): Ali is "ly", Mohammadi "mhmdy", and neither is Muhammad.
        if (folded.Length > 1 && folded[^1] == 'i' && !IsVowel(folded[^2]))
        {
            sb.Append('y');
        }
        return sb.ToString();
    }

    public static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';

    private static void Append(StringBuilder sb, char c)
    {
        if (sb.Length == 0 || sb[^1] != c)
        {
            sb.Append(c);
        }
    }
}
