using Vigil.Matching.Text;

namespace Vigil.Matching.Screening;

/// <summary>
/// The keys through which candidate generation connects a query name with a listed name: what the index posts for
/// each token of a listed name (<see cref="Posted"/>), what a search looks up for each token of a query
/// (<see cref="Looked"/>), and the same keys written out as strings, so a store can keep them beside its subjects and
/// find, after a list change, every subject whose candidates the change can touch.
/// </summary>
/// <remarks>
/// A search reaches a listed name only through one of these meetings: a query spelling (phonetic key, written form,
/// a joined pair, a joined run) within the symmetric-delete distance of a posted spelling (phonetic key, written form,
/// joined pair or triple), see <see cref="SymSpellIndex.Near(string)"/>; an equal spelling class; an equal consonant
/// skeleton of the right looseness; an equal identifier. So a subject none of whose keys <see cref="Meeting"/> any key
/// of a listed name never has that name among its candidates, whatever else the list holds.
/// </remarks>
public static class CandidateKeys
{
    /// <summary>Spelling keys (<c>w:</c>) meet within the symmetric-delete distance; every other kind only an equal key.</summary>
    public const string SpellingPrefix = "w:";

    /// <summary>Spelling class keys: a token's class (<see cref="Scoring.TokenRarity.KeyOf"/> counts a token under it too).</summary>
    public const string ClassPrefix = "c:";

    // A listed token's skeleton is posted by its looseness; a query looks up loose skeletons always and strict ones
    // only when it is loose itself.
    private const string LooseSkeletonPrefix = "l:";
    private const string StrictSkeletonPrefix = "s:";
    private const string IdentifierPrefix = "i:";

    /// <summary>Identifiers shorter than this (letters and digits) are not indexed: too many records share them.</summary>
    public const int MinimumIdentifierLength = 4;

    /// <summary>
    /// What the index posts for token <paramref name="t"/> of a listed name: its spellings, class and skeleton, and the
    /// token joined with the next one and two (Abdul Rahman meets Abdulrahman; a whole name typed as one word meets
    /// the run of three).
    /// </summary>
    internal static TokenKeys Posted(IReadOnlyList<NameToken> tokens, int t) => Of(tokens, t, triple: true);

    /// <summary>
    /// What a search looks up for token <paramref name="t"/> of a query: as <see cref="Posted"/>, with no triple (a
    /// query's own runs are looked up as <see cref="AnalyzedName.Joined"/> runs, each under the token it starts at).
    /// </summary>
    internal static TokenKeys Looked(IReadOnlyList<NameToken> tokens, int t) => Of(tokens, t, triple: false);

    private static TokenKeys Of(IReadOnlyList<NameToken> tokens, int t, bool triple)
    {
        var token = tokens[t];
        return new TokenKeys(
            token.Folded,
            token.Text != token.Folded ? token.Text : null,
            token.Class,
            token.Skeleton.Length >= 2 ? token.Skeleton : null,
            token.LooseVowels,
            t + 1 < tokens.Count ? PhoneticFold.Fold(token.Text + tokens[t + 1].Text) : null,
            triple && t + 2 < tokens.Count ? PhoneticFold.Fold(token.Text + tokens[t + 1].Text + tokens[t + 2].Text) : null);
    }

    /// <summary>Every key a search for <paramref name="name"/> looks up, written out (see the remarks of the class).</summary>
    public static IReadOnlySet<string> OfQuery(string name, PartyKind kind) => OfQuery(name, kind, null);

