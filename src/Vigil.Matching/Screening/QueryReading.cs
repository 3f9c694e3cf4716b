using Vigil.Matching.Text;

namespace Vigil.Matching.Screening;

/// <summary>
/// A query's qualifiers as screening reads them, worked out once per search: the country as an ISO 3166 alpha-2
/// code, a date of birth it can compare, an identifier with letters or digits to compare. A value it cannot read is
/// left out, so it scores as if not given, and is named in every result's explanation.
/// </summary>
internal sealed record QueryReading(string? Country, string? BirthDate, string? Identifier, IReadOnlyList<IgnoredValue> Ignored)
{
    public static QueryReading Of(ScreeningQuery query)
    {
        List<IgnoredValue>? ignored = null;
        void Ignore(QualifierKind qualifier, string value, string reason) =>
            (ignored ??= []).Add(new IgnoredValue(qualifier, Listed: false, value.Trim(), reason));

        string? country = null;
        if (!string.IsNullOrWhiteSpace(query.Country))
        {
            country = CountryNames.ToCode(query.Country);
            if (country is null)
            {
                Ignore(QualifierKind.Country, query.Country, "names no country Vigil knows (or more than one): ignored, as if no country were given");
            }
        }
        string? birthDate = null;
        if (!string.IsNullOrWhiteSpace(query.BirthDate))
        {
            if (BirthDateComparer.CanRead(query.BirthDate))
            {
                birthDate = query.BirthDate;
            }
            else
            {
                Ignore(QualifierKind.BirthDate, query.BirthDate, "is not a date Vigil reads: ignored, as if no date of birth were given");
            }
        }
        string? identifier = null;
        if (!string.IsNullOrWhiteSpace(query.Identifier))
        {
            identifier = ScreeningIndex.NormalizeIdentifier(query.Identifier);
            if (identifier.Length == 0)
            {
                identifier = null;
                Ignore(QualifierKind.Identifier, query.Identifier, "has no letters or digits to compare: ignored, as if no identifier were given");
            }
        }
        return new QueryReading(country, birthDate, identifier, ignored ?? (IReadOnlyList<IgnoredValue>)[]);
    }
}
