using System.Text;
using System.Text.Json;
using Vigil.Core.Sources;
using Vigil.Server.Api;
using Vigil.Server.Hosting;

namespace Vigil.Fuzz;

/// <summary>
/// One entry point per parser and request reader. The property each checks: an input is read, or refused with the
/// reader's own error (a <see cref="ListFormatException"/> naming the file and a position; a request reader's error
/// text naming a field). Any other exception escapes, which is what AFL counts as a crash.
/// </summary>
public static class FuzzTargets
{
    /// <summary>Target name to the parser format it drives (request readers have none).</summary>
    public static IReadOnlyDictionary<string, string?> Formats { get; } = new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["un"] = "un-sc-xml",
        ["ofac-csv"] = "us-ofac-csv",
        ["ofac-xml"] = "us-ofac-xml",
        ["ofac-advanced"] = "us-ofac-advanced-xml",
        ["ofac-enhanced"] = "us-ofac-enhanced-xml",
        ["eu"] = "eu-fsf-xml",
        ["uk-csv"] = "gb-hmt-csv",
        ["uk-xlsx"] = "gb-hmt-xlsx",
        ["au"] = "au-dfat-xlsx",
        ["ca"] = "ca-sema-xml",
        ["ch"] = "ch-seco-xml",
        ["bis"] = "us-bis-dpl",
        ["ftm"] = "ftm-json",
        ["custom-csv"] = "custom-csv",
        ["match"] = null,
        ["reconcile"] = null,
        ["extend"] = null,
    };

    public static IReadOnlyList<string> Names => [.. Formats.Keys];

    /// <summary>Runs one input through the target; <paramref name="scratch"/> is a folder the target may write its file in.</summary>
    public static void Run(string target, byte[] input, string scratch)
    {
        switch (target)
        {
            case "match":
                Match(input);
                return;
            case "reconcile":
                Require(ReconciliationQueries.Parse(Decode(input)).Error, "reconcile");
                return;
            case "extend":
                Require(ReconciliationQueries.ParseExtension(Decode(input), out _, out _), "extend");
                return;
        }
        var format = Formats.TryGetValue(target, out var f) && f is not null ? f : throw new ArgumentException($"unknown target '{target}'; targets: {string.Join(", ", Names)}");
        var path = WriteInput(target, input, scratch);
        var parser = ListFormats.ByName(format);
        try
        {
            var input2 = ListInput.Open(path);
            foreach (var record in parser.Read(input2, new ListHeader()))
            {
                // The import refuses over-long names and values the same way.
                ListLimits.CheckRecord(record, path);
            }
        }
        catch (ListFormatException e)
        {
            if (e.File.Length == 0 || e.Location.Length == 0)
            {
                throw new InvalidOperationException($"a format error that names no file or position: {e.Message}", e);
            }
        }
    }

    /// <summary>
    /// Writes the input where the parser reads it: OFAC's CSV format is a folder (the input is its main file, beside
    /// empty address, alias and remark files that end as OFAC's do).
    /// </summary>
    private static string WriteInput(string target, byte[] input, string scratch)
    {
        Directory.CreateDirectory(scratch);
        if (target == "ofac-csv")
        {
            var folder = Path.Combine(scratch, "ofac");
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(Path.Combine(folder, "sdn.csv"), input);
            foreach (var name in new[] { "add.csv", "alt.csv", "sdn_comments.csv" })
            {
                File.WriteAllBytes(Path.Combine(folder, name), [0x1A]);
            }
            return folder;
        }
        var extension = target switch
        {
            "uk-xlsx" or "au" => ".xlsx",
            "uk-csv" or "custom-csv" => ".csv",
            "bis" => ".txt",
            "ftm" => ".json",
            _ => ".xml",
        };
        var path = Path.Combine(scratch, "input" + extension);
        File.WriteAllBytes(path, input);
        return path;
    }

    /// <summary>What /match does with a body before screening: bind it, refuse unreadable text, read params and each query.</summary>
    private static void Match(byte[] input)
    {
        MatchRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<MatchRequest>(input, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            // ASP.NET answers 400 to a body that does not bind.
            return;
        }
        if ((JsonText.FirstUnreadable(request?.Params, "params") ?? JsonText.FirstUnreadable(request?.Config, "config")) is not null)
        {
            return;
        }
        if (request?.Params is { } parameters && MatchApi.ReadParams(parameters, [], []) is { } error)
        {
            Require(error, "params");
            return;
        }
        foreach (var (key, example) in request?.Queries ?? [])
        {
            if (example?.Schema is null
                || (JsonText.FirstUnreadable(example.Properties, $"queries.{key}.properties") ?? JsonText.FirstUnreadable(example.Extra, $"queries.{key}")) is not null)
            {
                continue;
            }
            Require(MatchApi.Parse(key, example).Error, "queries");
        }
    }

    /// <summary>A request reader's error must name a field: it starts with the field's path.</summary>
    private static void Require(string? error, string field)
    {
        if (error is not null && (error.Length == 0 || error.Contains('\n', StringComparison.Ordinal) || !char.IsLetter(error[0])))
        {
            throw new InvalidOperationException($"{field}: an error that names no field: {error}");
        }
    }

    private static string Decode(byte[] input) => Encoding.UTF8.GetString(input);
}
