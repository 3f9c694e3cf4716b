using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Vigil.Core.Screening;
using Vigil.Core.Storage;
using Vigil.Matching;
using Vigil.Matching.Scoring;
using Vigil.Matching.Screening;
using Vigil.Matching.Text;
using Vigil.Tests.Storage;

namespace Vigil.Tests.Matching;

public class QualifiersTests
{
    private static readonly Lazy<ScreeningCorpus> Un = new(() =>
    {
        var store = VigilStore.Open(StoreFactory.NewSqliteSpec());
        store.Import(TestData.Path("un/consolidated.xml"));
        return ScreeningCorpus.Load(store);
    });

    private const string Khalimov = "un-sc:QDi.372";

    // A spelling whose name score alone is under 1, so a country's bonus or penalty shows in the score.
    private const string KhalimovSpelling = "Gulmurod Halimov";

    [Theory]
    [InlineData("birthDate", "+0.08", 0.08)]
    [InlineData("country", "×0.6", -0.4)]
    [InlineData("identifier", "max(0.41, 0.95)", 1)]
    [InlineData("weakAlias", "capped at 0.69", -1)]
    public void An_effect_reads_as_a_signed_size(string qualifier, string effect, double delta)
    {
        Assert.Equal(delta, Qualifiers.Delta(new QualifierEffect(qualifier, null, null, "finding", effect)), 10);
    }

    [Theory]
    [InlineData("Tadjikistan")]
    [InlineData("Republic of Tajikistan")]
    [InlineData("Таджикистан")]
    [InlineData("Tajik")]
    [InlineData("TJK")]
    public void Khalimov_screened_with_any_spelling_of_Tajikistan_scores_as_with_TJ_and_alerts(string country)
    {
        var withCode = Screen(KhalimovSpelling, "tj");
        var withName = Screen(KhalimovSpelling, country);
        var without = Screen(KhalimovSpelling, null);
        Assert.True(withCode.Score > without.Score, $"TJ {withCode.Score}, no country {without.Score}");
        Assert.Equal(withCode.Score, withName.Score);
        Assert.True(withName.Match, $"{country}: {withName.Score}");
        Assert.Contains(withName.Explanation.Qualifiers, q => q is { Qualifier: Qualifiers.Country, Finding: "listed country" });
        Assert.Empty(withName.Explanation.Ignored);
    }

