using System.Text;
using System.Text.Json.Serialization;
using Vigil.Core.Model;
using Vigil.Matching;

namespace Vigil.Core.Workflow;

/// <summary>
/// A subject's screened fields, checked and normalised: names trimmed with their spacing collapsed, dates as EDTF,
/// countries as lower-case ISO alpha-2 codes. A country Vigil cannot resolve is kept as written in
/// <see cref="UnresolvedCountries"/> (and said so), never dropped.
/// </summary>
/// <param name="Schema">Person, Organization, Vessel, Aircraft, or LegalEntity when not known.</param>
public sealed record SubjectFields(
    string Schema,
    IReadOnlyList<string> Names,
    IReadOnlyList<string> BirthDates,
    IReadOnlyList<string> Countries,
    IReadOnlyList<string> UnresolvedCountries,
    IReadOnlyList<string> Identifiers)
{
    public const int MaxReferenceLength = 200;
    public const int MaxNames = 20;
    public const int MaxNameLength = 500;

    /// <summary>Most birth dates, countries or identifiers one subject may carry: each is screened with each name.</summary>
    public const int MaxValues = 5;

    /// <summary>The schema written when the input gives none.</summary>
    public const string UnknownSchema = "LegalEntity";

    [JsonIgnore]
    // LegalEntity (a person or an organisation) must not read as an organisation, as yente's schema names would.
    public PartyKind Kind => Schema == UnknownSchema ? PartyKind.Unknown : NameMatcher.KindOf(Schema);

    /// <summary>The normalised fields, or null with the reason in the user's terms (naming the field at fault).</summary>
    public static SubjectFields? TryCreate(SubjectInput input, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(input.Reference))
        {
            error = "id: empty reference";
            return null;
        }
        if (input.Reference.Trim().Length > MaxReferenceLength)
        {
            error = $"id: longer than {MaxReferenceLength} characters";
            return null;
        }
        var names = Distinct(input.Names.Select(CollapseSpaces));
        if (names.Count == 0)
        {
            error = "name: empty name";
            return null;
        }
        if (names.Count > MaxNames || names.Any(n => n.Length > MaxNameLength))
        {
            error = $"name: at most {MaxNames} names of at most {MaxNameLength} characters";
            return null;
        }
        var schema = SchemaName(input.Schema);
        if (schema is null)
        {
            error = $"schema: '{input.Schema}' is not Person, Organization, Vessel or Aircraft";
            return null;
        }
        var dates = new List<string>();
        foreach (var text in NonEmpty(input.BirthDates))
        {
            if (PartialDate.Parse(text) is not { } date)
            {
                error = $"dob: '{text}' is not a date (use 1975-05-14, 14.05.1975, 1975-05 or 1975)";
                return null;
            }
            dates.Add(date);
        }
        var countries = new List<string>();
        var unresolved = new List<string>();
        foreach (var text in NonEmpty(input.Countries))
        {
            if (Model.Countries.ToCode(text) is { } code)
            {
                countries.Add(code);
            }
            else
            {
                unresolved.Add(CollapseSpaces(text));
            }
        }
        var identifiers = Distinct(NonEmpty(input.Identifiers).Select(CollapseSpaces));
        if (identifiers.FirstOrDefault(i => !i.Any(char.IsLetterOrDigit)) is { } bad)
        {
            error = $"identifier: '{bad}' holds no letter or digit";
            return null;
        }
        var fields = new SubjectFields(schema, names, Distinct(dates), Distinct(countries), Distinct(unresolved), identifiers);
        if (fields.BirthDates.Count > MaxValues || fields.Countries.Count + fields.UnresolvedCountries.Count > MaxValues || fields.Identifiers.Count > MaxValues)
        {
            error = $"at most {MaxValues} birth dates, {MaxValues} countries and {MaxValues} identifiers";
            return null;
        }
        return fields;
    }

    /// <summary>The schema's canonical name; null when the text names none Vigil screens.</summary>
    public static string? SchemaName(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return UnknownSchema;
        }
        return NameMatcher.KindOf(text) switch
        {
            PartyKind.Person => "Person",
            PartyKind.Organization => "Organization",
            PartyKind.Vessel => "Vessel",
            PartyKind.Aircraft => "Aircraft",
            _ => text.Trim().Equals(UnknownSchema, StringComparison.OrdinalIgnoreCase) || text.Trim().Equals("Thing", StringComparison.OrdinalIgnoreCase)
                ? UnknownSchema
                : null,
        };
    }

    /// <summary>Trimmed, with every run of white space (including non-breaking and ideographic spaces) made one space.</summary>
    public static string CollapseSpaces(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.Trim())
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = true;
                continue;
            }
            if (space && builder.Length > 0)
            {
                builder.Append(' ');
            }
            space = false;
            builder.Append(c);
        }
        return builder.ToString();
    }

    private static IEnumerable<string> NonEmpty(IReadOnlyList<string>? values) =>
        (values ?? []).Where(v => !string.IsNullOrWhiteSpace(v));

    private static List<string> Distinct(IEnumerable<string> values) =>
        values.Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList();
}
