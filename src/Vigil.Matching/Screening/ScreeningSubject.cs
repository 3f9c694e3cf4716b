namespace Vigil.Matching.Screening;

/// <summary>A name of a subject, and whether the list calls it a weak (low-quality) alias.</summary>
public sealed record SubjectName(string Text, bool Weak = false);

/// <summary>
/// One subject to screen against, in plain terms: an id, a kind, names, dates of birth (EDTF text such as
/// <c>1975-05-14</c>, <c>1975</c>, <c>1975~</c>, <c>1970/1975</c>), countries (ISO 3166 alpha-2, lower case) and
/// identifiers (passport, national id, IMO...). The matcher knows nothing of where these came from.
/// </summary>
public sealed record ScreeningSubject(
    string Id,
    PartyKind Kind,
    IReadOnlyList<SubjectName> Names,
    IReadOnlyList<string> BirthDates,
    IReadOnlyList<string> Countries,
    IReadOnlyList<string> Identifiers)
{
    /// <summary>
    /// Country values of the list that name no country Vigil knows ("Congolese", "USSR (until 1991)"): while any
    /// remain, a query's country missing from <see cref="Countries"/> may still be the subject's, so it is not held
    /// against the match.
    /// </summary>
    public IReadOnlyList<string> UnreadCountries { get; init; } = [];
}

/// <summary>What is screened: a name in any script, with what else is known of the party.</summary>
public sealed record ScreeningQuery(
    string Name,
    PartyKind Kind = PartyKind.Unknown,
    string? BirthDate = null,
    string? Country = null,
    string? Identifier = null);

/// <summary>Options of one search; defaults from <see cref="MatchDefaults"/>, or a named profile.</summary>
public readonly record struct MatchOptions
{
    public MatchOptions()
    {
    }

    /// <summary>Score at or above which a result is a match (an alert).</summary>
    public double Threshold { get; init => field = Checked(value, nameof(Threshold)); } = MatchDefaults.Threshold;

    /// <summary>Most results returned.</summary>
    public int Limit { get; init; } = MatchDefaults.ResultLimit;

    /// <summary>Least score a result needs to be returned at all.</summary>
    public double Cutoff { get; init => field = Checked(value, nameof(Cutoff)); } = MatchDefaults.ResultCutoff;

    /// <summary>Candidates taken from the index to full scoring.</summary>
    public int CandidateLimit { get; init; } = MatchDefaults.CandidateLimit;

    /// <summary>
    /// Whether a value can be a threshold or cutoff: a number from 0 to 1. NaN is not (every comparison with it is
    /// false, so a NaN threshold would silently hide every match), nor are the infinities.
    /// </summary>
    public static bool IsScore(double value) => value is >= 0 and <= 1;

    private static double Checked(double value, string name) => IsScore(value)
        ? value
        : throw new ArgumentOutOfRangeException(name, value, $"{name} must be a score from 0 to 1");

    /// <summary>
    /// The named profiles: <c>default</c>; <c>kyc</c> (onboarding: recall first, a lower threshold); <c>payments</c>
    /// (real-time payment screening: precision first, a higher threshold).
    /// </summary>
    public static MatchOptions Profile(string? name) => name?.ToLowerInvariant() switch
    {
        null or "" or "default" => new MatchOptions(),
        "kyc" => new MatchOptions { Threshold = MatchDefaults.KycThreshold, Cutoff = MatchDefaults.ResultCutoff - 0.1 },
        "payments" => new MatchOptions { Threshold = MatchDefaults.PaymentsThreshold },
        _ => throw new ArgumentException($"unknown profile '{name}' (default, kyc, payments)"),
    };
}
