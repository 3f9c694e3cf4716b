using System.IO.Compression;
using System.Security;
using Vigil.Core.Model;
using Vigil.Core.Sources;

namespace Vigil.Tests.Sources;

// Expected figures were counted independently with a python3 script reading the sheet XML (zipfile + ElementTree):
// non-blank rows, "Name Type" spellings, the leading number of each Reference, and distinct names per Reference.
public class DfatXlsxParserTests
{
    private static readonly Lazy<ParsedList> Au = new(() => ParsedList.Read(TestData.Path("australia/regulation8_consolidated.xlsx"), "au-dfat-xlsx"));

    [Fact]
    public void Reads_one_record_per_primary_name_row()
    {
        var list = Au.Value;
        // 9553 non-blank rows (7 blank rows trail the sheet), 3062 "Primary Name" rows. Row 4331 ("2940j") is an aka
        // of 2940 standing away from its group: it comes out as a second record with id 2940, folded by the importer.
        Assert.Equal(3063, list.Records.Count);
        Assert.Equal(3062, list.DistinctIds);
        Assert.Equal(2, list.Records.Count(r => r.NativeId == "2940"));
        var distinct = list.Records.Select(r => r.NativeId).Distinct().Select(list.Get).ToList();
        Assert.Equal(2316, distinct.Count(r => r.Schema == EntitySchema.Person));
        Assert.Equal(746, distinct.Count(r => r.Schema == EntitySchema.Organization));
        Assert.Equal("au-dfat", list.Header.Source);
        // The sheet states no publication date (the latest Control Date, 2024-11-11, is a record's last change).
        Assert.Null(list.Header.Published);
        Assert.Null(list.Header.DeclaredCount);
    }

