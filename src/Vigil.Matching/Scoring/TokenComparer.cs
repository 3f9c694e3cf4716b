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
    Prefix,

    /// <summary>A familiar form of a given name and the name itself (Ted, Theodore).</summary>
    Nickname,
}

/// <summary>
/// The similarity of two tokens in [0, 1], the evidence used, and whether it is confident: every kind of evidence is,
/// except a fuzzy match of more than one edit or a shortened name, which may as well be a different name.
/// </summary>
/// <remarks>Contradictions (different numbers, initials, patronymics) are judged by the name scorer over unmatched tokens.</remarks>
public readonly record struct TokenSimilarity(double Score, TokenMatchMethod Method, bool Confident = true)
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
            // Numbers are equal or different; 5 is no typo of 6.
            return TokenSimilarity.None;
        }
        if (a.Role == TokenRole.Initial || b.Role == TokenRole.Initial)
        {
            return a.Text[0] == b.Text[0] ? new(MatchDefaults.InitialScore, TokenMatchMethod.Initial) : TokenSimilarity.None;
        }
        if (a.Class is not null && a.Class == b.Class)
        {
            return new(MatchDefaults.ClassScore, TokenMatchMethod.Class);
        }
        if (a.Role == TokenRole.Word && b.Role == TokenRole.Word && (a.Familiar || b.Familiar) && NameVocabulary.AreFamiliarForms(a.Text, a.Class, b.Text, b.Class))
        {
            return new(MatchDefaults.NicknameScore, TokenMatchMethod.Nickname);
        }
        if (a.Hangul != b.Hangul && a.Hangul != '\0' && b.Hangul != '\0')
        {
            // Both read from Hangul and written differently: 종 and 정 are two names, however alike in Latin letters.
            return TokenSimilarity.None;
        }
        if (a.Folded == b.Folded)
        {
            return new(MatchDefaults.PhoneticScore, TokenMatchMethod.Phonetic);
        }
        if (!IsNameWord(a.Role) || !IsNameWord(b.Role))
        {
            // A particle or title is either spelled the same or not at all: "al" is no typo of "Ali".
            return TokenSimilarity.None;
        }
        if (MandarinSyllables.AreDifferentSyllables(a.Text, b.Text))
        {
            // Liu/Lu, Zhou/Zhao, Min-jun/Min-jin: in a romanised Chinese or Korean name a syllable is a character,
            // and a different syllable a different name, however few letters apart.
            return TokenSimilarity.None;
        }
        if (a.FromSyllabary || b.FromSyllabary)
        {
            // A syllable is a character: seong/sung are one Hangul syllable romanised two ways, but hyeon/han or
            // ping/peng are different characters, so only a skeleton of a full syllable (four letters or more) counts.
            return a.LooseVowels | b.LooseVowels && Math.Min(a.Text.Length, b.Text.Length) >= 4 && a.Skeleton == b.Skeleton
                ? new(MatchDefaults.SkeletonScore, TokenMatchMethod.Skeleton)
                : TokenSimilarity.None;
        }
        var longer = Math.Max(a.Folded.Length, b.Folded.Length);
        var lengthGap = Math.Abs(a.Folded.Length - b.Folded.Length);
        if (lengthGap > MatchDefaults.EditMaximumLengthGap && !IsPrefix(a.Text, b.Text) && !(a.LooseVowels || b.LooseVowels))
        {
            // Too different in length for any edit evidence to reach its floor: the hot path skips the matrix.
            return TokenSimilarity.None;
        }
        // Folding can pull a typo apart (Lakahl/Lakhal: the kh fold sees one spelling and not the other), so the
        // written forms are compared too and the cheaper edit counts.
        var shorter = Math.Min(a.Folded.Length, b.Folded.Length);
        // Short tokens have little room for error: one wrong letter in a 4-letter name is a different name.
        var floor = shorter <= 3 ? 0.8 : shorter <= 5 ? 0.7 : MatchDefaults.EditFloor;
        // A cost is only read when it is at most 1 (a single edit) or leaves the edit similarity at its floor; over
        // this limit it is neither (1 − cost / longer falls under the floor by 0.001 / longer, far more than rounding),
        // so the distances may stop as soon as they pass it, and any cost at or under it is exact.
        var limit = Math.Max(1.0, (1 - floor) * longer) + 0.001;
        var cost = WeightedEditDistance.Distance(a.Folded, a.FoldedLetters, b.Folded, b.FoldedLetters, limit);
        if (cost > 1.0 && (a.Text != a.Folded || b.Text != b.Folded))
        {
            // The written forms' cost is read against the written length: folding a doubled letter shortens the
            // folded form, and Stellaris/Stellantis is two slips in ten letters, not two in nine.
            var writtenLonger = Math.Max(a.Text.Length, b.Text.Length);
            var written = WeightedEditDistance.Distance(a.Text, a.TextLetters, b.Text, b.TextLetters, Math.Max(1.0, (1 - floor) * writtenLonger) + 0.001);
            if (written / writtenLonger < cost / longer)
            {
                (cost, longer) = (written, writtenLonger);
            }
        }
        var edit = longer == 0 ? 0 : Math.Max(0, 1 - (cost / longer));
        // A name's length is its written length: Benn folds to "ben", but Benn/Benz is one slip in four letters.
        var writtenShorter = Math.Min(a.Text.Length, b.Text.Length);
        var single = SingleEditEvidence(cost, writtenShorter);
        var fuzzy = edit >= floor ? EditEvidence(edit) : 0;
        var best = single >= fuzzy && single > 0
            ? new TokenSimilarity(single, TokenMatchMethod.Edit)
            : fuzzy > 0 ? new TokenSimilarity(fuzzy, TokenMatchMethod.Edit, Confident: cost <= 1.0 || edit >= MatchDefaults.EditConfidentSimilarity || (writtenShorter >= MatchDefaults.TwoSlipLength && cost <= MatchDefaults.TwoSlipCost)) : TokenSimilarity.None;
        if (IsPrefix(a.Text, b.Text) && best.Score < MatchDefaults.PrefixScore)
        {
            best = new(MatchDefaults.PrefixScore, TokenMatchMethod.Prefix, Confident: false);
        }
        // Abjads write few letters: علي is "ly", דוד is "dvd"; a one-consonant skeleton is enough when both tokens are short.
        var minimumSkeleton = Math.Max(a.Text.Length, b.Text.Length) <= 5 ? 1 : 2;
        if ((a.LooseVowels || b.LooseVowels) && a.Skeleton.Length >= minimumSkeleton && a.Skeleton == b.Skeleton && best.Score < MatchDefaults.SkeletonScore)
        {
            // Two consonants say less than three: a short skeleton is evidence, but not full coverage of the name part.
            var written = a.LooseVowels ? a : b;
            best = new(MatchDefaults.SkeletonScore, TokenMatchMethod.Skeleton, Confident: a.Skeleton.Length >= 3 || written.Text.Length <= 3);
        }
        return best;
    }

    /// <summary>
    /// Edit similarity as evidence: a typo in a long name (0.9) is nearly as good as a phonetic match, but evidence
    /// falls fast below that, because Castillo/Castro and Morillo/Morales are different names that share letters.
    /// </summary>
    public static double EditEvidence(double similarity) =>
        similarity >= MatchDefaults.EditConfident
            ? similarity * MatchDefaults.EditScale
            : Math.Max(0, (MatchDefaults.EditConfident - ((MatchDefaults.EditConfident - similarity) * MatchDefaults.EditDecay)) * MatchDefaults.EditScale);

    /// <summary>
    /// One slip of the finger (Messi/Bessi, Merz/Mertz, Putin/Pulin) is as suspicious in a short name as in a long one:
    /// a single edit in a name of four letters or more counts whatever the length.
    /// </summary>
    private static double SingleEditEvidence(double cost, int shorter) =>
        shorter >= 4 && cost <= 1.0 ? MatchDefaults.SingleEditScore - (0.1 * cost) : 0;

    private static bool IsNameWord(TokenRole role) => role is TokenRole.Word or TokenRole.Patronymic or TokenRole.Generic;

    // "Ben" for "Benjamin", "Abiy" for "Abiyot": a shortened name, at least three letters long.
    private static bool IsPrefix(string a, string b) =>
        Math.Min(a.Length, b.Length) >= 3 && a.Length != b.Length
        && (a.Length < b.Length ? b.StartsWith(a, StringComparison.Ordinal) : a.StartsWith(b, StringComparison.Ordinal));
}

