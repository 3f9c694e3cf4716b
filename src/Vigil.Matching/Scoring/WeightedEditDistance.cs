using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Vigil.Matching.Scoring;

/// <summary>
/// Damerau-Levenshtein distance over lowercase ASCII in which the differences transliteration makes are cheap:
/// vowel for vowel, k/q/g/c, s/z, v/w/f, d/t, b/p, i/y/j, a dropped h or vowel, a doubled letter, a transposition.
/// </summary>
public static class WeightedEditDistance
{
    private const int StackLimit = 64;

    // Each ASCII letter's vowel bit and substitution group, so the inner loop makes no calls.
    private static readonly byte[] LetterClasses = BuildLetterClasses();

    // Letters that swap for half a point, directly or through one another (a~i~j), share a family; any other swap
    // costs a full point. Family 0 holds every other character and is never charged; h is the last family.
    // Sixteen, so each side's counts fill one vector.
    private const int FamilyCount = 16;
    private static readonly byte[] Families = BuildFamilies();

    /// <summary>The weighted cost of turning <paramref name="a"/> into <paramref name="b"/>.</summary>
    /// <remarks>
    /// Three rolling rows instead of the whole matrix, and letter costs read from tables: the additions are the same,
    /// in the same order, as in the full-matrix recurrence, so the result is the same double to the last bit.
    /// </remarks>
    public static double Distance(ReadOnlySpan<char> a, ReadOnlySpan<char> b) => Distance(a, b, double.PositiveInfinity);

    /// <summary>
    /// The weighted cost of turning <paramref name="a"/> into <paramref name="b"/> when it is at most
    /// <paramref name="limit"/>; otherwise some value above <paramref name="limit"/>, found as soon as it is certain.
    /// </summary>
    /// <remarks>
    /// Every cell is a cell of the row before or the row two before (a transposition), or the cell to its left, plus a
    /// cost that is never negative, and a floating-point sum with a non-negative term is never smaller than the other
    /// term. So once two rows running hold nothing at or under the limit, no later cell, the answer included, can.
    /// Until then the cells are computed exactly as without a limit.
    /// </remarks>
    public static double Distance(ReadOnlySpan<char> a, ReadOnlySpan<char> b, double limit)
    {
        if (!double.IsPositiveInfinity(limit))
        {
            return Distance(a, LetterCounts.Of(a), b, LetterCounts.Of(b), limit);
        }
        // No limit: the letter-count bound could never decide, so the counts are not made.
        return a.Length > StackLimit || b.Length > StackLimit ? Math.Max(a.Length, b.Length) : Unbounded(a, b, limit);
    }

    /// <summary>As <see cref="Distance(ReadOnlySpan{char}, ReadOnlySpan{char}, double)"/>, with each string's letter counts made beforehand.</summary>
    internal static double Distance(ReadOnlySpan<char> a, in LetterCounts aLetters, ReadOnlySpan<char> b, in LetterCounts bLetters, double limit)
    {
        if (a.Length > StackLimit || b.Length > StackLimit)
        {
            return Math.Max(a.Length, b.Length);
        }
        // Most pairs a search compares are different names, far over the limit: their letters alone show it.
        if (!double.IsPositiveInfinity(limit) && LowerBound(aLetters, bLetters) > limit + 1e-9)
        {
            return double.PositiveInfinity;
        }
        return Unbounded(a, b, limit);
    }

