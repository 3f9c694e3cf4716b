using Vigil.Core.Screening;
using Vigil.Core.Storage;
using Vigil.Matching;
using Vigil.Matching.Screening;
using Vigil.Tests.Storage;

namespace Vigil.Tests.Matching;

/// <summary>The seed queries for Gulmurod Khalimov, against the UN list and OFAC's SDN list.</summary>
public class SeedQueryTests
{
    private static readonly Lazy<ScreeningCorpus> UnAndOfac = new(() =>
    {
        var store = VigilStore.Open(StoreFactory.NewSqliteSpec());
        store.Import(TestData.Path("un/consolidated.xml"));
        store.Import(TestData.Path("ofac/sdn-csv-2024-05-03/sdn.csv"));
        return ScreeningCorpus.Load(store);
    });

    [Theory]
    [InlineData("Gulmurod Khalimov", null)]
    [InlineData("KHALIMOV, Gulmurod", null)]
    [InlineData("Halimov Gulmurod", null)]
    [InlineData("Gulmurod Salimovich Khalimov", null)]
    [InlineData("Гулмурод Салимович Ҳалимов", null)]
    [InlineData("Гулмурод Халимов", null)]
    [InlineData("Gulmurod Halimov", null)]
    [InlineData("Gulmurod Khalimov", "1975-05-14")]
    [InlineData("Гулмурод Салимович Ҳалимов", "1975-05-14")]
    [InlineData("Gulmurod Halimov", "1975-05-14")]
    public void Khalimov_comes_first_from_both_lists(string name, string? dob)
    {
        var hits = UnAndOfac.Value.Screen(new ScreeningQuery(name, PartyKind.Person, dob), new MatchOptions());
        Assert.Equal("un-sc:QDi.372", hits[0].Entity.Id);
        Assert.Equal("us-ofac-sdn:18634", hits[1].Entity.Id);
        Assert.True(hits[0].Match && hits[1].Match, $"{name}: {hits[0].Score} / {hits[1].Score}");
        Assert.True(hits.Skip(2).All(h => h.Score < hits[1].Score), "nobody else ranks with Khalimov");
    }
}
