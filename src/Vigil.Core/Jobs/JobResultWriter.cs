using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
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
                await WriteWorkbookAsync(lines, output, cancellationToken);
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

    private static async Task WriteWorkbookAsync(IAsyncEnumerable<string> lines, Stream output, CancellationToken cancellationToken)
    {
        // The package needs a seekable stream; a temporary file keeps memory flat whatever the job's size.
        var temporary = Path.Combine(Path.GetTempPath(), $"vigil-results-{Guid.NewGuid():N}.xlsx");
        try
        {
            using (var document = SpreadsheetDocument.Create(temporary, SpreadsheetDocumentType.Workbook))
            {
                var workbook = document.AddWorkbookPart();
                var sheet = workbook.AddNewPart<WorksheetPart>();
                using (var writer = OpenXmlWriter.Create(sheet))
                {
                    writer.WriteStartElement(new Worksheet());
                    writer.WriteStartElement(new SheetData());
                    WriteRow(writer, Columns);
                    await foreach (var line in lines.WithCancellation(cancellationToken))
                    {
                        WriteRow(writer, Cells(JobRowResult.FromJson(line)));
                    }
                    writer.WriteEndElement();
                    writer.WriteEndElement();
                }
                workbook.Workbook = new Workbook(new Sheets(new Sheet { Name = "Results", SheetId = 1, Id = workbook.GetIdOfPart(sheet) }));
                workbook.Workbook.Save();
            }
            await using var file = File.OpenRead(temporary);
            await file.CopyToAsync(output, cancellationToken);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static void WriteRow(OpenXmlWriter writer, IEnumerable<object?> cells)
    {
        writer.WriteStartElement(new Row());
        foreach (var value in cells)
        {
            var cell = value switch
            {
                null => new Cell(),
                long n => new Cell { DataType = CellValues.Number, CellValue = new CellValue(n.ToString(CultureInfo.InvariantCulture)) },
                double d => new Cell { DataType = CellValues.Number, CellValue = new CellValue(d.ToString("R", CultureInfo.InvariantCulture)) },
                var text => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(CsvCell.Neutralise(text.ToString() ?? ""))) },
            };
            writer.WriteElement(cell);
        }
        writer.WriteEndElement();
    }
}
