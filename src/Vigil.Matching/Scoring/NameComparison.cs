namespace Vigil.Matching.Scoring;

/// <summary>One query token met one list token: how, how alike, and how much it weighed.</summary>
public sealed record TokenPairing(string Query, string Candidate, string Method, double Similarity, double Weight);

/// <summary>
/// The comparison of one query name with one list name, with everything needed to explain it: the romanisations
/// compared, each token pairing, the tokens left over on either side, contradictions, and the arithmetic.
/// </summary>
public sealed record NameComparison(
    double Score,
    string QueryName,
    string CandidateName,
    string QueryForm,
    string CandidateForm,
    string Table,
    IReadOnlyList<TokenPairing> Pairs,
    IReadOnlyList<string> UnmatchedQuery,
    IReadOnlyList<string> UnmatchedCandidate,
    IReadOnlyList<string> Contradictions,
    double QueryCoverage,
    double CandidateCoverage,
    double Information)
{
    public static NameComparison Empty(string query, string candidate) =>
        new(0, query, candidate, "", "", "", [], [], [], [], 0, 0, 0);
}
