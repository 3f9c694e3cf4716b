using System.IO.Compression;
using System.Security;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using ExcelDataReader;
using Vigil.Core.Sources;

namespace Vigil.Fuzz;

/// <summary>
/// Small seed inputs for each target, cut at run time from the shared list files (never copied into the repository):
/// an XML list keeps two of each repeated element, a text list its first lines, a workbook its first rows.
/// </summary>
public static class FuzzSeeds
{
    private const int Lines = 25;
    private const int Rows = 12;

    /// <summary>The seeds of one target as (file name, bytes).</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> For(string target, string data) => target switch
    {
        "un" => [Xml(data, "un/consolidated.xml")],
        "ofac-xml" => [Xml(data, "ofac/consolidated-xml/consolidated.xml")],
        "ofac-advanced" => [Xml(data, "ofac/consolidated-advanced-xml/cons_advanced.xml")],
        "ofac-enhanced" => [Xml(data, "ofac/consolidated-enhanced-xml/cons_enhanced.xml")],
        "eu" => [Xml(data, "samples/eu-fsf-1_1-excerpt-2020-04-15.xml"), Xml(data, "eu/fsf-1_1-2022-03-18-TRUNCATED-first1044.xml")],
        "ca" => [Xml(data, "canada/sema-lemss.xml")],
        "ch" => [Xml(data, "samples/ch-seco-amendment-TEST-2024-01-17.xml")],
        "ofac-csv" => [Head(data, "ofac/sdn-csv-2021/sdn.csv", Lines, end: [0x1A]), Head(data, "ofac/sdn-csv-2024-05-03/sdn.csv", Lines, end: [0x1A])],
        "uk-csv" => [Head(data, "samples/uk-ofsi-ConList-csv-excerpt-2020-04-27.csv", Lines)],
        "bis" => [Head(data, "other/us-bis-dpl/dpl.txt", Lines)],
        "uk-xlsx" => [Workbook(data, "uk/ConList.xlsx")],
        "au" => [Workbook(data, "australia/regulation8_consolidated.xlsx")],
        "custom-csv" => [("custom.csv", CustomCsv(UnRecords(data)))],
        "ftm" => [("ftm.json", FtmLines(UnRecords(data)))],
        "match" => [("match.json", MatchBody(UnRecords(data)))],
        "reconcile" => [("reconcile.json", ReconcileBody(UnRecords(data)))],
        "extend" => [("extend.json", Encoding.UTF8.GetBytes("""{"ids":["un-sc:QDi.372","un-sc:CDi.001"],"properties":[{"id":"birthDate"},{"id":"nationality","settings":{"limit":2}}]}"""))],
        _ => throw new ArgumentException($"unknown target '{target}'"),
    };

    /// <summary>The XML with at most two of each repeated child element, written without indentation.</summary>
    private static (string, byte[]) Xml(string data, string file)
    {
        var document = XDocument.Load(Path.Combine(data, file));
        foreach (var parent in document.Descendants().ToList())
        {
            foreach (var group in parent.Elements().GroupBy(e => e.Name).Where(g => g.Count() > 2))
            {
                foreach (var extra in group.Skip(2).ToList())
                {
                    extra.Remove();
                }
            }
        }
        using var memory = new MemoryStream();
        document.Save(memory, SaveOptions.DisableFormatting);
        return (Path.GetFileName(file), memory.ToArray());
    }

    private static (string, byte[]) Head(string data, string file, int lines, byte[]? end = null)
    {
        var bytes = File.ReadAllBytes(Path.Combine(data, file));
        var cut = 0;
        for (var seen = 0; cut < bytes.Length && seen < lines; cut++)
        {
            if (bytes[cut] == '\n')
            {
                seen++;
            }
        }
        return (Path.GetFileName(file), [.. bytes.AsSpan(0, cut), .. end ?? []]);
    }

