using System.Globalization;
using Vigil.Core.Screening;
using Vigil.Core.Storage;
using Vigil.Matching;
using Vigil.Matching.Screening;

namespace Vigil.Core.Merge;

/// <summary>Two entities from different lists that may be one: the evidence, and whether the strict rule links them automatically.</summary>
public sealed record XrefCandidate(string Left, string Right, string LeftCaption, string RightCaption, double NameScore, IReadOnlyList<string> Evidence, bool Automatic);

/// <summary>
/// Finds the same entity across lists by the matcher plus hard evidence. The strict rule for an automatic link: names
/// that match at <see cref="AutomaticNameScore"/> or more and either the same full date of birth or a shared
/// identifier, with nothing contradicting. Weaker candidates (a close name with the same year of birth and a shared
/// country, or a near-identical name with either) are listed for an analyst.
/// </summary>
public static class CrossListMatcher
{
    public const double AutomaticNameScore = 0.85;
    public const double ReviewNameScore = 0.8;
    public const double NameAloneReviewScore = 0.95;

    public static IReadOnlyList<XrefCandidate> Find(ScreeningCorpus corpus, IProgress<LinkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var done = 0;
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var index = corpus.Index;
        var byId = index.Subjects.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var found = new Dictionary<(string, string), XrefCandidate>();
        foreach (var subject in index.Subjects)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (progress is not null && (++done == index.Subjects.Count || stopwatch.ElapsedMilliseconds >= 200))
            {
                progress.Report(new LinkProgress("review candidates", done, index.Subjects.Count));
                stopwatch.Restart();
            }
            var fullDates = subject.BirthDates.Where(d => d.Length == 10).ToList();
            if (fullDates.Count == 0 && subject.Identifiers.Count == 0 && subject.BirthDates.Count == 0)
            {
                continue;
            }
            var mine = corpus.Entity(subject.Id).Datasets;
            // The first two strong names: the primary and usually its original-script or best-known alias.
            foreach (var name in subject.Names.Where(n => !n.Weak).Take(2))
            {
                var query = new ScreeningQuery(name.Text, subject.Kind, fullDates.FirstOrDefault());
                foreach (var result in index.Search(query, new MatchOptions { Limit = 5, Cutoff = ReviewNameScore, CandidateLimit = 50 }))
                {
                    var other = result.Subject;
                    if (other.Id == subject.Id || corpus.Entity(other.Id).Datasets.Intersect(mine).Any())
                    {
                        continue;
                    }
                    var key = VigilStore.Ordered(subject.Id, other.Id);
                    var candidate = Judge(subject, byId[other.Id], result.Explanation.Name.Score);
                    if (candidate is not null && (!found.TryGetValue(key, out var existing) || existing.NameScore < candidate.NameScore))
                    {
                        found[key] = candidate with { Left = key.Item1, Right = key.Item2, LeftCaption = corpus.Entity(key.Item1).Caption, RightCaption = corpus.Entity(key.Item2).Caption };
                    }
                }
            }
        }
        return found.Values.OrderByDescending(c => c.Automatic).ThenByDescending(c => c.NameScore).ThenBy(c => c.Left, StringComparer.Ordinal).ThenBy(c => c.Right, StringComparer.Ordinal).ToList();
    }

    private static XrefCandidate? Judge(ScreeningSubject a, ScreeningSubject b, double nameScore)
    {
        if (IsPerson(a.Kind) != IsPerson(b.Kind) && a.Kind != PartyKind.Unknown && b.Kind != PartyKind.Unknown)
        {
            return null;
        }
        var evidence = new List<string> { "name " + nameScore.ToString("0.00", CultureInfo.InvariantCulture) };
        var relation = a.BirthDates.Count == 0
            ? BirthDateRelation.Unknown
            : a.BirthDates.Select(d => BirthDateComparer.Best(d, b.BirthDates).Relation).MinBy(Rank);
        var sharedIds = a.Identifiers.Select(ScreeningIndex.NormalizeIdentifier).Where(i => i.Length >= 5)
            .Intersect(b.Identifiers.Select(ScreeningIndex.NormalizeIdentifier)).ToList();
        var sharedCountries = a.Countries.Intersect(b.Countries).ToList();
        var dobConflict = relation == BirthDateRelation.Conflict;
        if (relation != BirthDateRelation.Unknown)
        {
            evidence.Add("birth date " + relation.ToString().ToLowerInvariant());
        }
        if (sharedIds.Count > 0)
        {
            evidence.Add("identifier " + string.Join(", ", sharedIds));
        }
        if (sharedCountries.Count > 0)
        {
            evidence.Add("country " + string.Join(", ", sharedCountries));
        }
        var automatic = nameScore >= AutomaticNameScore && !dobConflict && (relation == BirthDateRelation.Exact || sharedIds.Count > 0);
        // For review, a close name needs two weaker facts or a near-identical name one: an analyst's queue is
        // only useful if most of it is worth reading.
        var sameYear = relation is BirthDateRelation.SameYear or BirthDateRelation.Near;
        var review = automatic
            || (!dobConflict && nameScore >= ReviewNameScore && sameYear && sharedCountries.Count > 0)
            || (!dobConflict && nameScore >= NameAloneReviewScore && (sameYear || sharedCountries.Count > 0));
        return review ? new XrefCandidate(a.Id, b.Id, "", "", Math.Round(nameScore, 4), evidence, automatic) : null;
    }

    private static int Rank(BirthDateRelation r) => r switch
    {
        BirthDateRelation.Exact => 0,
        BirthDateRelation.SameYear => 1,
        BirthDateRelation.Near => 2,
        BirthDateRelation.Conflict => 3,
        _ => 4,
    };

    private static bool IsPerson(PartyKind kind) => kind == PartyKind.Person;
}
