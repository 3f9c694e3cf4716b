using System.Globalization;

namespace Vigil.Server.Hosting;

/// <summary>The values the API and the pages both read from a query string; each caller words its own error.</summary>
internal static class RequestValues
{
    /// <summary>An <c>as_of</c> date as YYYY-MM-DD; absent is null, unreadable is false.</summary>
    public static bool TryDate(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            date = d;
            return true;
        }
        return false;
    }

    /// <summary>A snapshot id (a positive whole number); absent is null, unreadable is false.</summary>
    public static bool TrySnapshotId(string? text, out long? id)
    {
        id = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0)
        {
            id = value;
            return true;
        }
        return false;
    }

    /// <summary>The name of a <c>threshold</c> or <c>cutoff</c> parameter given where none is taken, or null.</summary>
    public static string? UntakenScoreParameter(IQueryCollection query) =>
        query.ContainsKey("threshold") ? "threshold" : query.ContainsKey("cutoff") ? "cutoff" : null;
}
