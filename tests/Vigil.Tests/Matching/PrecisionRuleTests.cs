using Vigil.Matching;
using Vigil.Matching.Text;

namespace Vigil.Tests.Matching;

/// <summary>The shapes of false alert the hard-negative set found, each with the true match it must not cost.</summary>
public class PrecisionRuleTests
{
    private static double Score(string a, string b, PartyKind kind = PartyKind.Person) => NameMatcher.Compare(a, b, kind).Score;

    [Theory]
    [InlineData("Liu Yang", "Lu Yang")]
    [InlineData("Zhou Ming", "Zhao Ming")]
    [InlineData("Kim Min-jun", "Kim Min-jin")]
    [InlineData("Wang Wei", "Wang Wen")]
    public void Two_different_Chinese_or_Korean_syllables_are_two_names_not_a_typo(string query, string listed) =>
        Assert.True(Score(query, listed) < MatchDefaults.Threshold, $"{query} / {listed}: {Score(query, listed)}");

    [Theory]
    [InlineData("Zhang Wei", "Chang Wei")]
    [InlineData("Kim Jong Un", "Kim Jung Un")]
    [InlineData("Lin Feng", "Lim Feng")]
    [InlineData("Sun Li", "Son Li")]
    [InlineData("Lee Min Ho", "Yi Min Ho")]
    public void One_syllable_in_two_romanisations_still_alerts(string query, string listed) =>
        Assert.True(Score(query, listed) >= MatchDefaults.Threshold, $"{query} / {listed}: {Score(query, listed)}");

    [Fact]
    public void Syllables_differ_only_beyond_the_spellings_of_one_sound()
    {
        Assert.True(MandarinSyllables.AreDifferentSyllables("liu", "lu"));
        Assert.False(MandarinSyllables.AreDifferentSyllables("zhang", "chang"));
        Assert.False(MandarinSyllables.AreDifferentSyllables("chen", "chan"));
        Assert.False(MandarinSyllables.AreDifferentSyllables("xi", "shi"));
        Assert.False(MandarinSyllables.AreDifferentSyllables("mario", "dario"));
    }

    [Fact]
    public void A_one_word_alias_meeting_one_part_of_a_longer_query_does_not_alert()
    {
        Assert.True(Score("Karim AL-HASHIMI Abu Bakr", "Abu Bakr") < MatchDefaults.Threshold);
        Assert.True(Score("Tariq AL-RAWI", "Tariq") < MatchDefaults.Threshold);
        Assert.True(Score("Abu Bakr", "Abu Bakr") >= MatchDefaults.Threshold);
        Assert.True(Score("Tariq", "Tariq") >= MatchDefaults.Threshold);
        Assert.True(Score("AMIR SAYYID ABDULLAH", "AMIR ABDULLAH") >= MatchDefaults.Threshold);
        Assert.Equal(Score("Tariq AL-RAWI", "Tariq"), Score("Tariq", "Tariq AL-RAWI"));
    }
}
