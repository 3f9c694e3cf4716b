using Vigil.Core.Workflow;
using Vigil.Matching;
using Vigil.Matching.Screening;

namespace Vigil.Tests.Workflow;

/// <summary>
/// <see cref="SubjectScreener.Hits"/>, the one screening of a query with several names, dates, countries and
/// identifiers that subjects, yente's <c>/match</c> and reconciliation share, against the real UN list.
/// </summary>
public sealed class MultiValuedScreeningTests(SqliteUnListStore un) : IClassFixture<SqliteUnListStore>
{
    // UN CDi.021, Floribert Ngabu Njabu, born 1971-05-23, passport OB 0243318.
    private const string Ngabu = "un-sc:CDi.021";

    [Fact]
    public void An_identifier_hit_is_scored_with_the_subjects_best_name_not_only_its_first()
    {
        var fields = new SubjectFields("Person", ["Anna Schmidt", "Floribert Ngabu Njabu"], ["1960-01-01"], [], [], ["OB0243318"]);

        var screening = SubjectScreener.Screen(un.Value.Corpus, fields, ScreeningConfiguration.For("default"));

        // The listed name matches in full and the same passport lifts the date's contradiction: 1, not the 0.98 an
        // identifier gives a name ("Anna Schmidt") that does not match.
        var hit = Assert.Single(screening.Hits, h => h.RecordIds.Contains(Ngabu));
        Assert.Equal(1.0, hit.Score);
    }

    [Fact]
    public void Each_entity_is_kept_once_with_its_best_result_over_every_name_date_and_country()
    {
        var options = MatchOptions.Profile("default");
        var corpus = un.Value.Corpus;

        var hits = SubjectScreener.Hits(corpus, PartyKind.Person, ["Anna Schmidt", "Floribert Ngabu Njabu"], ["1960-01-01", "1971-05-23"], ["de", "cd"], [], options);

        Assert.Equal(hits.Count, hits.Select(h => h.Entity.Id).Distinct().Count());
        var best = Assert.Single(hits, h => h.Entity.Referents.Contains(Ngabu));
        var alone = corpus.Screen(new ScreeningQuery("Floribert Ngabu Njabu", PartyKind.Person, "1971-05-23", "cd"), options);
        Assert.Equal(alone.Single(h => h.Entity.Referents.Contains(Ngabu)).Score, best.Score);
    }
}
