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

    [Theory]
    [InlineData("alexandervyacheslavovichzakharov", "Alexander Vyacheslavovich Zakharov")]
    [InlineData("konstantinyurievichzakharov", "Konstantin Yurievich ZAKHAROV")]
    [InlineData("AlexanderVyacheslavovich Zakharov", "Alexander Vyacheslavovich Zakharov")]
    public void A_name_written_without_spaces_finds_the_listed_name_it_joins(string query, string listed)
    {
        // The example: yente finds a whole name typed as one word; the listed name's three tokens, joined,
        // are that word. The crowd shares the surname, so the name is found by its joined run or not at all.
        var crowd = Enumerable.Range(0, 60).Select(i => new ScreeningSubject($"crowd{i}", PartyKind.Person, [new SubjectName($"Zakharov Given{(char)('a' + (i % 26))}{(char)('a' + (i / 26))}xq")], [], [], []));
        var subjects = crowd.Append(new ScreeningSubject("listed", PartyKind.Person, [new SubjectName(listed)], [], [], [])).ToList();
        var index = ScreeningIndex.Build(subjects);

        var results = index.Search(new ScreeningQuery(query, PartyKind.Person), new MatchOptions());

        Assert.NotEmpty(results);
        Assert.Equal("listed", results[0].Subject.Id);
        Assert.True(results[0].Match, $"{query} vs {listed}: {results[0].Score}");
    }
}