    [Fact]
    public void An_unknown_country_scores_as_no_country_and_the_explanation_names_it()
    {
        var without = Screen(KhalimovSpelling, null);
        var atlantis = Screen(KhalimovSpelling, "Atlantis");
        Assert.Equal(without.Score, atlantis.Score);
        Assert.Equal(without.Match, atlantis.Match);
        Assert.DoesNotContain(atlantis.Explanation.Qualifiers, q => q.Qualifier == Qualifiers.Country);
        var note = Assert.Single(atlantis.Explanation.Ignored);
        Assert.Equal(new IgnoredValue(QualifierKind.Country, Listed: false, "Atlantis", note.Reason), note);
        Assert.Contains("ignored", note.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_date_of_birth_Vigil_cannot_read_scores_as_none_and_the_explanation_names_it()
    {
        var without = Screen(KhalimovSpelling, null);
        var unread = Top(new ScreeningQuery(KhalimovSpelling, PartyKind.Person, BirthDate: "sometime in May"));
        Assert.Equal(without.Score, unread.Score);
        var note = Assert.Single(unread.Explanation.Ignored);
        Assert.Equal((QualifierKind.BirthDate, false, "sometime in May"), (note.Qualifier, note.Listed, note.Value));
    }

    [Fact]
    public void An_identifier_without_letters_or_digits_scores_as_none_and_the_explanation_names_it()
    {
        var without = Screen(KhalimovSpelling, null);
        var unread = Top(new ScreeningQuery(KhalimovSpelling, PartyKind.Person, Identifier: "--/--"));
        Assert.Equal(without.Score, unread.Score);
        Assert.Equal(QualifierKind.Identifier, Assert.Single(unread.Explanation.Ignored).Qualifier);
    }

    [Fact]
    public void An_ignored_value_reaches_the_JSON_explanation_by_name()
    {
        var json = JsonSerializer.Serialize(Screen(KhalimovSpelling, "Atlantis").Explanation, ExplanationJson.Options);
        Assert.Contains("\"ignored\":[{\"qualifier\":\"country\",\"listed\":false,\"value\":\"Atlantis\",", json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_listed_country_Vigil_cannot_read_keeps_a_different_query_country_from_counting_against_the_match()
    {
        var name = NameComparison.Empty("q", "c") with { Score = 0.8 };
        var read = new ScreeningSubject("s", PartyKind.Person, [new SubjectName("c")], [], ["ru"], []);
        var partlyUnread = read with { UnreadCountries = ["Tadzhik SSR"] };
        var query = new ScreeningQuery("q", PartyKind.Person, Country: "Tajikistan");

        var contradicted = ScreeningIndex.Qualify(query, read, name, read.Names[0], identifierHit: false, new MatchOptions());
        var notHeld = ScreeningIndex.Qualify(query, partlyUnread, name, partlyUnread.Names[0], identifierHit: false, new MatchOptions());

        Assert.Equal(Math.Round(0.8 * MatchDefaults.CountryConflictFactor, 4), contradicted.Score);
        Assert.Equal(0.8, notHeld.Score);
        var note = Assert.Single(notHeld.Explanation.Ignored);
        Assert.Equal((QualifierKind.Country, true, "Tadzhik SSR"), (note.Qualifier, note.Listed, note.Value));
    }

    [Fact]
    public void A_list_country_value_Vigil_cannot_read_is_kept_on_the_subject_not_dropped()
    {
        // The UK list writes "Belrus" once: a misspelling Vigil does not guess at, kept so it is not taken as no country.
        var db = StoreFactory.NewSqliteSpec();
        try
        {
            var store = VigilStore.Open(db);
            store.Import(TestData.Path("uk/ConList.xlsx"), cancellationToken: TestContext.Current.CancellationToken);
            var subjects = ScreeningCorpus.Load(store).Index.Subjects;
            Assert.Contains(subjects, s => s.UnreadCountries.Contains("Belrus"));
            Assert.DoesNotContain(subjects, s => s.Countries.Any(c => c.Length != 2));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(db);
        }
    }

    private static readonly Gen<string> CountryTexts = Gen.OneOf(
        Gen.Elements("Atlantis", "Korea", "Congolese", "Narnia", "ZZ", "XX", "Soviet Union", "Tadjikistan", "TJ", "Nigerr", "Dominican"),
        ArbMap.Default.GeneratorFor<NonEmptyString>().Select(s => s.Get));

    [Property(MaxTest = 500)]
    public Property A_country_Vigil_cannot_read_never_changes_the_score() =>
        Prop.ForAll(CountryTexts.ToArbitrary(), Gen.Choose(30, 100).ToArbitrary(), (country, hundredths) =>
        {
            var name = NameComparison.Empty("q", "c") with { Score = hundredths / 100.0 };
            var subject = new ScreeningSubject("s", PartyKind.Person, [new SubjectName("c")], [], ["ru"], []);
            var given = ScreeningIndex.Qualify(new ScreeningQuery("q", Country: country), subject, name, subject.Names[0], identifierHit: false, new MatchOptions());
            var none = ScreeningIndex.Qualify(new ScreeningQuery("q"), subject, name, subject.Names[0], identifierHit: false, new MatchOptions());
            var read = CountryNames.ToCode(country) is not null || string.IsNullOrWhiteSpace(country);
            return (read || (given.Score == none.Score && given.Explanation.Ignored.Any(i => i.Qualifier == QualifierKind.Country)))
                .Label($"'{country}': {given.Score} against {none.Score}");
        });

    private static ScreeningHit Screen(string name, string? country) =>
        Top(new ScreeningQuery(name, PartyKind.Person, Country: BatchScreening.NormalizeCountry(country)));

    private static ScreeningHit Top(ScreeningQuery query)
    {
        var top = Un.Value.Screen(query, new MatchOptions())[0];
        Assert.Equal(Khalimov, top.Entity.Id);
        return top;
    }
}
