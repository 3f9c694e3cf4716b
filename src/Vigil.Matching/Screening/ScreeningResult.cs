using Vigil.Matching.Scoring;

namespace Vigil.Matching.Screening;

/// <summary>The qualifier names and findings callers act on (not only display), so a rewording cannot silently change them.</summary>
public static class Qualifiers
{
    public const string Identifier = "identifier";

    public const string BirthDate = "birthDate";

    /// <summary>The birth-date finding for the same full date.</summary>
    public const string SameDay = "same day";
}

/// <summary>The effect of one fact beside the name on the score: what was compared, what it found, and the arithmetic.</summary>
public sealed record QualifierEffect(string Qualifier, string? Query, string? Listed, string Finding, string Effect);

/// <summary>Why a subject scored as it did: the best-matching name and its comparison, each qualifier, and the final arithmetic.</summary>
public sealed record MatchExplanation(
    string MatchedName,
    bool WeakAlias,
    NameComparison Name,
    IReadOnlyList<QualifierEffect> Qualifiers,
    string Arithmetic);

/// <summary>One screening result: the subject, its calibrated score, whether it alerts, and why.</summary>
public sealed record ScreeningResult(ScreeningSubject Subject, double Score, bool Match, MatchExplanation Explanation);
