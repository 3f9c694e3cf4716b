using Vigil.Core.Screening;
using Vigil.Matching.Text;
using Vigil.Tests.Sources;

namespace Vigil.Tests.Matching;

public class CountryNamesTests
{
    [Theory]
    [InlineData("Tajikistan")]
    [InlineData("Tadjikistan")]
    [InlineData("Republic of Tajikistan")]
    [InlineData("TJ")]
    [InlineData("tj")]
    [InlineData("TJK")]
    [InlineData("Tajik")]
    [InlineData("Tajikistani")]
    [InlineData("Таджикистан")]
    [InlineData("Тоҷикистон")]
    [InlineData("طاجيكستان")]
    [InlineData("  TADJIKISTAN ")]
    public void Every_usual_way_of_writing_Tajikistan_resolves_to_tj(string text)
    {
        Assert.Equal("tj", CountryNames.ToCode(text));
    }

    [Theory]
    [InlineData("Niger", "ne")]
    [InlineData("Nigeria", "ng")]
    [InlineData("Nigerien", "ne")]
    [InlineData("Nigerian", "ng")]
    [InlineData("Dominica", "dm")]
    [InlineData("Dominican Republic", "do")]
    [InlineData("Guinea", "gn")]
    [InlineData("Republic of Guinea", "gn")]
    [InlineData("Guinea-Bissau", "gw")]
    [InlineData("Guinea Bissau", "gw")]
    [InlineData("Equatorial Guinea", "gq")]
    [InlineData("Guinea, Equatorial", "gq")]
    [InlineData("Papua New Guinea", "pg")]
    [InlineData("Congo", "cg")]
    [InlineData("Republic of the Congo", "cg")]
    [InlineData("Congo, Republic of the", "cg")]
    [InlineData("Congo (Brazzaville)", "cg")]
    [InlineData("DR Congo", "cd")]
    [InlineData("Democratic Republic of the Congo", "cd")]
    [InlineData("Congo, Democratic Republic of the", "cd")]
    [InlineData("CONGO, Democratic Republic of (was Zaire)", "cd")]
    [InlineData("Congo (Democratic Republic)", "cd")]
    [InlineData("Congo (Kinshasa)", "cd")]
    [InlineData("Sudan", "sd")]
    [InlineData("Republic of the Sudan", "sd")]
    [InlineData("South Sudan", "ss")]
    [InlineData("Republic of South Sudan", "ss")]
    [InlineData("North Korea", "kp")]
    [InlineData("Korea, Democratic People's Republic of", "kp")]
    [InlineData("KOREA, DEMOCRATIC PEOPLE'S REPUBLIC OF", "kp")]
    [InlineData("South Korea", "kr")]
    [InlineData("Korea, Republic of", "kr")]
    [InlineData("Republic of Korea", "kr")]
    [InlineData("Iran (Islamic Republic of)", "ir")]
    [InlineData("Austria", "at")]
    [InlineData("Australia", "au")]
    [InlineData("Slovakia", "sk")]
    [InlineData("Slovenia", "si")]
    [InlineData("Samoa", "ws")]
    [InlineData("American Samoa", "as")]
    [InlineData("Côte d’Ivoire", "ci")]
    [InlineData("Cote d'Ivoire", "ci")]
    [InlineData("St. Kitts and Nevis", "kn")]
    [InlineData("Region: Gaza", "ps")]
    [InlineData("Iraq (previous address)", "iq")]
    [InlineData("Russian Federation (as at November 2010)", "ru")]
    public void Countries_one_step_apart_in_name_stay_apart(string text, string code)
    {
        Assert.Equal(code, CountryNames.ToCode(text));
    }

    [Theory]
    [InlineData("Atlantis")]
    [InlineData("Korea")]
    [InlineData("Korean")]
    [InlineData("Congolese")]
    [InlineData("Dominican")]
    [InlineData("Nigerr")]
    [InlineData("Democratic Republic of Korea")]
    [InlineData("Union of Soviet Socialist Republics")]
    [InlineData("Region: Northern Mali")]
    [InlineData("ZZ")]
    [InlineData("")]
    public void Text_that_names_no_single_country_resolves_to_nothing(string text)
    {
        Assert.Null(CountryNames.ToCode(text));
    }

    [Fact]
    public void No_two_countries_share_a_code_or_English_name_or_alias()
    {
        // Every first-tier name (alpha-2 and alpha-3 codes, CLDR's English names, Vigil's aliases and demonyms)
        // resolves to its own country: a name two countries claimed would resolve to neither and fail here.
        var names = CountryNames.FirstTierNames().ToList();
        Assert.True(names.Select(n => n.Code).Distinct().Count() >= 249, "every ISO 3166 country");
        var wrong = names.Where(n => CountryNames.ToCode(n.Name) != n.Code).Select(n => $"{n.Name} → {CountryNames.ToCode(n.Name) ?? "nothing"}, not {n.Code}").ToList();
        Assert.Empty(wrong);
    }

    [Fact]
    public void A_resolved_code_resolves_to_itself()
    {
        foreach (var (code, name) in CountryNames.FirstTierNames())
        {
            Assert.Equal(code, CountryNames.ToCode(CountryNames.ToCode(name)));
            Assert.Equal(code, CountryNames.ToCode(code.ToUpperInvariant()));
        }
    }

    [Fact]
    public void The_names_marked_ambiguous_resolve_to_nothing()
    {
        Assert.All(CountryNames.AmbiguousNames(), name => Assert.Null(CountryNames.ToCode(name)));
    }

    [Theory]
    [InlineData("Russian and Ukrainian", new[] { "ru", "ua" })]
    [InlineData("Estonia, Russia", new[] { "ee", "ru" })]
    [InlineData("Turkish/Jordanian", new[] { "tr", "jo" })]
    [InlineData("Moldovan, Russian and Ukrainian", new[] { "md", "ru", "ua" })]
    [InlineData("Trinidad and Tobago", new[] { "tt" })]
    [InlineData("Bosnia and Herzegovina", new[] { "ba" })]
    [InlineData("Russian and Atlantean", new string[0])]
    public void A_list_value_naming_several_countries_gives_each_and_one_naming_an_unknown_gives_none(string text, string[] codes)
    {
        Assert.Equal(codes, CountryNames.ToCodes(text));
    }

    [Fact]
    public void Nearly_every_country_value_of_the_shared_lists_resolves()
    {
        string[] lists =
        [
            "un/consolidated.xml", "ofac/sdn-csv-2024-05-03/sdn.csv", "uk/ConList.xlsx", "australia/regulation8_consolidated.xlsx",
            "eu/fsf-1_1-2022-03-18-TRUNCATED-first1044.xml", "other/us-bis-dpl/dpl.txt",
        ];
        var values = lists.SelectMany(l => ParsedList.Read(TestData.Path(l)).Records)
            .SelectMany(r => r.Statements)
            .Where(s => ScreeningCorpus.CountryProperties.Contains(s.Property))
            .Select(s => s.Value)
            .ToList();
        var unresolved = values.Where(v => CountryNames.ToCodes(v).Count == 0).ToList();
        // What is left is text that names no single country ("Congolese", "undetermined", "USSR (until 1991)") or a typo.
        Assert.True(unresolved.Count * 100 < values.Count, $"{unresolved.Count} of {values.Count} unresolved: {string.Join("; ", unresolved.Distinct().Take(40))}");
        Assert.Equal("ru", CountryNames.ToCode("Russian"));
        Assert.Equal("ps", CountryNames.ToCode("Palestinian"));
        Assert.Equal("vg", CountryNames.ToCode("Virgin Islands, British"));
    }
}
