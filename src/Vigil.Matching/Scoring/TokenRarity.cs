using Vigil.Matching.Text;

namespace Vigil.Matching.Scoring;

/// <summary>
/// How much a token says about identity, from how often it occurs among the indexed names: "Mohammed" counts
/// little, "Khalimov" much. Weights are inverse document frequencies scaled so a token of median rarity weighs 1.
/// </summary>
public sealed class TokenRarity
{
    private const double Floor = 0.25;
    private const double Ceiling = 1.8;

    private readonly Dictionary<string, int> _counts;
    private readonly int _documents;
    private readonly double _scale;

    private TokenRarity(Dictionary<string, int> counts, int documents)
    {
        _counts = counts;
        _documents = documents;
        var idfs = counts.Values.Select(Idf).Order().ToArray();
        _scale = idfs.Length == 0 ? 1 : 1 / Math.Max(0.1, idfs[idfs.Length / 2]);
    }

    /// <summary>No corpus: every token weighs 1 (pairwise scoring with no store).</summary>
    public static TokenRarity Uniform { get; } = new([], 0);

    /// <summary>Counts each folded token once per name.</summary>
    public static TokenRarity FromNames(IEnumerable<IReadOnlyList<NameToken>> names)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var documents = 0;
        foreach (var tokens in names)
        {
            documents++;
            foreach (var key in tokens.Select(KeyOf).Distinct(StringComparer.Ordinal))
            {
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }
        return new TokenRarity(counts, documents);
    }

    public double Weight(NameToken token) => WeightOf(_counts.GetValueOrDefault(KeyOf(token)));

    /// <summary>What a token is counted under: its spelling class when it has one, else its phonetic key.</summary>
    public static string KeyOf(NameToken token) => token.Class ?? token.Folded;

    /// <summary>
    /// The largest relative change, from this rarity to <paramref name="other"/>, of the weight of a token whose count
    /// is the same in both (a token absent from both included): 0 when the two weigh every such token alike. Weights
    /// hang on the number of names and on the median rarity as well as on a token's own count, so a list change moves
    /// the weight of tokens it never touched; this measures by how much.
    /// </summary>
    public double LargestShift(TokenRarity other)
    {
        var shift = 0.0;
        foreach (var count in _counts.Values.Concat(other._counts.Values).Append(0).Distinct())
        {
            var before = WeightOf(count);
            shift = Math.Max(shift, Math.Abs(other.WeightOf(count) - before) / before);
        }
        return shift;
    }

    /// <summary>
    /// The tokens (by <see cref="KeyOf"/>) whose weight moves, from this rarity to <paramref name="other"/>, by more than
    /// <paramref name="bound"/> relative to its weight here, each with its move, and the largest relative move of every
    /// other token, those absent from both included: every token but the <paramref name="moved"/> ones moves by at most
    /// the returned shift, which is no more than <paramref name="bound"/>.
    /// </summary>
    public double Shifts(TokenRarity other, double bound, out IReadOnlyDictionary<string, double> moved)
    {
        var shift = Shift(other, 0, 0);
        var found = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var key in _counts.Keys.Concat(other._counts.Keys))
        {
            var s = Shift(other, _counts.GetValueOrDefault(key), other._counts.GetValueOrDefault(key));
            if (s > bound)
            {
                found[key] = s;
            }
            else
            {
                shift = Math.Max(shift, s);
            }
        }
        moved = found;
        return shift;
    }

    private double Shift(TokenRarity other, int count, int otherCount)
    {
        var before = WeightOf(count);
        return Math.Abs(other.WeightOf(otherCount) - before) / before;
    }

    private double WeightOf(int count) => _documents == 0 ? 1 : Math.Clamp(Idf(count) * _scale, Floor, Ceiling);

    private double Idf(int count) => Math.Log(1 + (_documents / (1.0 + count)));
}
