using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Vigil.Core.Screening;

/// <summary>
/// A table written as an XLSX workbook, streaming, with every text cell a spreadsheet would run as a formula
/// neutralised (<see cref="CsvCell.Neutralise"/>): batch results and audit exports alike.
/// </summary>
public static class XlsxTable
{
    /// <summary>Writes a header row of <paramref name="columns"/> and then <paramref name="rows"/> to one sheet.</summary>
    public static async Task WriteAsync(string sheetName, IReadOnlyList<string> columns, IAsyncEnumerable<object?[]> rows, Stream output, CancellationToken cancellationToken)
    {
        // The package needs a seekable stream; a temporary file keeps memory flat whatever the job's size.
        var temporary = Path.Combine(Path.GetTempPath(), $"vigil-table-{Guid.NewGuid():N}.xlsx");
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
                    WriteRow(writer, columns);
                    await foreach (var row in rows.WithCancellation(cancellationToken))
                    {
                        WriteRow(writer, row);
                    }
                    writer.WriteEndElement();
                    writer.WriteEndElement();
                }
                workbook.Workbook = new Workbook(new Sheets(new Sheet { Name = sheetName, SheetId = 1, Id = workbook.GetIdOfPart(sheet) }));
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
