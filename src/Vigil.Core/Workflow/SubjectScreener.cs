using Vigil.Core.Screening;
using Vigil.Matching.Screening;

namespace Vigil.Core.Workflow;

/// <summary>
/// Screens a subject with several names, dates, countries and identifiers: each name with each date and country,
/// and each identifier on its own (an identical identifier alerts whatever the name); each entity keeps its best result.
/// </summary>
public static class SubjectScreener
{
    public static SubjectScreening Screen(ScreeningCorpus corpus, SubjectFields fields, ScreeningConfiguration configuration)
    {
        var options = configuration.Options;
        var kind = fields.Kind;
        var best = new Dictionary<string, ScreeningHit>(StringComparer.Ordinal);
        IReadOnlyList<string?> dates = fields.BirthDates.Count == 0 ? [null] : [.. fields.BirthDates];
        IReadOnlyList<string?> countries = fields.Countries.Count == 0 ? [null] : [.. fields.Countries];
        foreach (var name in fields.Names)
        {
            foreach (var date in dates)
            {
                foreach (var country in countries)
                {
                    Keep(corpus.Screen(new ScreeningQuery(name, kind, date, country), options));
                }
            }
        }
        foreach (var identifier in fields.Identifiers)
        {
            Keep(corpus.Screen(new ScreeningQuery(fields.Names[0], kind, dates[0], countries[0], identifier), options));
        }
        var results = ScreeningCorpus.BestFirst(best.Values).Take(options.Limit).ToList();
        var hits = results.Where(h => h.Match).Select(RecordedHit.From).ToList();
        return new SubjectScreening(
            hits.Count > 0 ? ScreeningOutcome.Hit : ScreeningOutcome.NoHit,
            results.Count > 0 ? results[0].Score : null,
            hits);

        void Keep(IReadOnlyList<ScreeningHit> found)
        {
            foreach (var hit in found)
            {
                if (!best.TryGetValue(hit.Entity.Id, out var held) || hit.Score > held.Score)
                {
                    best[hit.Entity.Id] = hit;
                }
            }
        }
    }
}
