using System.Text.Encodings.Web;
using System.Text.Json;

namespace Vigil.Core.Screening;

/// <summary>The one JSON form of explanations: camelCase, compact, names unescaped; deterministic for the same input.</summary>
public static class ExplanationJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };
}
