using Vigil.Core.Model;
using Vigil.Core.Screening;
using Vigil.Matching;
using Vigil.Matching.Screening;
using Vigil.Server.Api;
using Vigil.Server.Hosting;

namespace Vigil.Server.Web;

/// <summary>The search form as the analyst filled it in, read back into a query or into messages naming what is wrong.</summary>
public sealed record SearchForm(string? Name, string? Dob, string? Country, string? Schema, string? Profile)
{
    /// <summary>The types the form offers; the value is what <see cref="NameMatcher.KindOf"/> reads.</summary>
    public static IReadOnlyList<string> Schemas { get; } = ["Person", "Organization", "Vessel", "Aircraft"];

    public static IReadOnlyList<string> Profiles { get; } = ["default", "kyc", "payments"];

    /// <summary>Whether the form was submitted at all; an empty first visit shows the form alone.</summary>
    public bool Submitted => Name is not null;

    /// <summary>The query and options, or null with every problem found (each names its field).</summary>
    public (ScreeningQuery? Query, MatchOptions Options) Read(List<FieldError> errors)
    {
        var name = Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors.Add(new("name", "Enter a name to screen."));
        }
        else if (name.Length > ServerDefaults.MaxQueryLength)
        {
            errors.Add(new("name", $"The name is longer than {ServerDefaults.MaxQueryLength} characters."));
        }
        var birthDate = ScreeningQueries.BirthDate(Dob, "Date of birth", out var dateError);
        if (dateError is not null)
        {
            errors.Add(new("dob", dateError));
        }
        string? country = null;
        if (!string.IsNullOrWhiteSpace(Country))
        {
            if (Countries.ToCode(Country) is null)
            {
                errors.Add(new("country", $"Country: '{Country.Trim()}' is not a country name or ISO code Vigil knows."));
            }
            country = BatchScreening.NormalizeCountry(Country);
        }
        if (!string.IsNullOrEmpty(Schema) && !Schemas.Contains(Schema, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add(new("schema", $"Type: '{Schema}' is not one of {string.Join(", ", Schemas)}."));
        }
        var options = new MatchOptions();
        try
        {
            options = MatchOptions.Profile(Profile);
        }
        catch (ArgumentException)
        {
            errors.Add(new("profile", $"Profile: '{Profile}' is not one of {string.Join(", ", Profiles)}."));
        }
        return errors.Count > 0
            ? (null, options)
            : (new ScreeningQuery(name, NameMatcher.KindOf(Schema), birthDate, country), options);
    }
}

/// <summary>A problem with one form field: the field's id (for <c>aria-describedby</c>) and a sentence saying what is wrong.</summary>
public sealed record FieldError(string Field, string Message);
