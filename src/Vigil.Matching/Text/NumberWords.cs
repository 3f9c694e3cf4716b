using System.Globalization;

namespace Vigil.Matching.Text;

/// <summary>English number words as digits, so "Brigade Forty-Four" meets "Brigade 44" and "Three Percenters" "3 Percenters".</summary>
internal static class NumberWords
{
    private static readonly Dictionary<string, int> Units = new(StringComparer.Ordinal)
    {
        ["zero"] = 0,
        ["one"] = 1,
        ["two"] = 2,
        ["three"] = 3,
        ["four"] = 4,
        ["five"] = 5,
        ["six"] = 6,
        ["seven"] = 7,
        ["eight"] = 8,
        ["nine"] = 9,
        ["ten"] = 10,
        ["eleven"] = 11,
        ["twelve"] = 12,
        ["thirteen"] = 13,
        ["fourteen"] = 14,
        ["fifteen"] = 15,
        ["sixteen"] = 16,
        ["seventeen"] = 17,
        ["eighteen"] = 18,
        ["nineteen"] = 19,
    };

    private static readonly Dictionary<string, int> Tens = new(StringComparer.Ordinal)
    {
        ["twenty"] = 20,
        ["thirty"] = 30,
        ["forty"] = 40,
        ["fourty"] = 40,
        ["fifty"] = 50,
        ["sixty"] = 60,
        ["seventy"] = 70,
        ["eighty"] = 80,
        ["ninety"] = 90,
    };

    // Ordinals name the same number as their cardinal: "First International Bank" is "1st International Bank".
    private static readonly Dictionary<string, int> Ordinals = new(StringComparer.Ordinal)
    {
        ["first"] = 1,
        ["second"] = 2,
        ["third"] = 3,
        ["fourth"] = 4,
        ["fifth"] = 5,
        ["sixth"] = 6,
        ["seventh"] = 7,
        ["eighth"] = 8,
        ["ninth"] = 9,
        ["tenth"] = 10,
        ["eleventh"] = 11,
        ["twelfth"] = 12,
    };

    /// <summary>
    /// Replaces number words in place; a tens word followed by a unit word or digit ("forty four", "forty 4") becomes
    /// one number, and ordinals, spelled or written with digits (first, 1st, 22nd), their number.
    /// </summary>
    public static void Fold(List<string> words)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (Ordinals.TryGetValue(words[i], out var ordinal))
            {
                words[i] = ordinal.ToString(CultureInfo.InvariantCulture);
            }
            else if (DigitOrdinal(words[i]) is { } digits)
            {
                words[i] = digits;
            }
            else if (Tens.TryGetValue(words[i], out var tens))
            {
                if (i + 1 < words.Count && (Units.TryGetValue(words[i + 1], out var unit) || (words[i + 1].Length == 1 && int.TryParse(words[i + 1], CultureInfo.InvariantCulture, out unit)))
                    && unit is > 0 and < 10)
                {
                    words[i] = (tens + unit).ToString(CultureInfo.InvariantCulture);
                    words.RemoveAt(i + 1);
                }
                else
                {
                    words[i] = tens.ToString(CultureInfo.InvariantCulture);
                }
            }
            else if (Units.TryGetValue(words[i], out var value) && value > 1)
            {
                // "one" is too often a word ("One Belt") to be read as a number.
                words[i] = value.ToString(CultureInfo.InvariantCulture);
            }
        }
    }

    /// <summary>"1st", "22nd", "3rd", "4th" as their digits; null for any other word.</summary>
    private static string? DigitOrdinal(string word)
    {
        if (word.Length < 3 || !char.IsAsciiDigit(word[0]))
        {
            return null;
        }
        var digits = word[..^2];
        var suffix = word[^2..];
        return suffix is "st" or "nd" or "rd" or "th" && digits.All(char.IsAsciiDigit) ? digits : null;
    }
}
