using System.CommandLine.Parsing;
using System.Globalization;
using Vigil.Core.Screening;
using Vigil.Core.Workflow;

namespace Vigil.Cli;

/// <summary>
/// Parsers for option values that need more than a type: each refuses what it cannot read with a message naming the
/// option and the value in the user's terms, which the command line reports as a parse error (exit code 2).
/// </summary>
internal static class OptionValues
{
    /// <summary>A score between 0 and 1, such as a threshold.</summary>
    public static double? Score(ArgumentResult result)
    {
        var text = Text(result);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && Vigil.Matching.Screening.MatchOptions.IsScore(value))
        {
            return value;
        }
        result.AddError($"{Name(result)}: '{text}' is not a score between 0 and 1, such as 0.8");
        return null;
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static Func<ArgumentResult, int?> Count(int min, int max) => result =>
    {
        var text = Text(result);
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }
        result.AddError($"{Name(result)}: '{text}' is not a whole number from {min} to {max}");
        return null;
    };

    /// <summary>A snapshot id as <c>vigil lists</c> shows it: a positive whole number.</summary>
    public static long? SnapshotId(ArgumentResult result)
    {
        var text = Text(result);
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0)
        {
            return value;
        }
        result.AddError($"{Name(result)}: '{text}' is not a snapshot id (a positive number, as 'vigil lists' shows)");
        return null;
    }

    /// <summary>A duration such as 30m, 6h or 1d.</summary>
    public static TimeSpan? Duration(ArgumentResult result)
    {
        var text = Text(result);
        try
        {
            return ListFreshness.Duration(text);
        }
        catch (FormatException e)
        {
            result.AddError($"{Name(result)}: {e.Message}");
            return null;
        }
    }

    /// <summary>Text that must not be empty or blank.</summary>
    public static string? NonBlank(ArgumentResult result)
    {
        var text = Text(result);
        if (string.IsNullOrWhiteSpace(text))
        {
            result.AddError($"{Name(result)}: the value is empty");
            return null;
        }
        return text;
    }

    /// <summary>A value from a fixed set, compared without regard to case; the set's own spelling is returned.</summary>
    public static Func<ArgumentResult, string?> OneOf(IReadOnlyList<string> values) => result =>
    {
        var text = Text(result);
        if (values.FirstOrDefault(v => v.Equals(text.Trim(), StringComparison.OrdinalIgnoreCase)) is { } known)
        {
            return known;
        }
        result.AddError($"{Name(result)}: '{text}' is not one of {string.Join(", ", values)}");
        return null;
    };

    /// <summary>A member of an enum as the CLI spells it: <c>false-positive</c> (or as stored, <c>false_positive</c>).</summary>
    public static T? Member<T>(ArgumentResult result) where T : struct, Enum
    {
        var text = Text(result).Trim();
        if (WorkflowNames.TryParse<T>(text, out var value))
        {
            return value;
        }
        result.AddError($"{Name(result)}: '{text}' is not one of {string.Join(", ", Enum.GetValues<T>().Select(Spelling))}");
        return null;
    }

    /// <summary>A date (2026-03-01) or a time with its offset (2026-03-01T12:00:00Z); a date alone is midnight UTC.</summary>
    public static DateTimeOffset? Time(ArgumentResult result)
    {
        var text = Text(result).Trim();
        if (DateTimeOffset.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var day))
        {
            return day;
        }
        if (text.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time;
        }
        result.AddError($"{Name(result)}: '{text}' is not a date such as 2027-03-01 (or 2027-03-01T12:00:00Z)");
        return null;
    }

    /// <summary>A positive whole number naming a row, such as an alert or decision id.</summary>
    public static long? Id(ArgumentResult result)
    {
        var text = Text(result);
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0)
        {
            return value;
        }
        result.AddError($"{Name(result)}: '{text}' is not an id (a positive whole number)");
        return null;
    }

    /// <summary>How the CLI spells an enum member: kebab case, as <c>false-positive</c>.</summary>
    public static string Spelling<T>(T value) where T : struct, Enum => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    private static string Text(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";

    private static string Name(ArgumentResult result) => result.Parent is OptionResult option ? option.Option.Name : result.Argument.Name;
}
