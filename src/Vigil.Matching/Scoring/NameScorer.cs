using Vigil.Matching.Text;

namespace Vigil.Matching.Scoring;

/// <summary>
/// Scores a query name against a list name: aligns tokens one-to-one regardless of order, scores each pair by its
/// strongest evidence, weighs tokens by role and rarity, charges unmatched query tokens in full and unmatched list
/// tokens in part (lists spell names out in full), and lets hard evidence of difference outweigh fuzzy likeness.
/// </summary>
public static class NameScorer
{
    /// <summary>The best comparison over every romanisation of each name.</summary>
    public static NameComparison Compare(IReadOnlyList<AnalyzedName> query, IReadOnlyList<AnalyzedName> candidate, TokenRarity? rarity = null)
    {
        NameComparison? best = null;
        foreach (var q in query)
        {
            foreach (var c in candidate)
            {
                var result = Compare(q, c, rarity);
                if (best is null || result.Score > best.Score)
                {
                    best = result;
                }
            }
        }
        return best ?? NameComparison.Empty(query.Count > 0 ? query[0].Original : "", candidate.Count > 0 ? candidate[0].Original : "");
    }

    /// <summary>One romanisation against one romanisation, also trying adjacent tokens joined (Abdul Rahman ↔ Abdulrahman).</summary>
    public static NameComparison Compare(AnalyzedName query, AnalyzedName candidate, TokenRarity? rarity = null)
    {
        rarity ??= TokenRarity.Uniform;
        var best = Score(query, candidate, query.Tokens, candidate.Tokens, rarity);
        foreach (var q in JoinedVariants(query.Tokens, candidate.Tokens))
        {
            var r = Score(query, candidate, q, candidate.Tokens, rarity);
            best = r.Score > best.Score ? r : best;
        }
        foreach (var c in JoinedVariants(candidate.Tokens, query.Tokens))
        {
            var r = Score(query, candidate, query.Tokens, c, rarity);
            best = r.Score > best.Score ? r : best;
        }
        return best;
    }

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

