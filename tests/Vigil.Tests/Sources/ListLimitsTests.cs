using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Vigil.Core.Sources;
using Vigil.Core.Storage;
using Vigil.Tests.Storage;

namespace Vigil.Tests.Sources;

/// <summary>
/// Hostile list files (values, lines, nesting and workbook parts far beyond any official list) fail while they are
/// read, naming the file, the place and the field, instead of taking gigabytes or minutes.
/// </summary>
public sealed class ListLimitsTests
{
    private static readonly string UnText = File.ReadAllText(TestData.Path("un/consolidated.xml"));

    [Fact]
    public void An_XML_text_node_beyond_the_value_limit_fails_naming_file_line_and_element()
    {
        var at = UnText.IndexOf("<FIRST_NAME>", StringComparison.Ordinal) + "<FIRST_NAME>".Length;
        using var file = TempListFile.Write(".xml", UnText[..at] + new string('A', 2_000_000) + UnText[at..]);

        var e = TempListFile.AssertFailsNamingFile(file.Path, "un-sc-xml", "FIRST_NAME", "32,768");
        Assert.StartsWith("line 7, column", e.Location, StringComparison.Ordinal);
    }

    [Fact]
    public void XML_nested_beyond_the_depth_limit_inside_a_record_fails_at_once()
    {
        var at = UnText.IndexOf("<COMMENTS1>", StringComparison.Ordinal);
        using var file = TempListFile.Write(".xml", UnText[..at] + string.Concat(Enumerable.Repeat("<X>", 100_000)) + string.Concat(Enumerable.Repeat("</X>", 100_000)) + UnText[at..]);

        var clock = Stopwatch.StartNew();
        var e = TempListFile.AssertFailsNamingFile(file.Path, "un-sc-xml", "deeper than 64 levels");
        Assert.Contains("line 13", e.Location, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
    }

    [Fact]
    public void A_name_beyond_the_name_limit_fails_at_import_naming_the_record_line_and_field()
    {
        var at = UnText.IndexOf("<FIRST_NAME>", StringComparison.Ordinal) + "<FIRST_NAME>".Length;
        var path = StoreFactory.NewFilePath("un-long-name", ".xml");
        File.WriteAllText(path, UnText[..at] + string.Join(' ', Enumerable.Repeat("ERIC", 500)) + UnText[at..]);
        var store = VigilStore.Open(StoreFactory.NewSqliteSpec());

        var e = Assert.Throws<ListFormatException>(() => store.Import(path, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(path, e.File);
        Assert.StartsWith("line 4, column", e.Location, StringComparison.Ordinal);
        Assert.StartsWith("name holds more than 1,024 characters", e.Problem, StringComparison.Ordinal);
        Assert.Empty(store.Lists());
    }

    [Fact]
    public void A_FtM_line_beyond_the_line_limit_fails_without_reading_it_whole()
    {
        using var file = TempListFile.Write(".json",
            "{\"id\":\"x1\",\"schema\":\"Person\",\"properties\":{\"name\":[\"" + new string('B', ListLimits.MaxLineChars + 10) + "\"]}}\n");

        var e = Assert.Throws<ListFormatException>(() => ParsedList.Read(file.Path, "ftm-json"));
        Assert.Equal("line 1", e.Location);
        Assert.Contains("longer than 4,194,304 characters", e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("custom")]
    [InlineData("ofac")]
    public void A_CSV_row_beyond_16_MiB_fails_naming_its_line(string kind)
    {
        var longRow = new string('x', 17_000_000);
        using var folder = TempListFile.Folder();
        string path;
        if (kind == "custom")
        {
            path = folder.Add("long.csv", $"id,name,notes\n1,Bob,ok\n2,Al,\"{longRow}\"\n");
        }
        else
        {
            foreach (var name in new[] { "add.csv", "alt.csv", "sdn_comments.csv" })
            {
                File.Copy(TestData.Path("ofac/sdn-csv-2021/" + name), Path.Combine(folder.Path, name));
            }
            var sdn = File.ReadAllText(TestData.Path("ofac/sdn-csv-2021/sdn.csv"), Encoding.Latin1);
            path = folder.Path;
            var firstLine = sdn.IndexOf('\n', StringComparison.Ordinal) + 1;
            File.WriteAllText(Path.Combine(path, "sdn.csv"), sdn[..firstLine] + "36,\"" + longRow + "\"\n" + sdn[firstLine..], Encoding.Latin1);
        }

        var e = Assert.Throws<ListFormatException>(() => ParsedList.Read(path));
        Assert.Equal(kind == "custom" ? "line 3" : "line 2", e.Location);
        Assert.Contains("longer than 16 MiB", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_CSV_cell_beyond_the_value_limit_fails_naming_line_and_column()
    {
        using var file = TempListFile.Write(".csv", $"id,name,notes\n1,Bob,ok\n2,Al,{new string('n', 40_000)}\n");

        var e = TempListFile.AssertFailsNamingFile(file.Path, "custom-csv", "column 3");
        Assert.Equal("line 3", e.Location);
    }

    [Fact]
    public void An_xlsx_whose_shared_strings_decompress_beyond_the_part_limit_is_refused_during_detection()
    {
        using var file = TempListFile.Write(".xlsx", Workbook(sharedStringsBytes: ListLimits.MaxZipEntryBytes + 1));

        var clock = Stopwatch.StartNew();
        var e = TempListFile.AssertFailsNamingFile(file.Path, null, "xl/sharedStrings.xml", "decompresses to more than 64 MiB");
        Assert.Equal("part xl/sharedStrings.xml", e.Location);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }

    [Fact]
    public void A_damaged_xlsx_without_a_format_says_why_it_cannot_be_read()
    {
        var bytes = File.ReadAllBytes(TestData.Path("uk/ConList.xlsx"));
        using var file = TempListFile.Write(".xlsx", bytes[..(bytes.Length / 2)]);

        TempListFile.AssertFailsNamingFile(file.Path, null, "not a readable xlsx workbook", "Central Directory");
    }

    [Fact]
    public void A_header_of_a_million_repeated_columns_gives_one_short_message()
    {
        using var file = TempListFile.Write(".csv", "id,name," + string.Join(',', Enumerable.Repeat("x", 1_000_000)) + "\n1,Bob\n");
        var store = VigilStore.Open(StoreFactory.NewSqliteSpec());

        var e = Assert.Throws<ListFormatException>(() => store.Import(file.Path, cancellationToken: TestContext.Current.CancellationToken));
        Assert.InRange(e.Message.Length, 1, 1_000);
        Assert.Contains("characters in all", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_DTD_is_refused_at_a_position_not_line_0()
    {
        using var file = TempListFile.Write(".xml", """
            <?xml version="1.0"?>
            <!DOCTYPE CONSOLIDATED_LIST [<!ENTITY x "y">]>
            <CONSOLIDATED_LIST><INDIVIDUALS></INDIVIDUALS></CONSOLIDATED_LIST>
            """);

        var e = TempListFile.AssertFailsNamingFile(file.Path, "un-sc-xml", "DTD");
        Assert.DoesNotContain("line 0", e.Message, StringComparison.Ordinal);
    }

    /// <summary>A minimal workbook whose shared strings part holds one string of the given size (it compresses to a few hundred KB).</summary>
    private static byte[] Workbook(long sharedStringsBytes)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, string text)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(text);
            }
            Add("[Content_Types].xml", """<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>""");
            Add("_rels/.rels", """<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            using var strings = zip.CreateEntry("xl/sharedStrings.xml", CompressionLevel.Fastest).Open();
            strings.Write("""<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>"""u8);
            var chunk = new byte[1 << 20];
            Array.Fill(chunk, (byte)'a');
            for (var written = 0L; written < sharedStringsBytes; written += chunk.Length)
            {
                strings.Write(chunk, 0, (int)Math.Min(chunk.Length, sharedStringsBytes - written));
            }
            strings.Write("</t></si></sst>"u8);
        }
        return memory.ToArray();
    }
}
