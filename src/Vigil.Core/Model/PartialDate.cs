using System.Globalization;
using System.Text.RegularExpressions;

namespace Vigil.Core.Model;

/// <summary>
/// Dates as lists write them — exact, year-only, month-only, approximate, or a range — normalised to
/// EDTF (ISO 8601-2) text: <c>1975-05-14</c>, <c>1975-05</c>, <c>1975</c>, <c>1975~</c> (circa),
/// <c>1970/1975</c> (between). The text form sorts and compares as the lists intend and survives any store.
/// </summary>
public static partial class PartialDate
{
    private static readonly string[] MonthNames =
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    /// <summary>A date of known precision; month and day are 0 when unknown.</summary>
    public static string Format(int year, int month = 0, int day = 0, bool approximate = false)
    {
        var text = year.ToString("D4", CultureInfo.InvariantCulture);
        if (month is >= 1 and <= 12)
        {
            text += "-" + month.ToString("D2", CultureInfo.InvariantCulture);
            if (day is >= 1 and <= 31)
            {
                text += "-" + day.ToString("D2", CultureInfo.InvariantCulture);
            }
        }
        return approximate ? text + "~" : text;
    }

    /// <summary>A range between two dates that are themselves EDTF text.</summary>
    public static string Range(string from, string to) => from == to ? from : from + "/" + to;

    /// <summary>
    /// Parses the common ways lists write a date (ISO, dd/mm/yyyy with 00 for unknown parts, "14 May 1975",
    /// "May 1975", "circa 1975", "between 1970 and 1975", "1970 to 1975"); null when the text holds no date.
    /// </summary>
    public static string? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var t = text.Trim();
        var approximate = ApproximateWords().IsMatch(t);
        if (approximate)
        {
            t = ApproximateWords().Replace(t, " ").Trim();
        }

        // A single date is tried first: "14/05/1975" must not be read as a range split at its slashes.
        var single = ParseSingle(t, approximate);
        if (single is not null)
        {
            return single;
        }
        var between = Between().Match(t);
        if (between.Success)
        {
            var from = ParseSingle(between.Groups["a"].Value, approximate: false);
            var to = ParseSingle(between.Groups["b"].Value, approximate: false);
            return from is not null && to is not null ? Range(from, to) : null;
        }
        return null;
    }

    private static string? ParseSingle(string t, bool approximate)
    {
        t = t.Trim().TrimEnd('.', ',', ';');
        Match m;
        if ((m = Iso().Match(t)).Success)
        {
            return Build(m.Groups["y"].Value, m.Groups["m"].Value, m.Groups["d"].Value, approximate);
        }
        if ((m = DayMonthYear().Match(t)).Success)
        {
            return Build(m.Groups["y"].Value, m.Groups["m"].Value, m.Groups["d"].Value, approximate);
        }
        if ((m = DayMonthNameYear().Match(t)).Success)
        {
            var month = MonthNumber(m.Groups["mon"].Value);
            return month == 0 ? null : Build(m.Groups["y"].Value, month.ToString(CultureInfo.InvariantCulture), m.Groups["d"].Value, approximate);
        }
        if ((m = MonthNameDayYear().Match(t)).Success)
        {
            var month = MonthNumber(m.Groups["mon"].Value);
            return month == 0 ? null : Build(m.Groups["y"].Value, month.ToString(CultureInfo.InvariantCulture), m.Groups["d"].Value, approximate);
        }
        if ((m = YearOnly().Match(t)).Success)
        {
            return Build(m.Groups["y"].Value, "", "", approximate);
        }
        return null;
    }

    /// <summary>The year of an EDTF date or the first year of a range; null when absent.</summary>
    public static int? Year(string edtf) =>
        edtf.Length >= 4 && int.TryParse(edtf.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : null;

    private static string? Build(string year, string month, string day, bool approximate)
    {
        if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y < 1000 || y > 2999)
        {
            return null;
        }
        _ = int.TryParse(month, NumberStyles.None, CultureInfo.InvariantCulture, out var mo);
        _ = int.TryParse(day, NumberStyles.None, CultureInfo.InvariantCulture, out var d);
        if (mo is < 0 or > 12)
        {
            return null;
        }
        if (mo >= 1 && d >= 1 && d > DateTime.DaysInMonth(y, mo))
        {
            return null;
        }
        return Format(y, mo, mo == 0 ? 0 : d, approximate);
    }

    private static int MonthNumber(string name)
    {
        if (name.Length < 3)
        {
            return 0;
        }
        var prefix = name[..3].ToLowerInvariant();
        return Array.IndexOf(MonthNames, prefix) + 1;
    }

    [GeneratedRegex(@"\b(circa|approximately|approx\.?|about|around|ca\.|c\.)\s*", RegexOptions.IgnoreCase)]
    private static partial Regex ApproximateWords();

    [GeneratedRegex(@"^(?:between\s+)?(?<a>.+?)\s*(?:\band\b|\bto\b|/|–|—|-)\s*(?<b>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex Between();

    [GeneratedRegex(@"^(?<y>\d{4})(?:-(?<m>\d{1,2})(?:-(?<d>\d{1,2}))?)?(?:T.*)?$")]
    private static partial Regex Iso();

    [GeneratedRegex(@"^(?<d>\d{1,2})[/.\-](?<m>\d{1,2})[/.\-](?<y>\d{4})$")]
    private static partial Regex DayMonthYear();

    [GeneratedRegex(@"^(?:(?<d>\d{1,2})\s+)?(?<mon>[A-Za-z]{3,9})\.?,?\s+(?<y>\d{4})$")]
    private static partial Regex DayMonthNameYear();

    [GeneratedRegex(@"^(?<mon>[A-Za-z]{3,9})\.?\s+(?<d>\d{1,2}),?\s+(?<y>\d{4})$")]
    private static partial Regex MonthNameDayYear();

    [GeneratedRegex(@"^(?<y>\d{4})$")]
    private static partial Regex YearOnly();
}