/// <summary>
/// The comparisons of one search, remembered: a query token meets the same list token in many candidate names
/// ("Muhammad", "Ali"), and the index shares one instance of each distinct token, so each pair is compared once.
/// Keys are the tokens' ids (<see cref="NameToken.Id"/>); a token without one is compared afresh each time. Not
/// thread-safe, one per search.
/// </summary>
internal sealed class TokenSimilarityCache
{
    private const int LargeSearch = 1 << 14;

    private readonly Dictionary<long, TokenSimilarity> _pairs = [];
    private readonly Dictionary<long, bool> _joined = [];

    public TokenSimilarity Compare(NameToken a, NameToken b)
    {
        if (a.Id == 0 || b.Id == 0)
        {
            return TokenComparer.Compare(a, b);
        }
        ref var cached = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_pairs, Key(a, b), out var exists);
        if (!exists)
        {
            cached = TokenComparer.Compare(a, b);
        }
        return cached;
    }

    /// <summary>Forgets every comparison, keeping the space: the cache of one search is reused for the next.</summary>
    public void Clear()
    {
        // Clearing costs as much as the space kept: what one outlandish search grew is given back.
        _pairs.Clear();
        _joined.Clear();
        if (_pairs.EnsureCapacity(0) > LargeSearch)
        {
            _pairs.TrimExcess();
        }
        if (_joined.EnsureCapacity(0) > LargeSearch)
        {
            _joined.TrimExcess();
        }
    }

    /// <summary><see cref="NameScorer.JoinedMatches"/>, remembered: a joined run meets the same token in many candidate names.</summary>
    public bool JoinedMatches(NameToken joined, NameToken other)
    {
        if (joined.Id == 0 || other.Id == 0)
        {
            return NameScorer.JoinedMatches(joined, other);
        }
        ref var cached = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_joined, Key(joined, other), out var exists);
        if (!exists)
        {
            cached = NameScorer.JoinedMatches(joined, other);
        }
        return cached;
    }

    /// <summary>Ids the search's query tokens go by: negative, so they never meet an index's.</summary>
    public static void Label(IReadOnlyList<AnalyzedName> query)
    {
        var next = -1;
        foreach (var form in query)
        {
            foreach (var token in form.Tokens)
            {
                token.Id = next--;
            }
            foreach (var (_, _, joined) in form.Joined.Runs)
            {
                joined.Id = next--;
            }
        }
    }

    private static long Key(NameToken a, NameToken b) => ((long)a.Id << 32) | (uint)b.Id;
}
