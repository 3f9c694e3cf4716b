using System.Text;

namespace Vigil.Matching;

/// <summary>Finds the dominant writing system of a text as an ISO 15924 code (Latn, Cyrl, Arab, Hani, ...).</summary>
public static class ScriptDetector
{
    /// <summary>The script with the most letters in <paramref name="text"/>; "Zyyy" (common) when it has no letters.</summary>
    public static string Detect(ReadOnlySpan<char> text)
    {
        Span<int> counts = stackalloc int[(int)Script.Count];
        foreach (var rune in text.EnumerateRunes())
        {
            if (!Rune.IsLetter(rune))
            {
                continue;
            }
            counts[(int)Classify(rune.Value)]++;
        }
        var best = Script.Common;
        var bestCount = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            if (counts[i] > bestCount)
            {
                best = (Script)i;
                bestCount = counts[i];
            }
        }
        return Codes[(int)best];
    }

    private enum Script
    {
        Common, Latin, Cyrillic, Greek, Arabic, Hebrew, Han, Hiragana, Katakana, Hangul, Armenian, Georgian,
        Devanagari, Thai, Ethiopic, Other, Count,
    }

    private static readonly string[] Codes =
        ["Zyyy", "Latn", "Cyrl", "Grek", "Arab", "Hebr", "Hani", "Hira", "Kana", "Hang", "Armn", "Geor", "Deva", "Thai", "Ethi", "Zzzz"];

    private static Script Classify(int cp) => cp switch
    {
        < 0x0250 => Script.Latin,
        >= 0x1E00 and < 0x1F00 => Script.Latin,
        >= 0x0370 and < 0x0400 => Script.Greek,
        >= 0x1F00 and < 0x2000 => Script.Greek,
        >= 0x0400 and < 0x0530 => Script.Cyrillic,
        >= 0x0530 and < 0x0590 => Script.Armenian,
        >= 0x0590 and < 0x0600 => Script.Hebrew,
        >= 0x0600 and < 0x0780 => Script.Arabic,
        >= 0x08A0 and < 0x0900 => Script.Arabic,
        >= 0xFB50 and < 0xFE00 => Script.Arabic,
        >= 0xFE70 and < 0xFF00 => Script.Arabic,
        >= 0x0900 and < 0x0980 => Script.Devanagari,
        >= 0x0E00 and < 0x0E80 => Script.Thai,
        >= 0x10A0 and < 0x1100 => Script.Georgian,
        >= 0x1100 and < 0x1200 => Script.Hangul,
        >= 0x1200 and < 0x1400 => Script.Ethiopic,
        >= 0x3040 and < 0x30A0 => Script.Hiragana,
        >= 0x30A0 and < 0x3100 => Script.Katakana,
        >= 0x3130 and < 0x3190 => Script.Hangul,
        >= 0xAC00 and < 0xD7B0 => Script.Hangul,
        >= 0x3400 and < 0xA000 => Script.Han,
        >= 0xF900 and < 0xFB00 => Script.Han,
        >= 0x20000 and < 0x30000 => Script.Han,
        _ => Script.Other,
    };

}
