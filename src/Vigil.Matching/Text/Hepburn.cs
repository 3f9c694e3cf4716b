using System.Text;
using AnyAscii;

namespace Vigil.Matching.Text;

/// <summary>
/// Kana (hiragana or katakana) in the Hepburn romanisation of Japanese passports: long vowels unmarked (タロウ →
/// taro, オオノ → ono), ン as m before b, m and p (ナンバ → namba), a doubled consonant for ッ (ホッカイドウ →
/// hokkaido, マッチャ → matcha) and the contracted syllables written as one (キョウコ → kyoko, シュン → shun).
/// </summary>
/// <remarks>
/// AnyAscii reads each kana alone, so キョ comes out as "kiyo" and ッ as "t": no list spells a Japanese name that way.
/// </remarks>
public static class Hepburn
{
    // Katakana ァ (U+30A1) to ヶ (U+30F6), each kana's syllable; "" for the small kana that change the syllable before.
    private static readonly string[] Syllables =
    [
        "", "a", "", "i", "", "u", "", "e", "", "o",
        "ka", "ga", "ki", "gi", "ku", "gu", "ke", "ge", "ko", "go",
        "sa", "za", "shi", "ji", "su", "zu", "se", "ze", "so", "zo",
        "ta", "da", "chi", "ji", "", "tsu", "zu", "te", "de", "to", "do",
        "na", "ni", "nu", "ne", "no",
        "ha", "ba", "pa", "hi", "bi", "pi", "fu", "bu", "pu", "he", "be", "pe", "ho", "bo", "po",
        "ma", "mi", "mu", "me", "mo",
        "", "ya", "", "yu", "", "yo",
        "ra", "ri", "ru", "re", "ro",
        "", "wa", "i", "e", "o", "n", "vu", "ka", "ke",
    ];

    private const char FirstKatakana = '\u30A1';
    private const char LastKatakana = '\u30F6';
    private const char SmallTsu = '\u30C3';
    private const char ProlongedSound = '\u30FC';

    /// <summary>The kana of <paramref name="text"/> in passport Hepburn, lower case; words stay apart, any other letter goes through AnyAscii.</summary>
    public static string Romanize(string text)
    {
        var syllables = new List<string>(text.Length);
        var geminate = false;
        foreach (var raw in text)
        {
            // Hiragana sits 0x60 below its katakana.
            var c = raw is >= '\u3041' and <= '\u3096' ? (char)(raw + 0x60) : raw;
            if (c is < FirstKatakana or > LastKatakana and not ProlongedSound)
            {
                geminate = false;
                // The middle dot (・) parts the words of a name written in katakana.
                syllables.Add(c is '\u30FB' or '\u3000' ? " " : c.ToString().Transliterate());
                continue;
            }
            if (c == ProlongedSound)
            {
                // A long vowel, unmarked in passports.
                continue;
            }
            if (c == SmallTsu)
            {
                geminate = true;
                continue;
            }
            var syllable = Syllables[c - FirstKatakana];
            if (syllable.Length == 0 && Modifies(c, syllables) is { } merged)
            {
                syllables[^1] = merged;
                continue;
            }
            if (syllable.Length == 0)
            {
                // A small kana with nothing to join reads as its full-size self (ァ as a, ャ as ya).
                syllable = Syllables[c - FirstKatakana + 1];
            }
            if (geminate && !IsVowel(syllable[0]))
            {
                // ッ doubles the next consonant; before ch Hepburn writes t (matcha).
                syllable = (syllable.StartsWith("ch", StringComparison.Ordinal) ? "t" : syllable[..1]) + syllable;
            }
            geminate = false;
            syllables.Add(syllable);
        }
        return Join(syllables);
    }

    /// <summary>The syllable before a small kana, changed by it (キ + ャ → kya, シ + ェ → she, フ + ァ → fa); null when nothing is to be joined.</summary>
    private static string? Modifies(char small, List<string> syllables)
    {
        if (syllables.Count == 0 || syllables[^1] is not { Length: > 0 } before || !char.IsAsciiLetterLower(before[^1]))
        {
            return null;
        }
        // The small kana's vowel or glide: ャ ya, ュ yu, ョ yo, ァ a, ィ i, ゥ u, ェ e, ォ o, ヮ wa.
        var sound = Syllables[small - FirstKatakana + 1];
        if (sound[0] == 'y')
        {
            // Only after an i syllable: shi, chi and ji lose their i (sha), the others turn it into y (kya).
            if (before.Length < 2 || before[^1] != 'i')
            {
                return null;
            }
            // (A doubled syllable keeps its ending: ッチャ is tcha.)
            var palatal = before.EndsWith("shi", StringComparison.Ordinal) || before.EndsWith("chi", StringComparison.Ordinal) || before.EndsWith("ji", StringComparison.Ordinal);
            return palatal ? before[..^1] + sound[1..] : before[..^1] + sound;
        }
        if (before == "u")
        {
            // ウィ, ウェ, ウォ: wi, we, wo.
            return "w" + sound;
        }
        return before.Length >= 2 ? before[..^1] + sound : null;
    }

    /// <summary>The syllables written out, with long vowels left unmarked and ン as m before a lip consonant.</summary>
    private static string Join(List<string> syllables)
    {
        var sb = new StringBuilder(syllables.Count * 2);
        for (var i = 0; i < syllables.Count; i++)
        {
            var syllable = syllables[i];
            var next = i + 1 < syllables.Count ? syllables[i + 1] : "";
            // オウ, オオ and ウウ are long vowels, unless the second vowel starts a syllable of its own before another
            // vowel: イノウエ is Inoue (i-no-ue), not Inoe.
            if (syllable is "u" or "o" && sb.Length > 0 && (sb[^1] == 'o' || (syllable == "u" && sb[^1] == 'u'))
                && (next.Length == 0 || !IsVowel(next[0])))
            {
                continue;
            }
            if (syllable == "n" && next.Length > 0 && next[0] is 'b' or 'm' or 'p')
            {
                sb.Append('m');
                continue;
            }
            sb.Append(syllable);
        }
        return sb.ToString();
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';
}