    private static NameComparison Score(AnalyzedName queryName, AnalyzedName candidateName, IReadOnlyList<NameToken> q, IReadOnlyList<NameToken> c, TokenRarity rarity)
    {
        if (q.Count == 0 || c.Count == 0)
        {
            return NameComparison.Empty(queryName.Original, candidateName.Original);
        }
        var qWeights = q.Select(t => Weight(t, rarity)).ToArray();
        var cWeights = c.Select(t => Weight(t, rarity)).ToArray();

        // All comparable pairs, strongest first; legal forms are judged apart, by class.
        var candidates = new List<(int Q, int C, TokenSimilarity S)>();
        var contradictions = new List<string>();
        for (var i = 0; i < q.Count; i++)
        {
            for (var j = 0; j < c.Count; j++)
            {
                if ((q[i].Role == TokenRole.LegalForm) != (c[j].Role == TokenRole.LegalForm))
                {
                    continue;
                }
                var s = TokenComparer.Compare(q[i], c[j]);
                if (s.Score > 0)
                {
                    candidates.Add((i, j, s));
                }
            }
        }
        candidates.Sort((x, y) =>
        {
            var bySimilarity = y.S.Score.CompareTo(x.S.Score);
            return bySimilarity != 0 ? bySimilarity : (qWeights[y.Q] + cWeights[y.C]).CompareTo(qWeights[x.Q] + cWeights[x.C]);
        });

        var qUsed = new bool[q.Count];
        var cUsed = new bool[c.Count];
        var pairs = new List<TokenPairing>();
        double matchedQ = 0, matchedC = 0, matchedCWeight = 0, information = 0;
        foreach (var (i, j, s) in candidates)
        {
            if (qUsed[i] || cUsed[j])
            {
                continue;
            }
            qUsed[i] = cUsed[j] = true;
            matchedQ += s.Score * qWeights[i];
            matchedC += s.Score * cWeights[j];
            matchedCWeight += cWeights[j];
            information += s.Score * Math.Min(qWeights[i], cWeights[j]);
            pairs.Add(new TokenPairing(q[i].Text, c[j].Text, MethodName(s.Method, queryName, candidateName), Math.Round(s.Score, 4), Math.Round((qWeights[i] + cWeights[j]) / 2, 4)));
        }

        var unmatchedQ = Enumerable.Range(0, q.Count).Where(i => !qUsed[i]).ToList();
        var unmatchedC = Enumerable.Range(0, c.Count).Where(j => !cUsed[j]).ToList();
        var qTotal = qWeights.Sum();
        var unmatchedCWeight = unmatchedC.Sum(j => cWeights[j]);
        var queryCoverage = qTotal > 0 ? matchedQ / qTotal : 0;
        var candidateDenominator = matchedCWeight + (MatchDefaults.UnmatchedCandidateShare * unmatchedCWeight);
        var candidateCoverage = candidateDenominator > 0 ? matchedC / candidateDenominator : 0;

        // Hard evidence of difference: numbers that differ, a different father's name, a different kind of company.
        foreach (var i in unmatchedQ)
        {
            foreach (var j in unmatchedC)
            {
                if (q[i].Role == TokenRole.Number && c[j].Role == TokenRole.Number)
                {
                    contradictions.Add($"number {q[i].Text} ≠ {c[j].Text}");
                }
                else if (q[i].Role == TokenRole.Patronymic && c[j].Role == TokenRole.Patronymic)
                {
                    contradictions.Add($"patronymic {q[i].Text} ≠ {c[j].Text}");
                }
            }
        }
        var qForms = q.Where(t => t.LegalForm is not null).Select(t => t.LegalForm!).ToHashSet();
        var cForms = c.Where(t => t.LegalForm is not null).Select(t => t.LegalForm!).ToHashSet();
        if (qForms.Count > 0 && cForms.Count > 0 && !qForms.Overlaps(cForms))
        {
            contradictions.Add($"legal form {string.Join('/', qForms)} ≠ {string.Join('/', cForms)}");
        }

        var score = queryCoverage * candidateCoverage;
        if (information < MatchDefaults.MinimumInformation)
        {
            score *= 0.6 + (0.4 * information / MatchDefaults.MinimumInformation);
        }
        score *= Math.Pow(MatchDefaults.ContradictionFactor, contradictions.Count);
        return new NameComparison(
            Math.Round(Math.Clamp(score, 0, 1), 4),
            queryName.Original,
            candidateName.Original,
            string.Join(' ', q.Select(t => t.Text)),
            string.Join(' ', c.Select(t => t.Text)),
            queryName.Table == candidateName.Table ? queryName.Table : queryName.Table + "/" + candidateName.Table,
            pairs,
            unmatchedQ.Select(i => q[i].Text).ToList(),
            unmatchedC.Select(j => c[j].Text).ToList(),
            contradictions,
            Math.Round(queryCoverage, 4),
            Math.Round(candidateCoverage, 4),
            Math.Round(information, 4));
    }

    private static string MethodName(TokenMatchMethod method, AnalyzedName q, AnalyzedName c) => method switch
    {
        TokenMatchMethod.Exact when q.Table != "latin" || c.Table != "latin" => "translit:" + (q.Table != "latin" ? q.Table : c.Table),
        _ => method.ToString().ToLowerInvariant(),
    };

    /// <summary>Token lists with one adjacent pair joined where the joined form matches a token on the other side.</summary>
    private static IEnumerable<IReadOnlyList<NameToken>> JoinedVariants(IReadOnlyList<NameToken> side, IReadOnlyList<NameToken> other)
    {
        for (var i = 0; i + 1 < side.Count; i++)
        {
            var text = side[i].Text + side[i + 1].Text;
            var folded = PhoneticFold.Fold(text);
            if (!other.Any(o => o.Folded == folded || (o.Folded.Length >= 6 && Math.Abs(o.Folded.Length - folded.Length) <= 2 && WeightedEditDistance.Similarity(o.Folded, folded) >= 0.85)))
            {
                continue;
            }
            var joined = new NameToken(text, folded, PhoneticFold.Skeleton(folded), NameVocabulary.ClassOf(text), TokenRole.Word) { FromAbjad = side[i].FromAbjad };
            var list = new List<NameToken>(side.Count - 1);
            list.AddRange(side.Take(i));
            list.Add(joined);
            list.AddRange(side.Skip(i + 2));
            yield return list;
        }
    }
}
