using System.Globalization;
using System.Text;
using Vigil.Core.Screening;
using Vigil.Core.Storage;

namespace Vigil.Core.Jobs;

/// <summary>
/// Writes a finished job's results, streaming: the canonical JSON lines as stored (the bytes whose SHA-256 the job
/// records), or a CSV / XLSX table with one row per input row for people, every text cell a spreadsheet would run as a
/// formula neutralised with a leading apostrophe.
/// </summary>
public static class JobResultWriter
{
    /// <summary>The table's columns (CSV header and the workbook's first row).</summary>
    public static readonly string[] Columns = ["row", "line", "reference", "name", "outcome", "top_score", "hits", "entity_ids", "records", "captions", "scores", "error"];

    /// <summary>The format an output path asks for by its extension; throws <see cref="ArgumentException"/> for any other.</summary>
    public static JobResultFormat FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".jsonl" or ".ndjson" => JobResultFormat.JsonLines,
        ".csv" => JobResultFormat.Csv,
        ".xlsx" => JobResultFormat.Xlsx,
        var other => throw new ArgumentException($"--output: '{other}' is no result format; give a .jsonl, .csv or .xlsx file"),
    };

    public static async Task WriteAsync(VigilStore store, long job, Stream output, JobResultFormat format, CancellationToken cancellationToken = default)
    {
        var lines = store.JobResultLinesAsync(job, cancellationToken);
        switch (format)
        {
            case JobResultFormat.JsonLines:
                {
                    await using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
                    await foreach (var line in lines)
                    {
                        await writer.WriteLineAsync(line);
                    }
                    break;
                }
            case JobResultFormat.Csv:
                {
                    await using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
                    await writer.WriteLineAsync(string.Join(",", Columns));
                    await foreach (var line in lines)
                    {
                        await writer.WriteLineAsync(string.Join(",", Cells(JobRowResult.FromJson(line)).Select(c => c is double d ? Number(d) : CsvCell.Write(c as string ?? Convert.ToString(c, CultureInfo.InvariantCulture)))));
                    }
                    break;
                }
            default:
                await XlsxTable.WriteAsync("Results", Columns, lines.Select(line => Cells(JobRowResult.FromJson(line))), output, cancellationToken);
                break;
        }
    }

    /// <summary>A result as table cells: text, or numbers (long, double) a workbook stores as numbers.</summary>
    internal static object?[] Cells(JobRowResult r) =>
    [
        r.Row,
        r.Line,
        r.Reference,
        r.Name,
        WorkflowText(r.Outcome),
        r.TopScore,
        (long)r.Hits.Count,
        string.Join("; ", r.Hits.Select(h => h.EntityId)),
        string.Join("; ", r.Hits.Select(h => string.Join(" ", h.RecordIds))),
        string.Join("; ", r.Hits.Select(h => h.Caption)),
        string.Join("; ", r.Hits.Select(h => Number(h.Score))),
        r.Error,
    ];

    private static string WorkflowText<T>(T value) where T : struct, Enum => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    private static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