    [Fact]
    public void Every_name_row_becomes_a_name_of_its_type()
    {
        var names = Au.Value.Records.SelectMany(r => r.Names).ToList();
        // 6047 aka rows hold 6027 distinct names per Reference; 440 original-script rows; 4 former-name rows.
        Assert.Equal(3062, names.Count(n => n.Type == NameType.Primary));
        Assert.Equal(6027, names.Count(n => n.Type == NameType.Alias));
        Assert.Equal(440, names.Count(n => n.Type == NameType.OriginalScript));
        Assert.Equal(4, names.Count(n => n.Type == NameType.Former));
        Assert.DoesNotContain(names, n => n.FullName != n.FullName.Trim() || n.FullName.Contains('\n', StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Primary Name", NameType.Primary)]
    [InlineData("Primary Name ", NameType.Primary)]
    [InlineData("Primary name", NameType.Primary)]
    [InlineData("primary Name", NameType.Primary)]
    [InlineData("primary name", NameType.Primary)]
    [InlineData("aka", NameType.Alias)]
    [InlineData("Aka", NameType.Alias)]
    [InlineData("Aka ", NameType.Alias)]
    [InlineData("aka ", NameType.Alias)]
    [InlineData("AKA", NameType.Alias)]
    [InlineData("Original Script", NameType.OriginalScript)]
    [InlineData("Original script", NameType.OriginalScript)]
    [InlineData("Original script ", NameType.OriginalScript)]
    [InlineData("original Script", NameType.OriginalScript)]
    [InlineData("original script", NameType.OriginalScript)]
    [InlineData("Formerly known as", NameType.Former)]
    [InlineData("Previously listed as", NameType.Former)]
    public void Each_of_the_seventeen_name_type_spellings_is_understood(string spelling, NameType expected) =>
        Assert.Equal(expected, DfatXlsxParser.NameTypeOf(spelling));

    [Fact]
    public void An_unseen_name_type_spelling_is_not_guessed()
    {
        // The parser refuses a row with such a spelling (see An_unknown_name_type_fails_naming_the_row), so reading
        // the whole file without error shows the seventeen spellings above are all the file holds.
        Assert.Null(DfatXlsxParser.NameTypeOf("Nickname"));
        Assert.Null(DfatXlsxParser.NameTypeOf(""));
    }

    [Fact]
    public void Khalimov_has_his_name_both_birth_dates_and_his_listing()
    {
        var k = Au.Value.Get("3136");
        Assert.Equal(EntitySchema.Person, k.Schema);
        Assert.Equal("Gulmurod Khalimov", k.Caption);
        var name = Assert.Single(k.Names);
        Assert.Equal(NameType.Primary, name.Type);
        Assert.Equal(
            [new Statement("birthDate", "1975-05-14", "14 May 1975"), new Statement("birthDate", "1975~", "Approximately 1975")],
            k.Statements.Where(s => s.Property == "birthDate"));
        Assert.Equal(["Varzob area, Tajikistan", "Dushanbe, Tajikistan"], k.Statements.Where(s => s.Property == "birthPlace").Select(s => s.Value));
        Assert.Contains(new Statement("citizenship", "Tajikistan"), k.Statements);
        Assert.Contains(new Statement("address", "Syrian Arab Republic (location as at Sep. 2015)"), k.Statements);
        Assert.Contains(new Statement("modifiedAt", "2021-03-02"), k.Statements);
        Assert.Equal(new Designation("1267/1989/2253 (ISIL (Da'esh) and Al-Qaida)", "2016-02-29", "Australia DFAT", "3136"), Assert.Single(k.Designations));
        Assert.Contains(k.Statements, s => s.Property == "notes" && s.Value.StartsWith("Syria-based military expert", StringComparison.Ordinal));
        // The remark names Al-Qaida in Iraq (QDe.115), a different entity: no cross-reference.
        Assert.DoesNotContain(k.Statements, s => s.Property == "crossReference");
    }

    [Fact]
    public void Name_rows_with_suffixed_references_join_their_primary()
    {
        var akhund = Au.Value.Get("2");
        Assert.Equal("MOHAMMAD HASSAN AKHUND", akhund.Caption);
        Assert.Equal("محمد حسن أخوند", Assert.Single(akhund.Names, n => n.Type == NameType.OriginalScript).FullName);
        Assert.Equal(["1955/1958", "1945/1950"], akhund.Statements.Where(s => s.Property == "birthDate").Select(s => s.Value));
        Assert.Equal("2001-01-25", Assert.Single(akhund.Designations).ListedOn);

        // "34c1" is a second-level suffix: still Reference 34.
        var haqqani = Au.Value.Get("34");
        Assert.Contains(haqqani.Names, n => n.FullName == "اختر محمد ولد نور محمد");
        // Rows 34, 34a..34f with 34c1 and 34f1: nine names.
        Assert.Equal(9, haqqani.Names.Count);

        // A year typed as a number, not a date: "1969".
        Assert.Contains(new Statement("birthDate", "1969"), Au.Value.Get("8").Statements);
    }

    [Fact]
    public void References_with_a_trailing_space_are_trimmed()
    {
        // "1140g ", "2672c4 ", "7293a ", "7566b ": their names belong to 1140, 2672, 7293 and 7566.
        Assert.Contains(Au.Value.Get("1140").Names, n => n is { FullName: "BEENAH, Yassin", Type: NameType.Alias });
        Assert.Contains(Au.Value.Get("2672").Names, n => n is { FullName: "Jabhat Fateh Al-Sham", Type: NameType.Alias });
        Assert.Contains(Au.Value.Get("7293").Names, n => n is { FullName: "Seyed Sadegh HOSSEINI", Type: NameType.Alias });
        Assert.Contains(Au.Value.Get("7566").Names, n => n is { FullName: "Andrey Removich BELOUSOV", Type: NameType.Alias });
        Assert.DoesNotContain(Au.Value.Records, r => r.NativeId.EndsWith(' '));
    }

    [Fact]
    public void The_stray_former_name_and_aka_rows_are_read()
    {
        var chernomor = Au.Value.Get("2940");
        Assert.Equal("Chernomorneftegaz", chernomor.Caption);
        Assert.Contains(chernomor.Names, n => n is { FullName: "Chernomorneftegaz CJSC", Type: NameType.Alias });
        Assert.Equal(4, Au.Value.Records.SelectMany(r => r.Names).Count(n => n.Type == NameType.Former));
    }

    [Fact]
    public void A_row_without_reference_fails_naming_the_file_sheet_and_row()
    {
        using var file = TempListFile.Write(".xlsx", Workbook(
            ["1", "Some One", "Individual", "Primary Name"],
            ["", "Nobody", "Individual", "aka"]));
        TempListFile.AssertFailsNamingFile(file.Path, "au-dfat-xlsx", "sheet Sheet1, row 3", "Reference");
    }

    [Fact]
    public void An_unknown_name_type_fails_naming_the_row()
    {
        using var file = TempListFile.Write(".xlsx", Workbook(
            ["1", "Some One", "Individual", "Primary Name"],
            ["1a", "Someone", "Individual", "Nickname"]));
        var e = Assert.Throws<ListFormatException>(() => ParsedList.Read(file.Path, "au-dfat-xlsx"));
        Assert.Contains("sheet Sheet1, row 3", e.Message, StringComparison.Ordinal);
        Assert.Contains("Nickname", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_small_workbook_reads_with_its_groups()
    {
        using var file = TempListFile.Write(".xlsx", Workbook(
            ["1", "Some One", "Individual", "Primary Name"],
            ["1a", "S. One", "Individual", "aka "],
            ["2", "Some Firm", "Entity ", "primary name"]));
        var list = ParsedList.Read(file.Path, "au-dfat-xlsx");
        Assert.Equal(["1", "2"], list.Records.Select(r => r.NativeId));
        Assert.Equal(EntitySchema.Organization, list.Records[1].Schema);
        Assert.Equal(2, list.Records[0].Names.Count);
    }

    /// <summary>A minimal xlsx (inline strings) with the DFAT header and the given rows.</summary>
    private static byte[] Workbook(params string[][] rows)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create))
        {
            Entry(zip, "[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>
                """);
            Entry(zip, "_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """);
            Entry(zip, "xl/workbook.xml", """
                <?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>
                """);
            Entry(zip, "xl/_rels/workbook.xml.rels", """
                <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>
                """);
            string[] header = ["Reference", "Name of Individual or Entity", "Type", "Name Type", "Date of Birth", "Place of Birth", "Citizenship", "Address", "Additional Information", "Listing Information", "Committees", "Control Date"];
            var sheetRows = new[] { header }.Concat(rows).Select((cells, i) =>
                $"<row r=\"{i + 1}\">" + string.Concat(cells.Select((c, j) =>
                    $"<c r=\"{(char)('A' + j)}{i + 1}\" t=\"inlineStr\"><is><t>{SecurityElement.Escape(c)}</t></is></c>")) + "</row>");
            Entry(zip, "xl/worksheets/sheet1.xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                + string.Concat(sheetRows) + "</sheetData></worksheet>");
        }
        return stream.ToArray();

        static void Entry(ZipArchive zip, string name, string content)
        {
            using var writer = new StreamWriter(zip.CreateEntry(name).Open());
            writer.Write(content);
        }
    }
}
