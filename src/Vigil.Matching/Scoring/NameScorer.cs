using Vigil.Matching.Text;

namespace Vigil.Matching.Scoring;

/// <summary>
/// Scores a query name against a list name: aligns tokens one-to-one regardless of order, scores each pair by its
/// strongest evidence, weighs tokens by role and rarity, charges unmatched query tokens in full and unmatched list
/// tokens in part (lists spell names out in full), and lets hard evidence of difference outweigh fuzzy likeness.
/// </summary>
public static class NameScorer
{
    // Tokens in an ordinary name: up to this many, per-name scratch lives on the stack.
    private const int SmallNameTokens = 32;

    // Token pairs of an ordinary pair of names: up to this many, the similarity matrix lives on the stack.
    private const int SmallMatrix = 256;

    /// <summary>The best comparison over every romanisation of each name.</summary>
    public static NameComparison Compare(IReadOnlyList<AnalyzedName> query, IReadOnlyList<AnalyzedName> candidate, TokenRarity? rarity = null) =>
        Compare(query, candidate, rarity, null, double.NegativeInfinity)
        ?? NameComparison.Empty(query.Count > 0 ? query[0].Original : "", candidate.Count > 0 ? candidate[0].Original : "");

    /// <summary>
    /// As the public overload, remembering token comparisons in <paramref name="cache"/> across calls of one search,
    /// and null when the best score is no more than <paramref name="floor"/>: a caller that already holds a better
    /// name needs no explanation of a worse one, and building explanations is most of the cost of scoring.
    /// </summary>
    internal static NameComparison? Compare(IReadOnlyList<AnalyzedName> query, IReadOnlyList<AnalyzedName> candidate, TokenRarity? rarity, TokenSimilarityCache? cache, double floor)
    {
        NameComparison? best = null;
        foreach (var q in query)
        {
            foreach (var c in candidate)
            {
                if (Compare(q, c, rarity, cache, best?.Score ?? floor) is { } result)
                {
                    best = result;
                    if (best.Score >= 1)
                    {
                        return best;
                    }
                }
            }
        }
        return best;
    }

    /// <summary>One romanisation against one romanisation, also trying adjacent tokens joined (Abdul Rahman ↔ Abdulrahman).</summary>
    public static NameComparison Compare(AnalyzedName query, AnalyzedName candidate, TokenRarity? rarity = null) =>
        Compare(query, candidate, rarity, null, double.NegativeInfinity)!;

    /// <summary>The best way of reading the pair, or null when none scores above <paramref name="floor"/>.</summary>
    private static NameComparison? Compare(AnalyzedName query, AnalyzedName candidate, TokenRarity? rarity, TokenSimilarityCache? cache, double floor)
    {
        rarity ??= TokenRarity.Uniform;
        // Each reading replaces the best so far only when it scores strictly higher, as an unexplained one would have.
        var best = Score(query, candidate, query.Tokens, candidate.Tokens, rarity, cache, floor);
        // Most pairs of names have no joined run matching anything: that is found without starting an iterator.
        if (AnyJoinedMatch(query, candidate, cache))
        {
            foreach (var q in JoinedVariants(query, candidate.Tokens, cache))
            {
                best = Score(query, candidate, q, candidate.Tokens, rarity, cache, best?.Score ?? floor) ?? best;
            }
        }
        if (AnyJoinedMatch(candidate, query, cache))
        {
            foreach (var c in JoinedVariants(candidate, query.Tokens, cache))
            {
                best = Score(query, candidate, query.Tokens, c, rarity, cache, best?.Score ?? floor) ?? best;
            }
        }
        if (Compact(query, candidate, best?.Score ?? floor) is { } compact && compact.Score > (best?.Score ?? floor))
        {
            best = compact;
        }
        return Acronym(query, candidate) is { } acronym && acronym.Score > (best?.Score ?? floor) ? acronym : best;
    }

