using System.Globalization;
using System.Text.RegularExpressions;

namespace Vigil.Core.Sources;

/// <summary>
/// Finds UN Security Council reference numbers quoted in free text by other lists ("UN Ref QDi.372",
/// "QDE.145", "CDi. 038") and returns them in the UN file's own spelling, as <c>un-sc:QDi.372</c>.
/// </summary>
public static partial class UnReferenceFinder
{
    /// <summary>Source id of the UN Security Council Consolidated List.</summary>
    public const string UnSource = "un-sc";

    /// <summary>Each distinct reference in the text: (record id, the text as quoted).</summary>
    public static IEnumerable<(string RecordId, string Quoted)> Find(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            yield break;
        }
        HashSet<string>? seen = null;
        foreach (Match m in Reference().Matches(text))
        {
            var prefix = m.Groups["p"].Value.ToUpperInvariant();
            var kind = char.ToLowerInvariant(m.Groups["k"].Value[0]);
            var number = int.Parse(m.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture);
            var id = $"{UnSource}:{prefix}{kind}.{number.ToString("D3", CultureInfo.InvariantCulture)}";
            if ((seen ??= []).Add(id))
            {
                yield return (id, m.Value);
            }
        }
    }

    // The regime prefixes the UN list uses; restricting to them keeps words like "Ode.1" from matching.
    [GeneratedRegex(@"\b(?<p>QD|TA|CD|CF|GB|HT|IQ|IR|KP|LY|SD|SO|SS|YE|ML)(?<k>[ieIE])\s?\.\s?(?<n>\d{1,3})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Reference();
}