    // The rolling-row recurrence itself, once the letter counts have not ruled the pair out.
    private static double Unbounded(ReadOnlySpan<char> a, ReadOnlySpan<char> b, double limit)
    {
        var width = b.Length + 1;
        Span<double> rows = stackalloc double[3 * width];
        var before = rows[..width];
        var previous = rows.Slice(width, width);
        var current = rows.Slice(2 * width, width);
        Span<double> insertA = stackalloc double[a.Length];
        Span<double> insertB = stackalloc double[b.Length];
        InsertCosts(a, insertA);
        InsertCosts(b, insertB);
        current[0] = 0;
        for (var j = 1; j <= b.Length; j++)
        {
            current[j] = current[j - 1] + insertB[j - 1];
        }
        var previousOverLimit = false;
        for (var i = 1; i <= a.Length; i++)
        {
            // Rotate: the row two back is overwritten, the last row becomes the previous one.
            var spare = before;
            before = previous;
            previous = current;
            current = spare;
            var x = a[i - 1];
            var deleteCost = insertA[i - 1];
            current[0] = previous[0] + deleteCost;
            var rowMinimum = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var y = b[j - 1];
                var substitute = previous[j - 1] + SubstituteCost(x, y);
                var delete = previous[j] + deleteCost;
                var insert = current[j - 1] + insertB[j - 1];
                var best = Math.Min(substitute, Math.Min(delete, insert));
                if (i > 1 && j > 1 && x == b[j - 2] && a[i - 2] == y)
                {
                    best = Math.Min(best, before[j - 2] + 0.6);
                }
                current[j] = best;
                rowMinimum = Math.Min(rowMinimum, best);
            }
            var overLimit = rowMinimum > limit;
            if (overLimit && previousOverLimit)
            {
                return double.PositiveInfinity;
            }
            previousOverLimit = overLimit;
        }
        return current[b.Length];
    }

    /// <summary>A cost no way of turning <paramref name="a"/> into <paramref name="b"/> can beat, from letter counts alone.</summary>
    /// <remarks>
    /// An edit script pairs some letters of a with letters of b (kept, swapped or transposed) and deletes or inserts
    /// the rest. A letter paired outside its family costs a full point, half a point for each side; a letter deleted or
    /// inserted costs its insertion cost, at least 0.6 for a vowel, 0.4 for h and 1.0 for another consonant, but only
    /// 0.2 when it doubles the letter before it. So each letter left without a partner in its own family costs at least
    /// half a point (0.4 for h), except a doubled one, which is charged nothing here. Within a family, a's letters that
    /// are no doubling, less all of b's letters, are left without a partner whatever the pairing, and so the other way.
    /// </remarks>
    internal static double LowerBound(ReadOnlySpan<char> a, ReadOnlySpan<char> b) => LowerBound(LetterCounts.Of(a), LetterCounts.Of(b));

    /// <summary><see cref="LowerBound(ReadOnlySpan{char}, ReadOnlySpan{char})"/> from counts made beforehand.</summary>
    internal static double LowerBound(in LetterCounts a, in LetterCounts b)
    {
        // Per family, max(0, singleA − allB, singleB − allA), in unsigned bytes that must not wrap.
        var unpartnered = Vector128.Max(a.Single - Vector128.Min(a.Single, b.All), b.Single - Vector128.Min(b.Single, a.All));
        var (low, high) = Vector128.Widen(unpartnered);
        var letters = Vector128.Sum(low) + Vector128.Sum(high) - unpartnered[0];
        // Half a point per letter, 0.4 for an h.
        var tenths = (5 * letters) - unpartnered[FamilyCount - 1];
        return tenths / 10.0;
    }

    /// <summary>
    /// A string's letters counted by family (see <see cref="LowerBound(ReadOnlySpan{char}, ReadOnlySpan{char})"/>): all
    /// of them, and those that double no letter before them. Made once per token, a bound is a few vector operations.
    /// </summary>
    internal readonly struct LetterCounts
    {
        private LetterCounts(Vector128<byte> all, Vector128<byte> single) => (All, Single) = (all, single);

        public Vector128<byte> All { get; }

        public Vector128<byte> Single { get; }

        public static LetterCounts Of(ReadOnlySpan<char> s)
        {
            Span<byte> counts = stackalloc byte[2 * FamilyCount];
            for (var i = 0; i < s.Length; i++)
            {
                var c = s[i];
                var family = c < Families.Length ? Families[c] : 0;
                // Saturating: only strings over the distance's stack limit could pass 255, and they are never bounded.
                counts[family] = (byte)Math.Min(255, counts[family] + 1);
                if (i == 0 || s[i - 1] != c)
                {
                    counts[FamilyCount + family] = (byte)Math.Min(255, counts[FamilyCount + family] + 1);
                }
            }
            return new(Vector128.Create<byte>(counts[..FamilyCount]), Vector128.Create<byte>(counts[FamilyCount..]));
        }
    }

    /// <summary>The full-matrix recurrence, kept as the plain reference the rolling-row version must equal exactly.</summary>
    internal static double ReferenceDistance(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length > StackLimit || b.Length > StackLimit)
        {
            return Math.Max(a.Length, b.Length);
        }
        var width = b.Length + 1;
        var d = new double[(a.Length + 1) * width];
        for (var j = 0; j <= b.Length; j++)
        {
            d[j] = j == 0 ? 0 : d[j - 1] + InsertCost(b, j - 1);
        }
        for (var i = 1; i <= a.Length; i++)
        {
            d[i * width] = d[(i - 1) * width] + InsertCost(a, i - 1);
            for (var j = 1; j <= b.Length; j++)
            {
                var substitute = d[((i - 1) * width) + j - 1] + SubstituteCost(a[i - 1], b[j - 1]);
                var delete = d[((i - 1) * width) + j] + InsertCost(a, i - 1);
                var insert = d[(i * width) + j - 1] + InsertCost(b, j - 1);
                var best = Math.Min(substitute, Math.Min(delete, insert));
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    best = Math.Min(best, d[((i - 2) * width) + j - 2] + 0.6);
                }
                d[(i * width) + j] = best;
            }
        }
        return d[(a.Length * width) + b.Length];
    }

    /// <summary>1 − distance / longer length, in [0, 1].</summary>
    public static double Similarity(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var longer = Math.Max(a.Length, b.Length);
        return longer == 0 ? 1 : Math.Max(0, 1 - (Distance(a, b) / longer));
    }

    /// <summary>Whether <see cref="Similarity"/> is at least <paramref name="minimum"/>, stopping the distance early when it cannot be.</summary>
    /// <remarks>
    /// A cost over (1 − minimum) × longer + 0.001 makes 1 − cost / longer fall under the minimum by 0.001 / longer, far
    /// more than any rounding, so the limited distance decides alike; at or under that limit it is the exact distance.
    /// </remarks>
    public static bool SimilarityAtLeast(ReadOnlySpan<char> a, ReadOnlySpan<char> b, double minimum) =>
        SimilarityAtLeast(a, LetterCounts.Of(a), b, LetterCounts.Of(b), minimum);

    /// <summary>As <see cref="SimilarityAtLeast(ReadOnlySpan{char}, ReadOnlySpan{char}, double)"/>, with each string's letter counts made beforehand.</summary>
    internal static bool SimilarityAtLeast(ReadOnlySpan<char> a, in LetterCounts aLetters, ReadOnlySpan<char> b, in LetterCounts bLetters, double minimum)
    {
        var longer = Math.Max(a.Length, b.Length);
        if (longer == 0)
        {
            return 1 >= minimum;
        }
        var limit = ((1 - minimum) * longer) + 0.001;
        return Math.Max(0, 1 - (Distance(a, aLetters, b, bLetters, limit) / longer)) >= minimum;
    }

    // Called for every cell: a call frame there costs more than the test itself.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double InsertCost(ReadOnlySpan<char> s, int i)
    {
        var c = s[i];
        if (i > 0 && s[i - 1] == c)
        {
            return 0.2;
        }
        if (c == 'h')
        {
            return 0.4;
        }
        return IsVowel(c) ? 0.6 : 1.0;
    }

    private static void InsertCosts(ReadOnlySpan<char> s, Span<double> costs)
    {
        for (var i = 0; i < s.Length; i++)
        {
            costs[i] = InsertCost(s, i);
        }
    }

    // Called for every cell: a call frame there costs more than the test itself.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double SubstituteCost(char x, char y)
    {
        if (x == y)
        {
            return 0;
        }
        if (x < LetterClasses.Length && y < LetterClasses.Length)
        {
            // Bit 0 marks a vowel; the upper bits hold the letter's group, 0 for none.
            int cx = LetterClasses[x], cy = LetterClasses[y];
            return (cx & cy & 1) != 0 || (cx >> 1 != 0 && cx >> 1 == cy >> 1) ? 0.5 : 1.0;
        }
        if (IsVowel(x) && IsVowel(y))
        {
            return 0.5;
        }
        return Group(x) != 0 && Group(x) == Group(y) ? 0.5 : 1.0;
    }

    private static byte[] BuildLetterClasses()
    {
        var classes = new byte[128];
        for (var c = '\0'; c < classes.Length; c++)
        {
            classes[c] = (byte)((IsVowel(c) ? 1 : 0) | (Group(c) << 1));
        }
        return classes;
    }

    private static byte[] BuildFamilies()
    {
        var families = new byte[128];
        // Family 1: the vowels and every group holding one; 2 to 8: the other groups; then one per other letter.
        var next = 9;
        for (var c = 'a'; c <= 'z'; c++)
        {
            var group = Group(c);
            var withVowels = IsVowel(c) || (group != 0 && "aeiouy".Any(v => Group(v) == group));
            families[c] = (byte)(c == 'h' ? FamilyCount - 1 : withVowels ? 1 : group != 0 ? 1 + group : next++);
        }
        if (next > FamilyCount - 1)
        {
            throw new InvalidOperationException("More letter families than the bound counts.");
        }
        return families;
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';

    // Letters one transliteration table writes where another writes the other.
    private static int Group(char c) => c switch
    {
        'k' or 'q' or 'g' or 'c' => 1,
        's' or 'z' => 2,
        'v' or 'w' or 'f' => 3,
        'd' or 't' => 4,
        'b' or 'p' => 5,
        'i' or 'y' or 'j' => 6,
        'm' or 'n' => 7,
        _ => 0,
    };
}
