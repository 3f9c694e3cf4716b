namespace Vigil.Core.Storage;

/// <summary>
/// Refuses an import that would drop a large share of a list at once: a cut-short download or a wrong file looks
/// like a mass delisting, and every entity it drops stops alerting. <c>vigil import</c> and <c>vigil update</c> both
/// apply it; the person who knows the drop is real takes the file with the option the message names.
/// </summary>
public static class ShrinkGuard
{
    /// <summary>An import that leaves fewer than this share of the previous snapshot's entities is refused.</summary>
    public const double MinimumKeptShare = 0.8;

    /// <summary>Why the import is refused, or null when it keeps enough of the list (or is the source's first).</summary>
    public static string? Check(ImportCheck check, double minimumKeptShare, string howToAccept)
    {
        if (check.PreviousEntities is { } previous && previous > 0 && check.Entities < previous * minimumKeptShare)
        {
            var dropped = 1 - ((double)check.Entities / previous);
            return $"would drop {dropped:P0} of the list ({previous} -> {check.Entities} entities); {howToAccept}";
        }
        return null;
    }
}
