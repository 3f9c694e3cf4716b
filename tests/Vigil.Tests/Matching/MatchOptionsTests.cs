using Vigil.Matching.Screening;

namespace Vigil.Tests.Matching;

/// <summary>Screening options refuse a threshold or cutoff no score can be compared with, whoever builds them.</summary>
public class MatchOptionsTests
{
    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    public void A_threshold_or_cutoff_outside_0_to_1_is_refused_rather_than_hiding_every_match(double value)
    {
        Assert.False(MatchOptions.IsScore(value));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MatchOptions { Threshold = value });
        Assert.Throws<ArgumentOutOfRangeException>(() => new MatchOptions { Cutoff = value });
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.7)]
    [InlineData(1.0)]
    public void Scores_from_0_to_1_are_taken(double value)
    {
        Assert.Equal(value, new MatchOptions { Threshold = value, Cutoff = value }.Threshold);
    }
}
