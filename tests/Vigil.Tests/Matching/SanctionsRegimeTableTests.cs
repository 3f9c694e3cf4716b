using Vigil.Core.Merge;

namespace Vigil.Tests.Matching;

public class SanctionsRegimeTableTests
{
    [Theory]
    [InlineData("Al-Qaida", SanctionsRegime.Terrorism)]
    [InlineData("SDGT", SanctionsRegime.Terrorism)]
    [InlineData("1267/1989/2253 (ISIL (Da'esh) and Al-Qaida)", SanctionsRegime.Terrorism)]
    [InlineData("ISIL (Da'esh) and Al-Qaida", SanctionsRegime.Terrorism)]
    [InlineData("1718 (DPRK)", SanctionsRegime.Dprk)]
    [InlineData("Democratic People's Republic of Korea", SanctionsRegime.Dprk)]
    [InlineData("RUSSIA-EO14024", SanctionsRegime.Russia)]
    [InlineData("South Sudan", SanctionsRegime.SouthSudan)]
    [InlineData("SouthSudan", SanctionsRegime.SouthSudan)]
    [InlineData("1591 (Sudan)", SanctionsRegime.Sudan)]
    [InlineData("Central African Republic", SanctionsRegime.CentralAfricanRepublic)]
    [InlineData("Chemical Weapons", SanctionsRegime.None)]
    public void Each_list_s_name_for_a_regime_reads_as_that_regime(string program, SanctionsRegime expected) =>
        Assert.Equal(expected, SanctionsRegimeTable.Of(program));

    [Fact]
    public void Regimes_are_compatible_when_they_share_one_or_one_side_is_unknown()
    {
        Assert.True(SanctionsRegimeTable.Compatible(SanctionsRegime.Iran | SanctionsRegime.Dprk, SanctionsRegime.Dprk));
        Assert.True(SanctionsRegimeTable.Compatible(SanctionsRegime.None, SanctionsRegime.Terrorism));
        Assert.False(SanctionsRegimeTable.Compatible(SanctionsRegime.Iran, SanctionsRegime.Terrorism));
    }
}
