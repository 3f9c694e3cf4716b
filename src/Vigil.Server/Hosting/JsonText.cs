using System.Globalization;
using System.Text.Json;

namespace Vigil.Server.Hosting;

/// <summary>
/// Finds text in a JSON request that is not valid Unicode: an escaped lone surrogate (<c>\ud800</c>) or bytes that
/// are not UTF-8 parse as JSON but cannot become a string, so reading them fails deep inside a handler. Checked
/// once up front, each such value is refused naming its place in the request.
/// </summary>
internal static class JsonText
{
    /// <summary>The path (<c>queries.q1.properties.name[0]</c>) of the first unreadable name or string, or null.</summary>
    public static string? FirstUnreadable(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return Readable(() => element.GetString()) ? null : path;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FirstUnreadable(item, $"{path}[{index.ToString(CultureInfo.InvariantCulture)}]") is { } found)
                    {
                        return found;
                    }
                    index++;
                }
                return null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    string name = "";
                    if (!Readable(() => name = property.Name))
                    {
                        return path + " (a property name)";
                    }
                    if (FirstUnreadable(property.Value, path.Length == 0 ? name : $"{path}.{name}") is { } found)
                    {
                        return found;
                    }
                }
                return null;
            default:
                return null;
        }
    }

    /// <summary>The same check over a dictionary of elements, as a bound request body holds them.</summary>
    public static string? FirstUnreadable(IReadOnlyDictionary<string, JsonElement>? elements, string path)
    {
        foreach (var (name, value) in elements ?? new Dictionary<string, JsonElement>())
        {
            if (FirstUnreadable(value, $"{path}.{name}") is { } found)
            {
                return found;
            }
        }
        return null;
    }

    public static string Refusal(string path) =>
        $"{path}: not valid Unicode text (a lone surrogate such as \\ud800, or bytes that are not UTF-8)";

    private static bool Readable(Action read)
    {
        try
        {
            read();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
