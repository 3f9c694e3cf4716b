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
    /// A cell a spreadsheet would run as a formula with a leading apostrophe, as OWASP recommends; any other cell as it
    /// is. A formula starts with = + - @, tab or carriage return, or their full-width forms (＝ ＋ － ＠, which
    /// spreadsheets with East Asian input read as the ASCII ones), also after leading spaces, which spreadsheets skip.
    /// A plain number such as <c>-1</c> or <c>+44</c> is data a spreadsheet reads as a number, not a formula: it stays.
    /// </summary>
    public static string Neutralise(string value)
    {
        var first = value.AsSpan().TrimStart(" \u3000");
        if (first.Length == 0 || first[0] is not ('=' or '+' or '-' or '@' or '\t' or '\r' or '\uFF1D' or '\uFF0B' or '\uFF0D' or '\uFF20'))
        {
            return value;
        }
        return first[0] is '-' or '+' && double.TryParse(first, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)
            ? value
            : "'" + value;
    }
}
