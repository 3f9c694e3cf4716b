using Vigil.Matching.Text;

namespace Vigil.Matching.Scoring;

/// <summary>How two tokens were found to be alike, strongest first.</summary>
public enum TokenMatchMethod
{
    None,
    Exact,
    Class,
    Phonetic,
    Skeleton,
    Edit,
    Initial,
    Joined,
}

/// <summary>The similarity of two tokens in [0, 1], the evidence used, and whether the pair contradicts (different numbers or initials).</summary>
public readonly record struct TokenSimilarity(double Score, TokenMatchMethod Method, bool Contradiction = false)
{
    public static TokenSimilarity None => new(0, TokenMatchMethod.None);
}

/// <summary>Compares two analysed tokens by the strongest evidence available.</summary>
public static class TokenComparer
{
    public static TokenSimilarity Compare(NameToken a, NameToken b)
    {
        if (a.Text == b.Text)
        {
            return new(1, TokenMatchMethod.Exact);
        }
        if (a.Role == TokenRole.Number || b.Role == TokenRole.Number)
        {
            return a.Role == b.Role ? new(0, TokenMatchMethod.None, Contradiction: true) : TokenSimilarity.None;
        }
        if (a.Role == TokenRole.Initial || b.Role == TokenRole.Initial)
        {
            return a.Text[0] == b.Text[0] ? new(MatchDefaults.InitialScore, TokenMatchMethod.Initial) : TokenSimilarity.None;
        }
        if (a.Class is not null && a.Class == b.Class)
        {
            return new(MatchDefaults.ClassScore, TokenMatchMethod.Class);
        }
        if (a.Folded == b.Folded)
        {
            return new(MatchDefaults.PhoneticScore, TokenMatchMethod.Phonetic);
        }
        var edit = WeightedEditDistance.Similarity(a.Folded, b.Folded);
        var shorter = Math.Min(a.Folded.Length, b.Folded.Length);
        // Short tokens have little room for error: one wrong letter in a 4-letter name is a different name.
        var floor = shorter <= 3 ? 0.8 : shorter <= 5 ? 0.7 : MatchDefaults.EditFloor;
        var best = edit >= floor ? new TokenSimilarity(edit * MatchDefaults.EditScale, TokenMatchMethod.Edit) : TokenSimilarity.None;
        if ((a.FromAbjad || b.FromAbjad) && a.Skeleton.Length >= 2 && a.Skeleton == b.Skeleton && best.Score < MatchDefaults.SkeletonScore)
        {
            best = new(MatchDefaults.SkeletonScore, TokenMatchMethod.Skeleton);
        }
        return best;
    }
}
