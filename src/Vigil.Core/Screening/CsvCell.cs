namespace Vigil.Core.Screening;

/// <summary>Writes CSV cells safely: quoted when needed, and neutralised against formula injection in spreadsheets.</summary>
public static class CsvCell
{
    /// <summary>
    /// A cell a spreadsheet would run as a formula (starting with = + - @, tab or carriage return) gets a leading
    /// apostrophe, as OWASP recommends; then the cell is quoted if it holds a comma, quote or line break.
    /// </summary>
    public static string Write(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
