namespace Vigil.Core.Workflow;

/// <summary>An ad-hoc query's screening to record: the query's hash (<see cref="QueryHash"/>) and what it came to.</summary>
public sealed record AdHocScreening(string InputHash, SubjectScreening Screening)
{
    /// <summary>
    /// The hash an ad-hoc query is recorded with in place of a subject version: <see cref="SubjectInputHash"/> of its
    /// fields as screened (schema, names, dates, the country used or named, identifiers), so that the same query
    /// hashes alike whatever its case, spacing or order, and alike to a subject with the same fields.
    /// </summary>
    public static string QueryHash(string? schema, IReadOnlyList<string> names, IReadOnlyList<string> birthDates, string? country, IReadOnlyList<string> identifiers)
    {
        var code = country is null ? null : Model.Countries.ToCode(country);
        return SubjectInputHash.Compute(new SubjectFields(
            SubjectFields.SchemaName(schema) ?? SubjectFields.UnknownSchema,
            [.. names.Select(SubjectFields.CollapseSpaces)],
            birthDates,
            code is null ? [] : [code],
            country is not null && code is null ? [SubjectFields.CollapseSpaces(country)] : [],
            identifiers));
    }
}
