using Vigil.Matching.Screening;

namespace Vigil.Tests.Matching;

public class QualifiersTests
{
    [Theory]
    [InlineData("birthDate", "+0.08", 0.08)]
    [InlineData("country", "×0.6", -0.4)]
    [InlineData("identifier", "max(0.41, 0.95)", 1)]
    [InlineData("weakAlias", "capped at 0.69", -1)]
    public void An_effect_reads_as_a_signed_size(string qualifier, string effect, double delta)
    {
        Assert.Equal(delta, Qualifiers.Delta(new QualifierEffect(qualifier, null, null, "finding", effect)), 10);
    }
}
