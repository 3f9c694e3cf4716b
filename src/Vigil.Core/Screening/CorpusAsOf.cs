using System.Globalization;

namespace Vigil.Core.Screening;

/// <summary>
/// What a corpus rebuilt as of a past time used: the time (each source's latest snapshot imported at or before it, the
/// cross-list links in force then), and the sources the store holds that had not been imported by then.
/// </summary>
public sealed record CorpusAsOf(DateTimeOffset At, IReadOnlyList<string> NotYetImported)
{
    /// <summary>
    /// A point in time as a user gives it: a date means the end of that day in UTC (everything imported that day
    /// counts); a date and time is read as given, in UTC when it names no zone. Null for anything else.
    /// </summary>
    public static DateTimeOffset? ParseTime(string? text)
    {
        text = text?.Trim();
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            // The store keeps times to the millisecond: the day's last one.
            return new DateTimeOffset(day.ToDateTime(TimeOnly.MaxValue), TimeSpan.Zero).AddTicks(-(TimeSpan.TicksPerMillisecond - 1));
        }
        return text is { Length: > 10 } && text[10] is 'T' or ' '
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;
    }
}
