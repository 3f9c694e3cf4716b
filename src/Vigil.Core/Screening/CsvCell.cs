namespace Vigil.Core.Screening;

/// <summary>Writes CSV cells safely: quoted when needed, and neutralised against formula injection in spreadsheets.</summary>
public static class CsvCell
{
    /// <summary>
    /// A cell a spreadsheet would run as a formula gets a leading apostrophe (see <see cref="Neutralise"/>); then the
    /// cell is quoted if it holds a comma, quote or line break.
    /// </summary>
    public static string Write(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        value = Neutralise(value);
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>
    /// A cell a spreadsheet would run as a formula (starting with = + - @, tab or carriage return, also after leading
    /// spaces, which spreadsheets skip) with a leading apostrophe, as OWASP recommends; any other cell as it is.
    /// </summary>
    public static string Neutralise(string value)
    {
        var first = value.AsSpan().TrimStart(' ');
        return first.Length > 0 && first[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
    }
}
