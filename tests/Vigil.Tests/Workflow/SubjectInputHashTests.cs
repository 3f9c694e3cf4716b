using Vigil.Core.Workflow;

namespace Vigil.Tests.Workflow;

public sealed class SubjectInputHashTests
{
    private static string Hash(SubjectInput input) => SubjectInputHash.Compute(SubjectFields.TryCreate(input, out var error) ?? throw new InvalidOperationException(error));

    [Fact]
    public void Case_spacing_punctuation_and_the_order_of_names_do_not_change_the_hash()
    {
        var baseline = Hash(new SubjectInput("r1", ["Gulmurod Khalimov", "Halimov Gulmurod"], "Person", ["1975-05-14"], ["Tajikistan"], ["AB 123-456"]));

        Assert.Equal(baseline, Hash(new SubjectInput("r1", ["  GULMUROD\u00a0 khalimov. ", "Halimov, Gulmurod"], "person", ["14.05.1975"], ["TJ"], ["ab123456"])));
        Assert.Equal(baseline, Hash(new SubjectInput("other reference", ["Halimov Gulmurod", "Gulmurod Khalimov"], "Person", ["14 May 1975"], ["TJK"], ["AB-123-456"])));
    }

    [Theory]
    [InlineData("Gulmurod Halimov", "1975-05-14", "TJ", "Person", "AB123456")]
    [InlineData("Gulmurod Khalimov", "1975-05-15", "TJ", "Person", "AB123456")]
    [InlineData("Gulmurod Khalimov", "1975-05-14", "DE", "Person", "AB123456")]
    [InlineData("Gulmurod Khalimov", "1975-05-14", "TJ", "Organization", "AB123456")]
    [InlineData("Gulmurod Khalimov", "1975-05-14", "TJ", "Person", "AB123457")]
    [InlineData("Гулмурод Халимов", "1975-05-14", "TJ", "Person", "AB123456")]
    public void Any_edit_that_can_change_a_screening_changes_the_hash(string name, string dob, string country, string schema, string id)
    {
        var baseline = Hash(new SubjectInput("r1", ["Gulmurod Khalimov"], "Person", ["1975-05-14"], ["TJ"], ["AB123456"]));
        Assert.NotEqual(baseline, Hash(new SubjectInput("r1", [name], schema, [dob], [country], [id])));
    }

    [Fact]
    public void An_unresolvable_country_is_kept_as_given_and_counts_in_the_hash()
    {
        var fields = SubjectFields.TryCreate(new SubjectInput("r1", ["Olga Petrova"], Countries: ["Atlantis", "Russia"]), out _)!;
        Assert.Equal(["ru"], fields.Countries);
        Assert.Equal(["Atlantis"], fields.UnresolvedCountries);
        Assert.NotEqual(SubjectInputHash.Compute(fields), Hash(new SubjectInput("r1", ["Olga Petrova"], Countries: ["Russia"])));
    }

    [Theory]
    [InlineData("", "name: empty name")]
    [InlineData("Banana", "schema: 'Banana' is not Person, Organization, Vessel or Aircraft")]
    public void An_input_that_cannot_be_screened_is_refused_with_the_field_at_fault(string schemaOrEmptyName, string expected)
    {
        var input = schemaOrEmptyName.Length == 0
            ? new SubjectInput("r1", ["  "])
            : new SubjectInput("r1", ["Olga Petrova"], schemaOrEmptyName);
        Assert.Null(SubjectFields.TryCreate(input, out var error));
        Assert.Equal(expected, error);
    }
}
