using System.Globalization;
using System.Text;

namespace Vigil.Core.Audit;

/// <summary>
/// JSON in the RFC 8785 (JCS) form for the values audit records hold: objects with keys sorted by UTF-16 code unit,
/// no whitespace, strings escaped only where JSON requires it, integers. The same value always gives the same bytes,
/// which Python reproduces with <c>json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False)</c>.
/// Fractions are not numbers here: callers write them as strings, so no float formatting enters a hash.
/// </summary>
public static class CanonicalJson
{
    /// <summary>The canonical text of <paramref name="value"/>: null, string, bool, an integer, a dictionary with string keys, or a sequence.</summary>
    public static string Write(object? value)
    {
        var text = new StringBuilder(256);
        Append(text, value);
        return text.ToString();
    }

    private static void Append(StringBuilder text, object? value)
    {
        switch (value)
        {
            case null:
                text.Append("null");
                break;
            case string s:
                AppendString(text, s);
                break;
            case bool b:
                text.Append(b ? "true" : "false");
                break;
            case int or long or short or byte or uint or ushort:
                text.Append(Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
                break;
            case IEnumerable<KeyValuePair<string, object?>> members:
                text.Append('{');
                var first = true;
                foreach (var (key, member) in members.OrderBy(m => m.Key, StringComparer.Ordinal))
                {
                    text.Append(first ? "" : ",");
                    first = false;
                    AppendString(text, key);
                    text.Append(':');
                    Append(text, member);
                }
                text.Append('}');
                break;
            case System.Collections.IEnumerable items:
                text.Append('[');
                var firstItem = true;
                foreach (var item in items)
                {
                    text.Append(firstItem ? "" : ",");
                    firstItem = false;
                    Append(text, item);
                }
                text.Append(']');
                break;
            default:
                throw new ArgumentException($"{value.GetType().Name} has no canonical JSON form here; write fractions as strings", nameof(value));
        }
    }

    /// <summary>Appends <paramref name="s"/> as a canonical JSON string.</summary>
    internal static void AppendString(StringBuilder text, string s)
    {
        text.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case < ' ': text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: text.Append(c); break;
            }
        }
        text.Append('"');
    }
}
