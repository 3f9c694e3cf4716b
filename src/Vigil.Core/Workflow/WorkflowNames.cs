using System.Text.Json;

namespace Vigil.Core.Workflow;

/// <summary>
/// The one spelling of workflow enum members outside the code: snake case (<c>false_positive</c>), as stored and as
/// the JSON carries them. Reading also takes the CLI's kebab case (<c>false-positive</c>) and any letter case.
/// </summary>
public static class WorkflowNames
{
    public static string Name<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        var wanted = (text ?? "").Trim().Replace('-', '_');
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (Name(candidate).Equals(wanted, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }

    /// <summary>The names of every member, for messages: "false_positive, true_match, inconclusive".</summary>
    public static string All<T>() where T : struct, Enum => string.Join(", ", Enum.GetValues<T>().Select(Name));
}
