using Vigil.Matching.Scoring;

namespace Vigil.Matching.Screening;

/// <summary>The qualifier names and findings callers act on (not only display), so a rewording cannot silently change them.</summary>
public static class Qualifiers
{
    public const string Identifier = "identifier";

    public const string BirthDate = "birthDate";

    public const string Country = "country";

    /// <summary>The name effects give the qualifier (<see cref="QualifierEffect.Qualifier"/>), as JSON writes it too.</summary>
    public static string Name(QualifierKind kind) => kind switch
    {
        QualifierKind.BirthDate => BirthDate,
        QualifierKind.Country => Country,
        QualifierKind.Identifier => Identifier,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The birth-date finding for the same full date.</summary>
    public const string SameDay = "same day";

    /// <summary>
    /// An effect's signed size, read from the arithmetic the index writes: a bonus (<c>+0.08</c>) as itself, a factor
    /// (<c>×0.6</c>) as factor − 1, an identifier hit (<c>max(...)</c>) as +1 and a weak-alias cap as −1.
    /// </summary>
    public static double Delta(QualifierEffect effect) => effect.Effect switch
    {
        ['+', .. var bonus] => double.Parse(bonus, System.Globalization.CultureInfo.InvariantCulture),
        ['×', .. var factor] => double.Parse(factor, System.Globalization.CultureInfo.InvariantCulture) - 1,
        _ when effect.Qualifier == Identifier => 1,
        _ => -1,
    };
}

/// <summary>The effect of one fact beside the name on the score: what was compared, what it found, and the arithmetic.</summary>
public sealed record QualifierEffect(string Qualifier, string? Query, string? Listed, string Finding, string Effect);

/// <summary>
/// Why a subject scored as it did: the best-matching name and its comparison, each qualifier, the final arithmetic,
/// and the qualifier values that could not be read and so did not count (<see cref="IgnoredValue"/>).
/// </summary>
public sealed record MatchExplanation(
    string MatchedName,
    bool WeakAlias,
    NameComparison Name,
    IReadOnlyList<QualifierEffect> Qualifiers,
    string Arithmetic,
    IReadOnlyList<IgnoredValue> Ignored);

/// <summary>One screening result: the subject, its calibrated score, whether it alerts, and why.</summary>
public sealed record ScreeningResult(ScreeningSubject Subject, double Score, bool Match, MatchExplanation Explanation);
