using Vigil.Matching.Text;

namespace Vigil.Core.Model;

/// <summary>Country names and codes as lists write them ("Tajikistan", "Syrian Arab Republic", "IRN", "RU") to ISO 3166 alpha-2, lower case.</summary>
/// <remarks>The names are the matcher's (<see cref="CountryNames"/>), so lists and queries resolve alike.</remarks>
public static class Countries
{
    /// <summary>The alpha-2 code, lower case; null when the text names no country Vigil knows, or more than one.</summary>
    public static string? ToCode(string? text) => CountryNames.ToCode(text);

    /// <summary>Every country a list's value names ("Russian and Ukrainian" names two); empty when it names none Vigil knows.</summary>
    public static IReadOnlyList<string> ToCodes(string? text) => CountryNames.ToCodes(text);
}
