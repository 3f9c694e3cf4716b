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

    /// <summary>Replaces number words in place; a tens word followed by a unit word ("forty four") becomes one number.</summary>
    public static void Fold(List<string> words)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (Tens.TryGetValue(words[i], out var tens))
            {
                if (i + 1 < words.Count && Units.TryGetValue(words[i + 1], out var unit) && unit is > 0 and < 10)
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
}
