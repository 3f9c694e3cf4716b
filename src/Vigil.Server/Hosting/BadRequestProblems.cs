using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;

namespace Vigil.Server.Hosting;

/// <summary>
/// A request whose body or query values do not bind to an endpoint's arguments (minimal APIs throw
/// <see cref="BadHttpRequestException"/> for it, see <see cref="VigilServer.AddServices"/>) is answered as every other
/// refusal is: a problem document whose detail starts with the field at fault, or for JSON that does not parse, the line
/// and byte where it stops making sense.
/// </summary>
internal sealed partial class BadRequestProblems : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }
        VigilServer.SetSecurityHeaders(httpContext.Response.Headers);
        await Results.Problem(detail: Detail(bad), statusCode: bad.StatusCode, title: "Invalid request").ExecuteAsync(httpContext);
        return true;
    }

    internal static string Detail(BadHttpRequestException bad)
    {
        if (bad.InnerException is not JsonException json)
        {
            // The framework's sentences name the parameter after its type: Failed to bind parameter "Nullable<int>
            // limit" from "many"; the field goes first, as in every other refusal.
            if (BindFailure().Match(bad.Message) is { Success: true } failed)
            {
                var value = failed.Groups["value"].Value is { Length: > 100 } text ? text[..100] + "…" : failed.Groups["value"].Value;
                return $"{failed.Groups["name"].Value}: '{value}' is not {Expected(failed.Groups["type"].Value, "a value it takes")}";
            }
            return Missing().Match(bad.Message) is { Success: true } missing
                ? $"{missing.Groups["name"].Value}: required ({missing.Groups["from"].Value})"
                : bad.Message;
        }
        var field = json.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
        if (Converted().Match(json.Message) is { Success: true } converted)
        {
            return $"{field ?? "the body"}: expected {Expected(converted.Groups[1].Value, "an object")}";
        }
        var where = json.LineNumber is { } line && json.BytePositionInLine is { } position
            ? string.Create(CultureInfo.InvariantCulture, $" at line {line + 1}, byte {position + 1}")
            : "";
        var reason = json.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].Trim();
        return field is not null
            ? $"{field}: the body is not valid JSON{where}: {reason}"
            : $"the body is not valid JSON{where}: {reason}";
    }

    /// <summary>The kind of value a .NET type reads, in the words of JSON.</summary>
    private static string Expected(string type, string otherwise) => type switch
    {
        _ when type.Contains("System.String", StringComparison.Ordinal) && !type.Contains('[', StringComparison.Ordinal) => "a string",
        _ when type.Contains("Dictionary", StringComparison.Ordinal) => "an object",
        _ when type.EndsWith("[]", StringComparison.Ordinal) || type.Contains("List", StringComparison.Ordinal) => "an array",
        _ when Number().IsMatch(type) || Keyword().IsMatch(type) => "a number",
        _ when type.Contains("Boolean", StringComparison.Ordinal) || type.Contains("bool", StringComparison.Ordinal) => "true or false",
        _ when type.Contains("DateTime", StringComparison.Ordinal) => "a date and time such as 2026-12-31T00:00:00Z",
        _ => otherwise,
    };

    [GeneratedRegex(@"^Failed to bind parameter ""(?<type>.+) (?<name>[^ ]+)"" from ""(?<value>.*)""\.$", RegexOptions.Singleline)]
    private static partial Regex BindFailure();

    [GeneratedRegex(@"^Required parameter ""(?<type>.+) (?<name>[^ ]+)"" was not provided from (?<from>.+)\.$")]
    private static partial Regex Missing();

    [GeneratedRegex(@"could not be converted to ([^\s]+?)\.?( Path:|$)")]
    private static partial Regex Converted();

    [GeneratedRegex(@"System\.(Double|Single|Decimal|Int16|Int32|Int64|UInt16|UInt32|UInt64|Byte)\b")]
    private static partial Regex Number();

    [GeneratedRegex(@"\b(double|float|decimal|short|int|long|ushort|uint|ulong|byte)\b")]
    private static partial Regex Keyword();
}
