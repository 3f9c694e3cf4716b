using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Vigil.Core.Workflow;

/// <summary>
/// <c>subject_input_hash</c>: SHA-256 (lower-case hex) of the canonical JSON of a subject's screened fields, each
/// normalised so that an edit of case, spacing or punctuation gives the same hash while any edit that can change a
/// screening gives another. Only a changed hash re-screens a subject.
/// </summary>
public static class SubjectInputHash
{
    public static string Compute(SubjectFields fields) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalJson(fields))));

    /// <summary>
    /// Keys in a fixed (alphabetical) order, every list normalised, de-duplicated and sorted ordinally: the order in
    /// which a file lists aliases is not a change.
    /// </summary>
    public static string CanonicalJson(SubjectFields fields)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            Array(writer, "birthDates", fields.BirthDates);
            Array(writer, "countries", fields.Countries);
            Array(writer, "identifiers", fields.Identifiers.Select(Identifier));
            Array(writer, "names", fields.Names.Select(Name));
            writer.WriteString("schema", fields.Schema);
            Array(writer, "unresolvedCountries", fields.UnresolvedCountries.Select(Name));
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>A name as the hash sees it: compatibility-normalised, lower case, punctuation and symbols read as spaces, spaces collapsed.</summary>
    public static string Name(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormKC).ToLower(CultureInfo.InvariantCulture))
        {
            builder.Append(char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark ? c : ' ');
        }
        return SubjectFields.CollapseSpaces(builder.ToString());
    }

    /// <summary>An identifier as the hash sees it: its letters and digits only, upper case ("AB 123-456" is "AB123456").</summary>
    public static string Identifier(string identifier) =>
        string.Concat(identifier.Normalize(NormalizationForm.FormKC).Where(char.IsLetterOrDigit)).ToUpperInvariant();

    private static void Array(Utf8JsonWriter writer, string property, IEnumerable<string> values)
    {
        writer.WriteStartArray(property);
        foreach (var value in values.Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            writer.WriteStringValue(value);
        }
        writer.WriteEndArray();
    }
}
