using System.Text.Json;

namespace Vigil.Core.Workflow;

/// <summary>
/// The one spelling of workflow enum members outside the code: snake case (<c>false_positive</c>), as stored and as
/// the JSON carries them. Reading also takes the CLI's kebab case (<c>false-positive</c>) and any letter case.
/// </summary>
public static class WorkflowNames
{
    public static string Name<T>(T value) where T : struct, Enum =>
        Names<T>.ByValue.TryGetValue(value, out var name) ? name : Convert(value);

    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum =>
        Names<T>.ByName.TryGetValue((text ?? "").Trim().Replace('-', '_'), out value);

    private static string Convert<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    // The spellings of each enum's members, worked out once: the audit log names an event kind in every entry it
    // writes and reads back.
    private static class Names<T> where T : struct, Enum
    {
        public static readonly Dictionary<T, string> ByValue = [];

        // The first member of a spelling, in Enum.GetValues order, wins.
        public static readonly Dictionary<string, T> ByName = new(StringComparer.OrdinalIgnoreCase);

        static Names()
        {
            foreach (var member in Enum.GetValues<T>())
            {
                var name = Convert(member);
                ByValue.TryAdd(member, name);
                ByName.TryAdd(name, member);
            }
        }
    }

    /// <summary>The names of every member, for messages: "false_positive, true_match, inconclusive".</summary>
    public static string All<T>() where T : struct, Enum => string.Join(", ", Enum.GetValues<T>().Select(Name));
}
