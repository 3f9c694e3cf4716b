using System.Globalization;

namespace Vigil.Matching.Screening;

/// <summary>How a query's date of birth relates to a listed one.</summary>
public enum BirthDateRelation
{
    /// <summary>Nothing to compare: one side gives no date.</summary>
    Unknown,

    /// <summary>The same day.</summary>
    Exact,

    /// <summary>Consistent to the precision both give (same year, or same year and month).</summary>
    SameYear,

    /// <summary>Within a year of an approximate date, or inside a stated range.</summary>
    Near,

    /// <summary>Incompatible: different days of a known date, or years apart.</summary>
    Conflict,
}

/// <summary>Compares dates of birth written as EDTF text (<c>1975-05-14</c>, <c>1975-05</c>, <c>1975</c>, <c>1975~</c>, <c>1970/1975</c>).</summary>
public static class BirthDateComparer
{
    /// <summary>The closest relation between the query date and any of the listed dates (lists often give several).</summary>
    public static (BirthDateRelation Relation, string? Listed) Best(string? query, IReadOnlyList<string> listed)
    {
        if (string.IsNullOrWhiteSpace(query) || listed.Count == 0 || Parse(query) is not { } q)
        {
            return (BirthDateRelation.Unknown, null);
        }
        var best = (Relation: BirthDateRelation.Unknown, Listed: (string?)null);
        foreach (var text in listed)
        {
            if (Parse(text) is not { } l)
            {
                continue;
            }
            var relation = Compare(q, l);
            if (best.Relation == BirthDateRelation.Unknown || Rank(relation) < Rank(best.Relation))
            {
                best = (relation, text);
            }
        }
        return best;
    }

    /// <summary>True when the text is a date the comparer reads (EDTF: a day, month or year, approximate or a range).</summary>
    public static bool CanRead(string text) => Parse(text) is not null;

    private static int Rank(BirthDateRelation r) => r switch
    {
        BirthDateRelation.Exact => 0,
        BirthDateRelation.SameYear => 1,
        BirthDateRelation.Near => 2,
        BirthDateRelation.Conflict => 3,
        _ => 4,
    };

    private static BirthDateRelation Compare(DateSpan q, DateSpan l)
    {
        if (q.Approximate || l.Approximate || q.FromYear != q.ToYear || l.FromYear != l.ToYear)
        {
            var slack = q.Approximate || l.Approximate ? 1 : 0;
            return q.FromYear - slack <= l.ToYear && l.FromYear - slack <= q.ToYear ? BirthDateRelation.Near : BirthDateRelation.Conflict;
        }
        if (q.FromYear != l.FromYear)
        {
            return BirthDateRelation.Conflict;
        }
        if (q.Month == 0 || l.Month == 0)
        {
            return BirthDateRelation.SameYear;
        }
        if (q.Month != l.Month)
        {
            // Day and month are swapped often enough (US vs European order) that a swap is near, not a conflict.
            return q.Day == l.Month && q.Month == l.Day ? BirthDateRelation.Near : BirthDateRelation.Conflict;
        }
        if (q.Day == 0 || l.Day == 0)
        {
            return BirthDateRelation.SameYear;
        }
        return q.Day == l.Day ? BirthDateRelation.Exact : BirthDateRelation.Conflict;
    }

    private readonly record struct DateSpan(int FromYear, int ToYear, int Month, int Day, bool Approximate);

    private static DateSpan? Parse(string text)
    {
        text = text.Trim();
        var approximate = text.EndsWith('~') || text.EndsWith('?');
        text = text.TrimEnd('~', '?');
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0)
        {
            var from = Parse(text[..slash]);
            var to = Parse(text[(slash + 1)..]);
            return from is { } f && to is { } t ? new DateSpan(f.FromYear, t.ToYear, 0, 0, approximate) : null;
        }
        var parts = text.Split('-');
        if (parts.Length == 0 || parts[0].Length != 4 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            return null;
        }
        var month = parts.Length > 1 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : 0;
        var day = parts.Length > 2 && int.TryParse(parts[2].AsSpan(0, Math.Min(2, parts[2].Length)), NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : 0;
        return new DateSpan(year, year, month, day, approximate);
    }
}
