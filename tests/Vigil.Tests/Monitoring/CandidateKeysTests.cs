using Vigil.Matching;
using Vigil.Matching.Screening;
using Vigil.Tests.Workflow;

namespace Vigil.Tests.Monitoring;

/// <summary>
/// The reverse lookup's premise, against the real UN list: every listed entity the index hands to scoring for a query
/// holds a name whose keys the query's keys meet. A kind of lookup the key function left out would show here as a
/// candidate with no meeting key.
/// </summary>
public sealed class CandidateKeysTests(SqliteUnListStore shared) : IClassFixture<SqliteUnListStore>
{
    // Every candidate is returned: no cutoff, no limit, no pruning.
    private static readonly MatchOptions All = new() { Cutoff = 0, Limit = int.MaxValue, CandidateLimit = int.MaxValue, Threshold = 0.7 };

    [Fact]
    public void Every_candidate_of_a_query_holds_a_name_whose_keys_the_query_keys_meet()
    {
        var index = shared.Value.Corpus.Index;
        const int seed = 1975_05_14;
        var random = new Random(seed);
        var checkedCandidates = 0;
        foreach (var query in Queries(index, random).Take(150))
        {
            var queried = CandidateKeys.OfQuery(query, PartyKind.Unknown);
            foreach (var result in index.Search(new ScreeningQuery(query), All))
            {
                var listed = result.Subject.Names.SelectMany(n => CandidateKeys.OfListed(n.Text, result.Subject.Kind));
                var met = CandidateKeys.Meeting(listed, queried);
                Assert.True(met.Overlaps(queried), $"seed {seed}: '{query}' has {result.Subject.Id} ({result.Subject.Names[0].Text}) as a candidate, yet no key of it meets the query's");
                checkedCandidates++;
            }
        }
        Assert.True(checkedCandidates > 300, $"only {checkedCandidates} candidates checked");
    }

    [Fact]
    public void A_name_sharing_no_spelling_class_or_skeleton_with_a_query_meets_none_of_its_keys()
    {
        var met = CandidateKeys.Meeting(CandidateKeys.OfListed("Gulmurod Khalimov", PartyKind.Person), CandidateKeys.OfQuery("Anna Schmidt", PartyKind.Person));
        Assert.Empty(met.Intersect(CandidateKeys.OfQuery("Anna Schmidt", PartyKind.Person)));
        var near = CandidateKeys.Meeting(CandidateKeys.OfListed("Gulmurod Khalimov", PartyKind.Person), CandidateKeys.OfQuery("Halimov Gulmurod", PartyKind.Person));
        Assert.NotEmpty(near.Intersect(CandidateKeys.OfQuery("Halimov Gulmurod", PartyKind.Person)));
    }

    /// <summary>Listed names as listed, respelled, run together, reversed, and names made of parts of two.</summary>
    private static IEnumerable<string> Queries(ScreeningIndex index, Random random)
    {
        var names = index.Subjects.SelectMany(s => s.Names).Select(n => n.Text).Where(n => n.Length > 3).ToList();
        while (true)
        {
            var name = names[random.Next(names.Count)];
            var tokens = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            yield return random.Next(5) switch
            {
                0 => name,
                1 => Respell(name, random),
                2 => string.Concat(tokens),
                3 => string.Join(' ', tokens.Reverse()),
                _ => tokens[0] + " " + names[random.Next(names.Count)].Split(' ')[^1],
            };
        }
    }

    private static string Respell(string name, Random random)
    {
        var chars = name.ToCharArray();
        var i = 1 + random.Next(Math.Max(1, chars.Length - 2));
        if (i + 1 < chars.Length)
        {
            (chars[i], chars[i + 1]) = (chars[i + 1], chars[i]);
        }
        return new string(chars);
    }
}
