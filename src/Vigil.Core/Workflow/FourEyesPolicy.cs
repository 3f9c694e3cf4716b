using System.Globalization;

namespace Vigil.Core.Workflow;

/// <summary>
/// Which decisions a second person must approve before they count. By default (../shared/WORKFLOW.md): confirming a
/// true match, which may end a customer relationship, and clearing a false positive that scored at or above 0.95,
/// which the matcher was nearly sure of.
/// </summary>
public sealed record FourEyesPolicy(bool ConfirmTrueMatch, double? ClearAtOrAbove)
{
    public static FourEyesPolicy Default { get; } = new(true, 0.95);

    /// <summary>Every decision counts at once: a team of one, or a test of the single-analyst flow.</summary>
    public static FourEyesPolicy Off { get; } = new(false, null);

    public bool NeedsApproval(DecisionOutcome outcome, double score) => outcome switch
    {
        DecisionOutcome.TrueMatch => ConfirmTrueMatch,
        DecisionOutcome.FalsePositive => ClearAtOrAbove is { } at && score >= at,
        _ => false,
    };

    /// <summary>
    /// Reads the policy as an option gives it: <c>default</c>, <c>off</c>, or <c>true-match</c> and/or
    /// <c>clear-above=0.9</c>, comma-separated. Null, with the problem, when it cannot be read.
    /// </summary>
    public static FourEyesPolicy? Parse(string text, out string? problem)
    {
        problem = null;
        switch (text.Trim().ToLowerInvariant())
        {
            case "default":
                return Default;
            case "off":
                return Off;
        }
        var confirm = false;
        double? clear = null;
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.Equals("true-match", StringComparison.OrdinalIgnoreCase))
            {
                confirm = true;
            }
            else if (part.StartsWith("clear-above=", StringComparison.OrdinalIgnoreCase)
                && double.TryParse(part["clear-above=".Length..], NumberStyles.Float, CultureInfo.InvariantCulture, out var at) && at is >= 0 and <= 1)
            {
                clear = at;
            }
            else
            {
                problem = $"'{part}' is not a four-eyes rule: give default, off, or true-match and/or clear-above=SCORE (a score in [0, 1]), comma-separated";
                return null;
            }
        }
        return new FourEyesPolicy(confirm, clear);
    }
}