    /// <summary>
    /// As <see cref="OfQuery(string, PartyKind)"/>, without the keys of the tokens <paramref name="skipped"/> says a search
    /// leaves out (a token and every key looked up under it: its spellings, class, skeleton, pair and the joined runs it starts).
    /// </summary>
    internal static IReadOnlySet<string> OfQuery(string name, PartyKind kind, Func<IReadOnlyList<NameToken>, int, bool>? skipped)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var form in NameAnalyzer.Analyze(name, NameMatcher.IsOrganizationLike(kind)))
        {
            var left = skipped is null ? null : Enumerable.Range(0, form.Tokens.Count).Where(t => skipped(form.Tokens, t)).ToHashSet();
            for (var t = 0; t < form.Tokens.Count; t++)
            {
                if (left?.Contains(t) == true)
                {
                    continue;
                }
                var k = Looked(form.Tokens, t);
                AddSpellings(keys, k);
                if (k.Skeleton is { } skeleton)
                {
                    keys.Add(LooseSkeletonPrefix + skeleton);
                    if (k.LooseVowels)
                    {
                        keys.Add(StrictSkeletonPrefix + skeleton);
                    }
                }
            }
            foreach (var (start, _, joined) in form.Joined.Runs)
            {
                if (left?.Contains(start) != true)
                {
                    keys.Add(SpellingPrefix + joined.Folded);
                }
            }
        }
        return keys;
    }

    /// <summary>Every key the index posts for a listed name of a party of <paramref name="kind"/>, written out.</summary>
    public static IReadOnlySet<string> OfListed(string name, PartyKind kind)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var form in NameAnalyzer.Analyze(name, NameMatcher.IsOrganizationLike(kind)))
        {
            for (var t = 0; t < form.Tokens.Count; t++)
            {
                var k = Posted(form.Tokens, t);
                AddSpellings(keys, k);
                if (k.Triple is { } triple)
                {
                    keys.Add(SpellingPrefix + triple);
                }
                if (k.Skeleton is { } skeleton)
                {
                    keys.Add((k.LooseVowels ? LooseSkeletonPrefix : StrictSkeletonPrefix) + skeleton);
                }
            }
        }
        return keys;
    }

    /// <summary>The key of an identifier, on either side; null when it is too short to be looked up.</summary>
    public static string? OfIdentifier(string identifier)
    {
        var normalized = ScreeningIndex.NormalizeIdentifier(identifier);
        return normalized.Length >= MinimumIdentifierLength ? IdentifierPrefix + normalized : null;
    }

    /// <summary>
    /// The keys among <paramref name="subjectSpellings"/> and <paramref name="listedKeys"/>' exact kinds that a listed
    /// name holding <paramref name="listedKeys"/> meets: its class, skeleton and identifier keys as they are, and every
    /// subject spelling within the symmetric-delete distance of one of its spellings, found by the same
    /// <see cref="SymSpellIndex"/> a search uses.
    /// </summary>
    /// <param name="subjectSpellings">Every spelling key (<see cref="SpellingPrefix"/>) the subjects hold.</param>
    public static IReadOnlySet<string> Meeting(IEnumerable<string> listedKeys, IEnumerable<string> subjectSpellings) =>
        MeetingBy(listedKeys, subjectSpellings).Values.SelectMany(m => m).ToHashSet(StringComparer.Ordinal);

    /// <summary>As <see cref="Meeting"/>, listed key by listed key: the subject keys each meets.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> MeetingBy(IEnumerable<string> listedKeys, IEnumerable<string> subjectSpellings)
    {
        var index = new SymSpellIndex();
        foreach (var key in subjectSpellings)
        {
            if (key.StartsWith(SpellingPrefix, StringComparison.Ordinal))
            {
                index.Add(key[SpellingPrefix.Length..]);
            }
        }
        index.Seal();
        var met = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var key in listedKeys)
        {
            met[key] = key.StartsWith(SpellingPrefix, StringComparison.Ordinal)
                ? [.. index.Near(key[SpellingPrefix.Length..]).Select(near => SpellingPrefix + index.Token(near))]
                : [key];
        }
        return met;
    }

    private static void AddSpellings(HashSet<string> keys, TokenKeys k)
    {
        keys.Add(SpellingPrefix + k.Folded);
        if (k.Written is { } written)
        {
            keys.Add(SpellingPrefix + written);
        }
        if (k.Pair is { } pair)
        {
            keys.Add(SpellingPrefix + pair);
        }
        if (k.Class is { } cls)
        {
            keys.Add(ClassPrefix + cls);
        }
    }

    /// <summary>One token's keys: see <see cref="Posted"/> and <see cref="Looked"/>.</summary>
    /// <param name="Written">The written form where it differs from the phonetic key.</param>
    /// <param name="Skeleton">The consonant skeleton, when it has two letters or more.</param>
    /// <param name="Pair">The token joined with the next, folded.</param>
    /// <param name="Triple">The token joined with the next two, folded (posted only).</param>
    internal readonly record struct TokenKeys(string Folded, string? Written, string? Class, string? Skeleton, bool LooseVowels, string? Pair, string? Triple);
}
