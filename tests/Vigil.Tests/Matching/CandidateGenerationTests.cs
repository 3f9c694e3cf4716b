using Vigil.Matching;
using Vigil.Matching.Screening;

namespace Vigil.Tests.Matching;

/// <summary>What candidate generation finds before any scoring: a name it never proposes can never alert.</summary>
public class CandidateGenerationTests
{
    [Theory]
    [InlineData("Mohamed Lakahl", "Mohamed Lakhal")]
    [InlineData("Mohamed Kahlil", "Mohamed Khalil")]
    public void A_slip_that_breaks_a_folded_digraph_still_proposes_the_listed_name_among_many_sharing_its_common_part(string query, string listed)
    {
        // Sixty subjects share the common given name and come first in the index, so the list name is proposed only
        // if its surname is found: on the given name alone it would lose every tie to the earlier subjects.
        var crowd = Enumerable.Range(0, 60).Select(i => new ScreeningSubject($"crowd{i}", PartyKind.Person, [new SubjectName($"Mohamed Surname{(char)('a' + (i % 26))}{(char)('a' + (i / 26))}xq")], [], [], []));
        var subjects = crowd.Append(new ScreeningSubject("listed", PartyKind.Person, [new SubjectName(listed)], [], [], [])).ToList();
        var index = ScreeningIndex.Build(subjects);

        var results = index.Search(new ScreeningQuery(query, PartyKind.Person), new MatchOptions());

        Assert.Equal("listed", results[0].Subject.Id);
        Assert.True(results[0].Match, $"{query} vs {listed}: {results[0].Score}");
    }
}