    /// <summary>The tokens as a span: analysed names hold them in arrays or lists, and the hot loops then make no interface calls.</summary>
    private static ReadOnlySpan<NameToken> AsSpan(IReadOnlyList<NameToken> tokens) => tokens switch
    {
        NameToken[] array => array,
        List<NameToken> list => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list),
        _ => tokens.ToArray(),
    };

    public static double Weight(NameToken token, TokenRarity rarity) => RoleWeight(token.Role) * rarity.Weight(token);

    private static double RoleWeight(TokenRole role) => role switch
    {
        TokenRole.Word => MatchDefaults.WordWeight,
        TokenRole.Patronymic => MatchDefaults.PatronymicWeight,
        TokenRole.Initial => MatchDefaults.InitialWeight,
        TokenRole.Particle => MatchDefaults.ParticleWeight,
        TokenRole.Title => MatchDefaults.TitleWeight,
        TokenRole.Generic => MatchDefaults.GenericWeight,
        TokenRole.Number => MatchDefaults.NumberWeight,
        TokenRole.LegalForm => MatchDefaults.LegalFormWeight,
        _ => MatchDefaults.WordWeight,
    };

    /// <summary>One alignment of the two token lists, explained; null when its score is no more than <paramref name="floor"/>.</summary>
    private static NameComparison? Score(AnalyzedName queryName, AnalyzedName candidateName, IReadOnlyList<NameToken> qList, IReadOnlyList<NameToken> cList, TokenRarity rarity, TokenSimilarityCache? cache, double floor)
    {
        var q = AsSpan(qList);
        var c = AsSpan(cList);
        if (q.Length == 0 || c.Length == 0)
        {
            return 0 > floor ? NameComparison.Empty(queryName.Original, candidateName.Original) : null;
        }
        var qWeights = ReferenceEquals(qList, queryName.Tokens) ? queryName.WeightsFor(rarity) : WeightsOf(q, rarity);
        var cWeights = ReferenceEquals(cList, candidateName.Tokens) ? candidateName.WeightsFor(rarity) : WeightsOf(c, rarity);

        // Every comparable pair's similarity (zero for none); legal forms are judged apart, by class.
        // Sized to the pair, not to the largest ordinary one: a stack allocation is zeroed in full, and most pairs of
        // names need a few dozen cells of the 256.
        var cells = q.Length * c.Length;
        Span<TokenSimilarity> matrix = cells <= SmallMatrix ? stackalloc TokenSimilarity[cells] : new TokenSimilarity[cells];
        var paired = 0;
        for (var i = 0; i < q.Length; i++)
        {
            for (var j = 0; j < c.Length; j++)
            {
                if ((q[i].Role == TokenRole.LegalForm) != (c[j].Role == TokenRole.LegalForm))
                {
                    continue;
                }
                var s = cache is null ? TokenComparer.Compare(q[i], c[j]) : cache.Compare(q[i], c[j]);
                // Two fathers' names that are merely alike (Magomedovich/Salimovich) are two different fathers.
                if (!s.Confident && q[i].Role == TokenRole.Patronymic && c[j].Role == TokenRole.Patronymic)
                {
                    continue;
                }
                if (s.Score > 0)
                {
                    matrix[(i * c.Length) + j] = s;
                    paired++;
                }
            }
        }
        // Most list names met in a search score under the floor: an upper bound from the matrix alone rules them out
        // before any alignment is made or explained.
        if (!double.IsNegativeInfinity(floor) && Math.Round(UpperBound(q, c, qWeights, cWeights, matrix, queryName.Organization) + 1e-9, 4) <= floor)
        {
            return null;
        }
        // All comparable pairs, strongest first.
        var candidates = new List<(int Q, int C, TokenSimilarity S)>(paired);
        for (var i = 0; i < q.Length; i++)
        {
            for (var j = 0; j < c.Length; j++)
            {
                if (matrix[(i * c.Length) + j] is { Score: > 0 } s)
                {
                    candidates.Add((i, j, s));
                }
            }
        }
        var contradictions = new List<string>();
        candidates.Sort((x, y) =>
        {
            var bySimilarity = y.S.Score.CompareTo(x.S.Score);
            return bySimilarity != 0 ? bySimilarity : (qWeights[y.Q] + cWeights[y.C]).CompareTo(qWeights[x.Q] + cWeights[x.C]);
        });

        var qUsed = new bool[q.Length];
        var cUsed = new bool[c.Length];
        // Pairings are kept as indexes; their explanation is written only for a score that is kept.
        var pairs = new List<(int Q, int C, TokenSimilarity S)>();
        double matchedQWeight = 0, matchedCWeight = 0, creditQ = 0, creditC = 0, similarityMass = 0, information = 0;
        foreach (var (i, j, s) in candidates)
        {
            if (qUsed[i] || cUsed[j])
            {
                continue;
            }
            qUsed[i] = cUsed[j] = true;
            similarityMass += s.Score * (qWeights[i] + cWeights[j]);
            var credit = Credit(s);
            creditQ += credit * qWeights[i];
            creditC += credit * cWeights[j];
            matchedQWeight += qWeights[i];
            matchedCWeight += cWeights[j];
            information += s.Score * Math.Min(qWeights[i], cWeights[j]);
            pairs.Add((i, j, s));
        }

        // Unmatched tokens are those not marked used, always walked in index order; the sums below add in that order,
        // from zero, as the LINQ sums they replace did, so every double comes out the same to the last bit.

        // A name part unmatched on both sides is a substitution (Al-Dulaimi for Al-Tikriti) and costs in full;
        // a part only one side has (a middle name, a grandfather's name) is an omission and costs a share.
        var substitutions = Math.Min(CountSubstantive(q, qUsed), CountSubstantive(c, cUsed));
        var qSubstituted = Substituted(q, qWeights, qUsed, substitutions);
        var cSubstituted = Substituted(c, cWeights, cUsed, substitutions);
        var extraShare = queryName.Organization ? MatchDefaults.ExtraOrganizationTokenShare : MatchDefaults.ExtraTokenShare;
        // A series number only one company has (Fund II, Trust 2005-1) names a different company.
        double Cost(NameToken t, double w, bool substituted) => substituted || (queryName.Organization && t.Role == TokenRole.Number) ? w : extraShare * w;
        var qCost = 0.0;
        for (var i = 0; i < q.Length; i++)
        {
            if (!qUsed[i])
            {
                qCost += Cost(q[i], qWeights[i], qSubstituted[i]);
            }
        }
        var cCost = 0.0;
        for (var j = 0; j < c.Length; j++)
        {
            if (!cUsed[j])
            {
                cCost += Cost(c[j], cWeights[j], cSubstituted[j]);
            }
        }
        var queryDenominator = matchedQWeight + qCost;
        var candidateDenominator = matchedCWeight + cCost;
        // How alike the paired tokens are, and how much of each name the pairs cover, are separate factors:
        // one pair of 0.85 is a 0.85 match, not 0.85 squared.
        var similarity = matchedQWeight + matchedCWeight > 0 ? similarityMass / (matchedQWeight + matchedCWeight) : 0;
        var queryCoverage = queryDenominator > 0 ? creditQ / queryDenominator : 0;
        var candidateCoverage = candidateDenominator > 0 ? creditC / candidateDenominator : 0;

        // Hard evidence of difference: numbers that differ, a different father's name, a different kind of company.
        for (var i = 0; i < q.Length; i++)
        {
            if (qUsed[i])
            {
                continue;
            }
            for (var j = 0; j < c.Length; j++)
            {
                if (cUsed[j])
                {
                    continue;
                }
                if (q[i].Role == TokenRole.Number && c[j].Role == TokenRole.Number)
                {
                    contradictions.Add($"number {q[i].Text} ≠ {c[j].Text}");
                }
                else if (q[i].Role == TokenRole.Patronymic && c[j].Role == TokenRole.Patronymic)
                {
                    contradictions.Add($"patronymic {q[i].Text} ≠ {c[j].Text}");
                }
                else if (IsNisba(q, i) && IsNisba(c, j))
                {
                    // The closing al-X of an Arabic name (nisba) names the family, tribe or town: Saddam Hussein
                    // al-Tikriti is not Saddam Hussein al-Dulaimi, as a different patronymic is a different father.
                    contradictions.Add($"family name al-{q[i].Text} ≠ al-{c[j].Text}");
                }
                else if ((q[i].Role == TokenRole.Initial && c[j].Role is TokenRole.Initial or TokenRole.Word
                    || c[j].Role == TokenRole.Initial && q[i].Role is TokenRole.Initial or TokenRole.Word) && q[i].Text[0] != c[j].Text[0])
                {
                    // William G. Frost is not William W. Frost, nor Hans O. Friedrich Hans Joachim Friedrich.
                    contradictions.Add($"initial {q[i].Text} ≠ {c[j].Text}");
                }
            }
        }
        if (PatronymicReversed(qList, cList, pairs))
        {
            contradictions.Add("son/father order reversed around bin/ibn");
        }
        // The sets (and the order string.Join writes them in) are built as before, only when both names have a legal form.
        if (HasLegalForm(q) && HasLegalForm(c))
        {
            var qForms = qList.Where(t => t.LegalForm is not null).Select(t => t.LegalForm!).ToHashSet();
            var cForms = cList.Where(t => t.LegalForm is not null).Select(t => t.LegalForm!).ToHashSet();
            if (!qForms.Overlaps(cForms))
            {
                contradictions.Add($"legal form {string.Join('/', qForms)} ≠ {string.Join('/', cForms)}");
            }
        }

        var score = similarity * queryCoverage * candidateCoverage;
        // Thin evidence (one common given name) cannot carry a match on its own, unless the names hold no more than that.
        var needed = Math.Min(MatchDefaults.MinimumInformation, Math.Min(SumInOrder(qWeights), SumInOrder(cWeights)));
        if (information < needed)
        {
            score *= 0.6 + (0.4 * information / needed);
        }
        score *= Math.Pow(MatchDefaults.ContradictionFactor, contradictions.Count);
        if (!queryName.Organization && ((IsSingleWordName(c) && CountUnmatchedWords(q, qUsed) >= 1) || (IsSingleWordName(q) && CountUnmatchedWords(c, cUsed) >= 1)))
        {
            // "Karim al-Hashimi Abu Bakr" is not the Abu Bakr of a one-word alias, nor "Tariq al-Rawi" a listed
            // "Tariq": a one-word name is one part of the other, longer name whose other parts find nothing, which is
            // how most people who share a given name look. Either side may be the one word, so scores stay symmetric.
            score *= MatchDefaults.SingleWordNameFactor;
            contradictions.Add("one-word name meets one part of a longer name");
        }
        var rounded = Math.Round(Math.Clamp(score, 0, 1), 4);
        if (rounded <= floor)
        {
            return null;
        }
        var pairings = new List<TokenPairing>(pairs.Count);
        foreach (var (i, j, s) in pairs)
        {
            pairings.Add(new TokenPairing(q[i].Text, c[j].Text, MethodName(s.Method, queryName, candidateName), Math.Round(s.Score, 4), Math.Round((qWeights[i] + cWeights[j]) / 2, 4)));
        }
        return new NameComparison(
            rounded,
            queryName.Original,
            candidateName.Original,
            // The analysed name's own tokens are already written out, space-separated, as its romanisation.
            ReferenceEquals(qList, queryName.Tokens) ? queryName.Romanized : string.Join(' ', qList.Select(t => t.Text)),
            ReferenceEquals(cList, candidateName.Tokens) ? candidateName.Romanized : string.Join(' ', cList.Select(t => t.Text)),
            queryName.Table == candidateName.Table ? queryName.Table : queryName.Table + "/" + candidateName.Table,
            pairings,
            Unmatched(q, qUsed),
            Unmatched(c, cUsed),
            contradictions,
            Math.Round(queryCoverage, 4),
            Math.Round(candidateCoverage, 4),
            Math.Round(information, 4));
    }

    /// <summary>
    /// A score no alignment of <paramref name="q"/> with <paramref name="c"/> can exceed, from the pairs' similarities
    /// alone: the best similarity, times the most coverage each side could have (see <see cref="CoverageBound"/>).
    /// </summary>
    /// <remarks>
    /// The score is similarity × query coverage × list coverage × the thin-evidence and contradiction factors, and
    /// the last two are at most 1. Similarity is a weighted mean of the paired similarities, so at most the best.
    /// </remarks>
    private static double UpperBound(ReadOnlySpan<NameToken> q, ReadOnlySpan<NameToken> c, double[] qWeights, double[] cWeights, ReadOnlySpan<TokenSimilarity> matrix, bool organization)
    {
        var best = 0.0;
        // Zeroed, as every stack allocation is, and sized to the names.
        Span<double> qCredit = q.Length <= SmallNameTokens ? stackalloc double[q.Length] : new double[q.Length];
        Span<double> cCredit = c.Length <= SmallNameTokens ? stackalloc double[c.Length] : new double[c.Length];
        Span<bool> qPaired = q.Length <= SmallNameTokens ? stackalloc bool[q.Length] : new bool[q.Length];
        Span<bool> cPaired = c.Length <= SmallNameTokens ? stackalloc bool[c.Length] : new bool[c.Length];
        for (var i = 0; i < q.Length; i++)
        {
            for (var j = 0; j < c.Length; j++)
            {
                var s = matrix[(i * c.Length) + j];
                if (s.Score <= 0)
                {
                    continue;
                }
                best = Math.Max(best, s.Score);
                var credit = Credit(s);
                qCredit[i] = Math.Max(qCredit[i], credit);
                cCredit[j] = Math.Max(cCredit[j], credit);
                qPaired[i] = cPaired[j] = true;
            }
        }
        if (best <= 0)
        {
            return 0;
        }
        var share = organization ? MatchDefaults.ExtraOrganizationTokenShare : MatchDefaults.ExtraTokenShare;
        var (qUnpaired, qSubstantive, qPairable) = Census(q, qPaired);
        var (cUnpaired, cSubstantive, cPairable) = Census(c, cPaired);
        // Pairs are one-to-one, so one side keeps at least its substantive tokens less the other side's pairable ones.
        var substitutions = Math.Min(Math.Max(qUnpaired, qSubstantive - cPairable), Math.Max(cUnpaired, cSubstantive - qPairable));
        return best
            * CoverageBound(q, qWeights, qCredit, qPaired, substitutions, share)
            * CoverageBound(c, cWeights, cCredit, cPaired, substitutions, share);
    }

    /// <summary>Substantive tokens with no possible partner, substantive tokens, and tokens with some partner.</summary>
    private static (int Unpaired, int Substantive, int Pairable) Census(ReadOnlySpan<NameToken> tokens, ReadOnlySpan<bool> paired)
    {
        int unpaired = 0, substantive = 0, pairable = 0;
        for (var i = 0; i < tokens.Length; i++)
        {
            var isSubstantive = IsSubstantive(tokens[i].Role);
            substantive += isSubstantive ? 1 : 0;
            unpaired += isSubstantive && !paired[i] ? 1 : 0;
            pairable += paired[i] ? 1 : 0;
        }
        return (unpaired, substantive, pairable);
    }

    /// <summary>
    /// The most coverage one side can have when each token can earn at most <paramref name="credit"/> and at least
    /// <paramref name="substitutions"/> of its unmatched substantive tokens are substitutions.
    /// </summary>
    /// <remarks>
    /// Coverage is Σ credit·w over paired tokens divided by their weight plus each unpaired token's cost: at least
    /// <paramref name="share"/> of its weight, all of it for a substitution. The scorer substitutes the heaviest
    /// unmatched substantive tokens, a set that includes every token with no possible partner, so the substituted
    /// weight X is at least the heaviest min(substitutions, unpartnered) of those. With x the credited weight of the
    /// pairs (at most their weight, and at most A = Σ best credit·w), coverage ≤ x / (share·W + (1 − share)·(x + X)),
    /// which grows with x: so it is at most A / (share·W + (1 − share)·(A + X)).
    /// </remarks>
    private static double CoverageBound(ReadOnlySpan<NameToken> tokens, double[] weights, ReadOnlySpan<double> credit, ReadOnlySpan<bool> paired, int substitutions, double share)
    {
        var credited = 0.0;
        var total = 0.0;
        Span<double> unpaired = tokens.Length <= SmallNameTokens ? stackalloc double[tokens.Length] : new double[tokens.Length];
        var n = 0;
        for (var i = 0; i < tokens.Length; i++)
        {
            credited += credit[i] * weights[i];
            total += weights[i];
            if (!paired[i] && IsSubstantive(tokens[i].Role))
            {
                unpaired[n++] = weights[i];
            }
        }
        if (credited <= 0)
        {
            return 0;
        }
        var substituted = 0.0;
        var take = Math.Min(substitutions, n);
        if (take > 0)
        {
            var heaviest = unpaired[..n];
            heaviest.Sort();
            for (var k = 1; k <= take; k++)
            {
                substituted += heaviest[^k];
            }
        }
        return Math.Min(1, credited / ((share * total) + ((1 - share) * (credited + substituted))));
    }

    private static double[] WeightsOf(ReadOnlySpan<NameToken> tokens, TokenRarity rarity)
    {
        var weights = new double[tokens.Length];
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = Weight(tokens[i], rarity);
        }
        return weights;
    }

    /// <summary>Left to right from zero, as <c>Enumerable.Sum</c> adds doubles.</summary>
    private static double SumInOrder(double[] values)
    {
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v;
        }
        return sum;
    }

    /// <summary>
    /// A person's name of one word and nothing else: a given name alone, or a kunya (Abu Bakr, Umm Khalid). A title
    /// (Amir Abdullah), a particle (Ben Netanyahu) or an initial says the word is not all the name is.
    /// </summary>
    private static bool IsSingleWordName(ReadOnlySpan<NameToken> tokens) =>
        tokens.Length == 1 ? tokens[0].Role == TokenRole.Word
        : tokens.Length == 2 && tokens[0].Text is "abu" or "abou" or "umm" or "um" && tokens[1].Role == TokenRole.Word;

    private static int CountUnmatchedWords(ReadOnlySpan<NameToken> tokens, bool[] used)
    {
        var count = 0;
        for (var i = 0; i < tokens.Length; i++)
        {
            if (!used[i] && tokens[i].Role is TokenRole.Word or TokenRole.Patronymic)
            {
                count++;
            }
        }
        return count;
    }

    private static int CountSubstantive(ReadOnlySpan<NameToken> tokens, bool[] used)
    {
        var count = 0;
        for (var i = 0; i < tokens.Length; i++)
        {
            if (!used[i] && IsSubstantive(tokens[i].Role))
            {
                count++;
            }
        }
        return count;
    }

    /// <summary>
    /// Marks the <paramref name="count"/> heaviest unmatched substantive tokens, ties going to the earlier token: the
    /// order of a stable sort by weight, descending (as <c>OrderByDescending</c> was), made by insertion.
    /// </summary>
    private static bool[] Substituted(ReadOnlySpan<NameToken> tokens, double[] weights, bool[] used, int count)
    {
        var marked = new bool[tokens.Length];
        if (count == 0)
        {
            return marked;
        }
        Span<int> order = tokens.Length <= SmallNameTokens ? stackalloc int[tokens.Length] : new int[tokens.Length];
        var n = 0;
        for (var i = 0; i < tokens.Length; i++)
        {
            if (used[i] || !IsSubstantive(tokens[i].Role))
            {
                continue;
            }
            // After every earlier token at least as heavy: equal weights keep their order.
            var at = n;
            while (at > 0 && weights[order[at - 1]].CompareTo(weights[i]) < 0)
            {
                order[at] = order[at - 1];
                at--;
            }
            order[at] = i;
            n++;
        }
        for (var k = 0; k < count; k++)
        {
            marked[order[k]] = true;
        }
        return marked;
    }

    private static List<string> Unmatched(ReadOnlySpan<NameToken> tokens, bool[] used)
    {
        var texts = new List<string>();
        for (var i = 0; i < tokens.Length; i++)
        {
            if (!used[i])
            {
                texts.Add(tokens[i].Text);
            }
        }
        return texts;
    }

    private static bool HasLegalForm(ReadOnlySpan<NameToken> tokens)
    {
        for (var i = 0; i < tokens.Length; i++)
        {
            if (tokens[i].LegalForm is not null)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// "Salman bin Muhammad" is Muhammad's son; "Muhammad bin Salman" is Salman's. When both names have a
    /// bin/ibn/ben and the word before it on one side pairs with the word after it on the other, they are different men.
    /// </summary>
    private static bool PatronymicReversed(IReadOnlyList<NameToken> q, IReadOnlyList<NameToken> c, List<(int Q, int C, TokenSimilarity S)> pairs)
    {
        var qi = IndexOfSonOf(q);
        var ci = IndexOfSonOf(c);
        if (qi <= 0 || ci <= 0 || qi + 1 >= q.Count || ci + 1 >= c.Count)
        {
            return false;
        }
        // Reversed means swapped both ways: the son on one side is the father on the other and the father the son.
        // "Jong bin Jong" is its own mirror image, so a son named like his father cannot be reversed.
        // The father is the first name after bin that is no particle: "bin al-Din" is Din's son, not al's.
        var (qAfter, cAfter) = (NextNonParticle(q, qi + 1), NextNonParticle(c, ci + 1));
        var (qBefore, cBefore) = (PreviousNonParticle(q, qi - 1), PreviousNonParticle(c, ci - 1));
        if (qAfter < 0 || cAfter < 0 || qBefore < 0 || cBefore < 0)
        {
            return false;
        }
        var (qSon, qFather, cSon, cFather) = (q[qBefore].Text, q[qAfter].Text, c[cBefore].Text, c[cAfter].Text);
        return qSon != cSon
            && pairs.Exists(p => q[p.Q].Text == qSon && c[p.C].Text == cFather)
            && pairs.Exists(p => q[p.Q].Text == qFather && c[p.C].Text == cSon);
    }

    private static int NextNonParticle(IReadOnlyList<NameToken> tokens, int from)
    {
        for (var i = from; i < tokens.Count; i++)
        {
            if (tokens[i].Role != TokenRole.Particle)
            {
                return i;
            }
        }
        return -1;
    }

    private static int PreviousNonParticle(IReadOnlyList<NameToken> tokens, int from)
    {
        for (var i = from; i >= 0; i--)
        {
            if (tokens[i].Role != TokenRole.Particle)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>Whether token <paramref name="i"/> is the last name word and follows the article al/el: a nisba.</summary>
    private static bool IsNisba(ReadOnlySpan<NameToken> tokens, int i)
    {
        if (i == 0 || tokens[i].Role != TokenRole.Word || tokens[i - 1].Text is not ("al" or "el"))
        {
            return false;
        }
        for (var k = i + 1; k < tokens.Length; k++)
        {
            if (tokens[k].Role is TokenRole.Word or TokenRole.Patronymic)
            {
                return false;
            }
        }
        return true;
    }

    private static int IndexOfSonOf(IReadOnlyList<NameToken> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Text is "bin" or "ibn" or "ben" or "bint" or "binti" or "ould")
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>How much of a token a pairing accounts for: all of it on confident evidence, less as a fuzzy match weakens.</summary>
    private static double Credit(TokenSimilarity s) =>
        s.Confident ? 1 : Math.Clamp((s.Score - MatchDefaults.CreditFloor) / (MatchDefaults.EditConfident - MatchDefaults.CreditFloor), 0, 1);

    private static bool IsSubstantive(TokenRole role) => role is TokenRole.Word or TokenRole.Patronymic or TokenRole.Number;

    private static string MethodName(TokenMatchMethod method, AnalyzedName q, AnalyzedName c) => method switch
    {
        TokenMatchMethod.Exact when q.Table != "latin" || c.Table != "latin" => "translit:" + (q.Table != "latin" ? q.Table : c.Table),
        // The enum's names in lower case, written out so no pairing allocates one.
        TokenMatchMethod.None => "none",
        TokenMatchMethod.Exact => "exact",
        TokenMatchMethod.Class => "class",
        TokenMatchMethod.Phonetic => "phonetic",
        TokenMatchMethod.Skeleton => "skeleton",
        TokenMatchMethod.Edit => "edit",
        TokenMatchMethod.Initial => "initial",
        TokenMatchMethod.Prefix => "prefix",
        TokenMatchMethod.Nickname => "nickname",
        _ => method.ToString().ToLowerInvariant(),
    };

    /// <summary>Whether <see cref="JoinedVariants"/> yields anything: some joined run matches some token on the other side.</summary>
    private static bool AnyJoinedMatch(AnalyzedName sideName, AnalyzedName otherName, TokenSimilarityCache? cache)
    {
        var joinedRuns = sideName.Joined;
        if (!joinedRuns.MayMatch(otherName.TokenLengths))
        {
            return false;
        }
        var other = AsSpan(otherName.Tokens);
        var lengths = otherName.TokenLengths;
        var runs = joinedRuns.Runs;
        for (var r = 0; r < runs.Length; r++)
        {
            // Most runs of a name that may match have a length no token here has: they are passed over whole.
            if (!joinedRuns.RunMayMatch(r, lengths))
            {
                continue;
            }
            var joined = runs[r].Joined;
            foreach (var o in other)
            {
                if (JoinedMatchesRemembered(joined, o, cache))
                {
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>
    /// <see cref="JoinedMatches(NameToken, NameToken)"/>, asking the cache only where an edit distance would be
    /// worked out: the other tests are cheaper than a lookup, and the cache only remembers answers, never changes them.
    /// </summary>
    private static bool JoinedMatchesRemembered(NameToken joined, NameToken other, TokenSimilarityCache? cache) =>
        cache is not null && other.Folded.Length >= 6 && Math.Abs(other.Folded.Length - joined.Folded.Length) <= 2 && other.Folded != joined.Folded
            ? cache.JoinedMatches(joined, other)
            : JoinedMatches(joined, other);

    /// <summary>Token lists with one run of two or three adjacent tokens joined where the joined form matches a token on the other side.</summary>
    private static IEnumerable<IReadOnlyList<NameToken>> JoinedVariants(AnalyzedName sideName, IReadOnlyList<NameToken> other, TokenSimilarityCache? cache)
    {
        var side = sideName.Tokens;
        foreach (var (start, run, joined) in sideName.Joined.Runs)
        {
            var found = false;
            foreach (var o in other)
            {
                if (JoinedMatchesRemembered(joined, o, cache))
                {
                    found = true;
                    break;
                }
            }
            if (!found)
            {
                continue;
            }
            var list = new List<NameToken>(side.Count - run + 1);
            list.AddRange(side.Take(start));
            list.Add(joined);
            list.AddRange(side.Skip(start + run));
            yield return list;
        }
    }

    /// <summary>Whether a run of tokens written as one stands for the token <paramref name="other"/> on the other side.</summary>
    internal static bool JoinedMatches(NameToken joined, NameToken other) =>
        other.Folded == joined.Folded
        || (other.Folded.Length >= 6 && Math.Abs(other.Folded.Length - joined.Folded.Length) <= 2 && WeightedEditDistance.SimilarityAtLeast(other.Folded, other.FoldedLetters, joined.Folded, joined.FoldedLetters, 0.85))
        || ((joined.LooseVowels || other.LooseVowels) && joined.Skeleton.Length >= 3 && other.Skeleton == joined.Skeleton);

    /// <summary>
    /// The names written without spaces, compared whole: a space typed in the wrong place ("Myongc Hin" for
    /// "Myong Chin") splits tokens differently on each side, which no token alignment can see.
    /// </summary>
    private static NameComparison? Compact(AnalyzedName query, AnalyzedName candidate, double floor)
    {
        // The cost is never negative, so the score is at most EditScale (rounding is monotone): no better than the floor.
        if (Math.Round(MatchDefaults.EditScale, 4) <= floor)
        {
            return null;
        }
        // Lengths and counts first, as the names hold them: most pairs are ruled out before a string is read.
        var (qLength, cLength) = (query.CompactLength, candidate.CompactLength);
        if (Math.Abs(qLength - cLength) > 3)
        {
            return null;
        }
        var q = query.Compact;
        var c = candidate.Compact;
        if (query.TokenCount < 2 || candidate.TokenCount < 2 || Math.Min(qLength, cLength) < MatchDefaults.CompactMinimumLength)
        {
            // Then only the same letters with the spaces elsewhere (SiemensAG, Siemens AG) are compared whole: they
            // leave no slip to hide in a short name.
            if (qLength != cLength || qLength < MatchDefaults.CompactSameLettersMinimumLength || q != c)
            {
                return null;
            }
        }
        // Only where the spaces fall differently: with the same token lengths the token alignment has already judged.
        if (query.AnyFromSyllabary || candidate.AnyFromSyllabary || SameTokenLengths(query.Tokens, candidate.Tokens))
        {
            return null;
        }
        // Only a space moved, and at most one slip besides: a whole different word inside a long name (Chad for
        // China, Al-Mosuli for Al-Qaduli) must not hide in the length of the rest; nor may a series number.
        // A cost over the maximum is rejected below whatever it is, so the distance may stop as soon as it is over.
        var cost = WeightedEditDistance.Distance(q, c, MatchDefaults.CompactMaximumCost);
        var similarity = 1 - (cost / Math.Max(q.Length, c.Length));
        if (cost > MatchDefaults.CompactMaximumCost || similarity < MatchDefaults.CompactSimilarity || !SameNumbers(query, candidate))
        {
            return null;
        }
        var score = Math.Round(similarity * MatchDefaults.EditScale, 4);
        var pairs = new[] { new TokenPairing(q, c, "compact", score, 1) };
        return new NameComparison(score, query.Original, candidate.Original, query.Romanized, candidate.Romanized, query.Table, pairs, [], [], [], 1, 1, 1);
    }

    private static bool SameTokenLengths(IReadOnlyList<NameToken> a, IReadOnlyList<NameToken> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }
        for (var i = 0; i < a.Count; i++)
        {
            if (a[i].Text.Length != b[i].Text.Length)
            {
                return false;
            }
        }
        return true;
    }

    private static bool SameNumbers(AnalyzedName a, AnalyzedName b) =>
        a.Tokens.Where(t => t.Role == TokenRole.Number).Select(t => t.Text).Order(StringComparer.Ordinal)
            .SequenceEqual(b.Tokens.Where(t => t.Role == TokenRole.Number).Select(t => t.Text).Order(StringComparer.Ordinal));

    /// <summary>
    /// A name that is one short word of initials ("PLA") against a name whose significant words start with exactly
    /// those letters ("People's Liberation Army"); null when the pair is not of that shape. Initials must cover the
    /// whole other name, so three letters never match every company that happens to contain those letters.
    /// </summary>
    private static NameComparison? Acronym(AnalyzedName query, AnalyzedName candidate) =>
        // Persons' initials ("N.N.", "J.R.") stand for given names, never for a whole name.
        !query.Organization ? null : Acronym(query, candidate, query, candidate, flipped: false) ?? Acronym(query, candidate, candidate, query, flipped: true);

    /// <summary><paramref name="shortName"/> as the initials of <paramref name="longName"/>, or null.</summary>
    private static NameComparison? Acronym(AnalyzedName query, AnalyzedName candidate, AnalyzedName shortName, AnalyzedName longName, bool flipped)
    {
        // Nearly every name has more than one core word: that is settled before anything is allocated.
        NameToken? core = null;
        foreach (var t in AsSpan(shortName.Tokens))
        {
            if (t.Role is TokenRole.LegalForm or TokenRole.Particle)
            {
                continue;
            }
            if (core is not null)
            {
                return null;
            }
            core = t;
        }
        if (core is null || core.Text.Length is < 2 or > 6 || !core.Text.All(char.IsAsciiLetter))
        {
            return null;
        }
        var words = longName.Tokens.Where(t => t.Role is TokenRole.Word or TokenRole.Generic && t.Text is not ("of" or "the" or "and" or "for")).ToList();
        if (words.Count < 2 || string.Concat(words.Select(w => w.Text[0])) != core.Text)
        {
            return null;
        }
        var pairs = new[] { new TokenPairing(flipped ? string.Join(' ', words) : core.Text, flipped ? core.Text : string.Join(' ', words), "acronym", MatchDefaults.AcronymScore, 1) };
        return new NameComparison(MatchDefaults.AcronymScore, query.Original, candidate.Original, query.Romanized, candidate.Romanized, query.Table, pairs, [], [], [], 1, 1, 1);
    }
}
