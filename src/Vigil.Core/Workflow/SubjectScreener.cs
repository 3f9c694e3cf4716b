using Vigil.Core.Screening;
using Vigil.Matching;
using Vigil.Matching.Screening;

namespace Vigil.Core.Workflow;

/// <summary>
/// Screens a query with several names, dates, countries and identifiers (a subject, a yente or OpenRefine example):
/// each name with each date and country, once per identifier (an identical identifier alerts whatever the name, and
/// leaves every other result as the name alone would have it); each entity keeps its best result.
/// </summary>
public static class SubjectScreener
{
    public static SubjectScreening Screen(ScreeningCorpus corpus, SubjectFields fields, ScreeningConfiguration configuration) =>
        Summarise(Hits(corpus, fields.Kind, fields.Names, fields.BirthDates, fields.Countries, fields.Identifiers, configuration.Options));

    /// <summary>
    /// Every result of every combination, best first and cut to <see cref="MatchOptions.Limit"/>, each entity once with
    /// its best score (on equal scores, the first combination's explanation). Needs at least one name.
    /// </summary>
    public static IReadOnlyList<ScreeningHit> Hits(
        ScreeningCorpus corpus,
        PartyKind kind,
        IReadOnlyList<string> names,
        IReadOnlyList<string> birthDates,
        IReadOnlyList<string> countries,
        IReadOnlyList<string> identifiers,
        MatchOptions options)
    {
        var queries = Queries(kind, names, birthDates, countries, identifiers);
        if (queries.Count == 1)
        {
            // One query: the corpus's answer is already best first and cut to the limit.
            return corpus.Screen(queries[0], options);
        }
        var best = new Dictionary<string, ScreeningHit>(StringComparer.Ordinal);
        foreach (var query in queries)
        {
            foreach (var hit in corpus.Screen(query, options))
            {
                if (!best.TryGetValue(hit.Entity.Id, out var held) || hit.Score > held.Score)
                {
                    best[hit.Entity.Id] = hit;
                }
            }
        }
        return ScreeningCorpus.BestFirst(best.Values).Take(options.Limit).ToList();
    }

    /// <summary>
    /// For a reverse lookup after a list change (see <see cref="ScreeningIndex.Probe"/>): the best score any of the
    /// subject's queries could give each of <paramref name="entities"/> (indexes in the corpus's index), and the best
    /// score of a candidate that would take the place of one of the <paramref name="leaving"/> entities in a query's
    /// candidates.
    /// </summary>
    public static double[] Probe(ScreeningCorpus corpus, SubjectFields fields, MatchOptions options, IReadOnlyList<int> entities, IReadOnlySet<int> leaving, out double nextInLine)
    {
        var best = new double[entities.Count];
        nextInLine = 0;
        foreach (var query in Queries(fields.Kind, fields.Names, fields.BirthDates, fields.Countries, fields.Identifiers))
        {
            var scores = corpus.Index.Probe(query, options, entities, leaving, out var next);
            nextInLine = Math.Max(nextInLine, next);
            for (var i = 0; i < best.Length; i++)
            {
                best[i] = Math.Max(best[i], scores[i]);
            }
        }
        return best;
    }

    /// <summary>Each name with each date and country, once per identifier (see the class). Needs at least one name.</summary>
    private static List<ScreeningQuery> Queries(PartyKind kind, IReadOnlyList<string> names, IReadOnlyList<string> birthDates, IReadOnlyList<string> countries, IReadOnlyList<string> identifiers)
    {
        ArgumentOutOfRangeException.ThrowIfZero(names.Count);
        IReadOnlyList<string?> dates = birthDates.Count == 0 ? [null] : [.. birthDates];
        IReadOnlyList<string?> places = countries.Count == 0 ? [null] : [.. countries];
        // An identifier leaves a query's other results as they are, so a query carrying one replaces the same query
        // without it: each combination is screened once per identifier.
        IReadOnlyList<string?> ids = identifiers.Count == 0 ? [null] : [.. identifiers];
        var queries = new List<ScreeningQuery>(names.Count * dates.Count * places.Count * ids.Count);
        foreach (var name in names)
        {
            foreach (var date in dates)
            {
                foreach (var country in places)
                {
                    foreach (var id in ids)
                    {
                        queries.Add(new ScreeningQuery(name, kind, date, country, id));
                    }
                }
            }
        }
        return queries;
    }

    /// <summary>What a screening records of its results (best first): the outcome, the best score, the hits that reached the threshold.</summary>
    public static SubjectScreening Summarise(IReadOnlyList<ScreeningHit> results)
    {
        var hits = results.Where(h => h.Match).Select(RecordedHit.From).ToList();
        return new SubjectScreening(
            hits.Count > 0 ? ScreeningOutcome.Hit : ScreeningOutcome.NoHit,
            results.Count > 0 ? results[0].Score : null,
            hits);
    }
}
