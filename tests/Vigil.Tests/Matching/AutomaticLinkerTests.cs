using Vigil.Core.Merge;
using Vigil.Matching;

namespace Vigil.Tests.Matching;

public class AutomaticLinkerTests
{
    private static LinkableRecord Company(string id, string name, SanctionsRegime regimes, params string[] identifiers) =>
        new(id, id.Split(':')[0], name, PartyKind.Organization, [name], [], [], identifiers, [], regimes);

    private static LinkableRecord Person(string id, string name, string birthDate) =>
        new(id, id.Split(':')[0], name, PartyKind.Person, [name], [birthDate], birthDate.Length == 10 ? [birthDate] : [], [], [], SanctionsRegime.None);

    [Fact]
    public void Two_companies_of_the_same_name_with_legal_forms_written_differently_under_one_regime_are_linked()
    {
        var un = Company("un-sc:KPe.900", "Ryonbong Trading OOO", SanctionsRegime.Dprk);
        var ofac = Company("us-ofac-sdn:900", "RYONBONG TRADING LIMITED LIABILITY COMPANY", SanctionsRegime.Dprk | SanctionsRegime.Iran);

        var link = Assert.Single(AutomaticLinker.Find([un, ofac], cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(("un-sc:KPe.900", "us-ofac-sdn:900"), (link.Left, link.Right));
        Assert.Contains("same normalised name, regime dprk", link.Evidence);
    }

    [Fact]
    public void Two_companies_of_the_same_name_listed_under_different_regimes_are_not_presumed_one()
    {
        var iran = Company("un-sc:IRe.900", "Tabarak Investment Company", SanctionsRegime.Iran);
        var terror = Company("us-ofac-sdn:901", "TABARAK INVESTMENT COMPANY", SanctionsRegime.Terrorism);

        Assert.Empty(AutomaticLinker.Find([iran, terror], cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public void A_company_name_of_nothing_but_generic_words_and_a_legal_form_links_nothing()
    {
        var a = Company("un-sc:QDe.900", "International Trading Company Ltd", SanctionsRegime.Terrorism);
        var b = Company("us-ofac-sdn:902", "INTERNATIONAL TRADING COMPANY LIMITED", SanctionsRegime.Terrorism);

        Assert.Empty(AutomaticLinker.Find([a, b], cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public void People_need_a_full_birth_date_or_an_identifier_besides_the_name()
    {
        var un = Person("un-sc:QDi.900", "Gulmurod Khalimov", "1975-05-14");
        var sameDay = Person("au-dfat:900", "Gulmurod Halimov", "1975-05-14");
        var sameYear = Person("gb-hmt:900", "Gulmurod Khalimov", "1975");

        var links = AutomaticLinker.Find([un, sameDay, sameYear], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal([("au-dfat:900", "un-sc:QDi.900")], links.Select(l => (l.Left, l.Right)));
    }

    [Fact]
    public void An_incremental_pass_pairs_only_the_records_it_is_given_with_the_others()
    {
        var un = Person("un-sc:QDi.900", "Gulmurod Khalimov", "1975-05-14");
        var australia = Person("au-dfat:900", "Gulmurod Halimov", "1975-05-14");
        var uk = Person("gb-hmt:900", "KHALIMOV, Gulmurod", "1975-05-14");

        var links = AutomaticLinker.Find([un, australia, uk], new HashSet<string> { "gb-hmt:900" }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal([("au-dfat:900", "gb-hmt:900"), ("gb-hmt:900", "un-sc:QDi.900")], links.Select(l => (l.Left, l.Right)));
    }
}
