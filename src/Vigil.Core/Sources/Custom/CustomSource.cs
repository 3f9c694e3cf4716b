using System.Text.RegularExpressions;

namespace Vigil.Core.Sources;

/// <summary>Source ids of lists an organisation supplies itself: <c>custom-</c> plus a name reduced to lower-case letters, digits and hyphens.</summary>
internal static partial class CustomSource
{
    private const string Prefix = "custom-";

    /// <summary>The source id for a name ("My List 2024" gives <c>custom-my-list-2024</c>; a name already starting with custom- keeps one prefix).</summary>
    public static string From(string name)
    {
        var reduced = NotSourceCharacters().Replace(name.ToLowerInvariant(), "-").Trim('-');
        if (reduced.StartsWith(Prefix, StringComparison.Ordinal))
        {
            reduced = reduced[Prefix.Length..];
        }
        return Prefix + (reduced.Length == 0 ? "list" : reduced);
    }

    [GeneratedRegex(@"[^a-z0-9]+")]
    private static partial Regex NotSourceCharacters();
}