    /// <summary>The workbook's first rows (from its first sheet) as a minimal workbook of inline strings.</summary>
    private static (string, byte[]) Workbook(string data, string file)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var rows = new List<string?[]>();
        using (var stream = File.OpenRead(Path.Combine(data, file)))
        using (var reader = ExcelReaderFactory.CreateOpenXmlReader(stream))
        {
            while (rows.Count < Rows && reader.Read())
            {
                rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i)?.ToString())]);
            }
        }
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            Entry(zip, "[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>""");
            Entry(zip, "_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Entry(zip, "xl/workbook.xml", """<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Entry(zip, "xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>""");
            var sheet = new StringBuilder("""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""");
            for (var r = 0; r < rows.Count; r++)
            {
                sheet.Append("<row r=\"").Append(r + 1).Append("\">");
                for (var c = 0; c < rows[r].Length; c++)
                {
                    if (rows[r][c] is { } text)
                    {
                        sheet.Append("<c r=\"").Append(Column(c)).Append(r + 1).Append("\" t=\"inlineStr\"><is><t>").Append(SecurityElement.Escape(text)).Append("</t></is></c>");
                    }
                }
                sheet.Append("</row>");
            }
            Entry(zip, "xl/worksheets/sheet1.xml", sheet.Append("</sheetData></worksheet>").ToString());
        }
        return (Path.GetFileName(file), memory.ToArray());
    }

    private static string Column(int index) => index < 26 ? ((char)('A' + index)).ToString() : Column((index / 26) - 1) + (char)('A' + (index % 26));

    private static void Entry(ZipArchive zip, string name, string content)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(content);
    }

    private static List<Core.Model.SourceRecord> UnRecords(string data)
    {
        var input = ListInput.Open(Path.Combine(data, "un/consolidated.xml"));
        return [.. new UnScXmlParser().Read(input, new ListHeader()).Take(6)];
    }

    private static byte[] CustomCsv(List<Core.Model.SourceRecord> records)
    {
        var text = new StringBuilder("# source: fuzz\nid,name,schema,aliases,dob,country,program,listed_on,notes\n");
        foreach (var r in records)
        {
            string Cell(string? v) => v is null ? "" : "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            string Values(string property) => Cell(string.Join(';', r.Statements.Where(s => s.Property == property).Select(s => s.Value)));
            text.Append(Cell(r.NativeId)).Append(',').Append(Cell(r.Caption)).Append(',').Append(r.Schema).Append(',')
                .Append(Values("alias")).Append(',').Append(Values("birthDate")).Append(',').Append(Values("nationality")).Append(',')
                .Append(Values("program")).Append(",2020-01-01,").Append(Values("notes")).Append('\n');
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static byte[] FtmLines(List<Core.Model.SourceRecord> records) => Encoding.UTF8.GetBytes(string.Concat(records.Select(r =>
        JsonSerializer.Serialize(new
        {
            id = r.NativeId,
            schema = r.Schema.ToString(),
            properties = r.Statements.GroupBy(s => s.Property).ToDictionary(g => g.Key, g => g.Select(s => s.Value).ToArray()),
        }) + "\n")));

    private static byte[] MatchBody(List<Core.Model.SourceRecord> records) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        queries = records.Take(3).ToDictionary(r => r.NativeId, r => new
        {
            schema = r.Schema.ToString(),
            properties = new Dictionary<string, string[]>
            {
                ["name"] = [r.Caption],
                ["birthDate"] = [.. r.Statements.Where(s => s.Property == "birthDate").Select(s => s.Value).Take(1)],
                ["nationality"] = [.. r.Statements.Where(s => s.Property == "nationality").Select(s => s.Value).Take(1)],
            },
        }),
        @params = new Dictionary<string, string[]> { ["include_datasets"] = ["un-sc"], ["exclude_entity_ids"] = ["x"] },
    });

    private static byte[] ReconcileBody(List<Core.Model.SourceRecord> records) => JsonSerializer.SerializeToUtf8Bytes(
        records.Take(3).Select((r, i) => (r, i)).ToDictionary(x => $"q{x.i}", x => new
        {
            query = x.r.Caption,
            type = x.r.Schema.ToString(),
            limit = 3,
            properties = new[] { new { pid = "birthDate", v = "1970" }, new { pid = "country", v = "RU" } },
        }));
}
