using Vigil.Core.Model;
using Vigil.Core.Sources;

namespace Vigil.Tests.Sources;

public class OfacCsvParserTests
{
    private static readonly Lazy<ParsedList> Sdn2021 = new(() => ParsedList.Read(TestData.Path("ofac/sdn-csv-2021"), "us-ofac-csv"));
    private static readonly Lazy<ParsedList> Sdn2024 = new(() => ParsedList.Read(TestData.Path("ofac/sdn-csv-2024-05-03/sdn.csv"), "us-ofac-csv"));
    private static readonly Lazy<ParsedList> Cons = new(() => ParsedList.Read(TestData.Path("ofac/consolidated-csv"), "us-ofac-csv"));

    // Counts from python3's csv module over the files (Windows-1252, trailing 0x1A stripped): one row per ent_num,
    // SDN_Type "individual" / "vessel" / "aircraft" / "-0- " counted per file.
    [Fact]
    public void Reads_every_row_of_the_2021_sdn_folder_set()
    {
        var list = Sdn2021.Value;
        Assert.Equal("us-ofac-sdn", list.Header.Source);
        Assert.Null(list.Header.Published);
        Assert.Null(list.Header.DeclaredCount);
        Assert.Equal(8976, list.Records.Count);
        Assert.Equal(8976, list.DistinctIds);
        Assert.Equal(4620, list.Records.Count(r => r.Schema == EntitySchema.Person));
        Assert.Equal(3673, list.Records.Count(r => r.Schema == EntitySchema.Organization));
        Assert.Equal(406, list.Records.Count(r => r.Schema == EntitySchema.Vessel));
        Assert.Equal(277, list.Records.Count(r => r.Schema == EntitySchema.Aircraft));
    }

    [Fact]
    public void Reads_every_row_of_the_2024_lone_sdn_file()
    {
        var list = Sdn2024.Value;
        Assert.Equal("us-ofac-sdn", list.Header.Source);
        Assert.Equal(14965, list.Records.Count);
        Assert.Equal(14965, list.DistinctIds);
        Assert.Equal(6854, list.Records.Count(r => r.Schema == EntitySchema.Person));
        Assert.Equal(6884, list.Records.Count(r => r.Schema == EntitySchema.Organization));
        Assert.Equal(851, list.Records.Count(r => r.Schema == EntitySchema.Vessel));
        Assert.Equal(376, list.Records.Count(r => r.Schema == EntitySchema.Aircraft));
    }

    [Fact]
    public void Reads_the_consolidated_set_as_its_own_source()
    {
        var list = Cons.Value;
        Assert.Equal("us-ofac-cons", list.Header.Source);
        Assert.Equal(442, list.Records.Count);
        Assert.Equal(442, list.DistinctIds);
        Assert.Equal(79, list.Records.Count(r => r.Schema == EntitySchema.Person));
        Assert.Equal(363, list.Records.Count(r => r.Schema == EntitySchema.Organization));
    }

    [Theory]
    [InlineData("ofac/sdn-csv-2021")]
    [InlineData("ofac/sdn-csv-2024-05-03/sdn.csv")]
    public void Khalimov_has_his_names_birth_details_passport_and_programme(string path)
    {
        var list = path.EndsWith(".csv", StringComparison.Ordinal) ? Sdn2024.Value : Sdn2021.Value;
        var k = list.Get("18634");
        Assert.Equal(EntitySchema.Person, k.Schema);
        var name = Assert.Single(k.Names);
        Assert.Equal("KHALIMOV, Gulmurod", name.FullName);
        Assert.Equal(NameType.Primary, name.Type);
        Assert.Equal([new NamePart(NamePartKind.Family, "KHALIMOV"), new NamePart(NamePartKind.Given, "Gulmurod")], name.Parts);
        Assert.Contains(new Statement("birthDate", "1975-05-14", "14 May 1975"), k.Statements);
        Assert.Contains(new Statement("birthPlace", "Varzob, Tajikistan"), k.Statements);
        // The remarks say "citizen Tajikistan", which is citizenship; OFAC writes "nationality X" when it means nationality.
        Assert.Contains(new Statement("citizenship", "Tajikistan"), k.Statements);
        Assert.DoesNotContain(k.Statements, s => s.Property == "nationality");
        Assert.Contains(new Statement("passportNumber", "018840", "Passport 018840 (Tajikistan)"), k.Statements);
        Assert.Equal(new Designation("SDGT", null, "US Treasury OFAC"), Assert.Single(k.Designations));
        Assert.Contains(new Statement("notes", "DOB 14 May 1975; POB Varzob, Tajikistan; citizen Tajikistan; Passport 018840 (Tajikistan)."), k.Statements);
    }

    [Fact]
    public void Khalimov_takes_his_address_from_add_csv_in_the_2021_set()
    {
        var k = Sdn2021.Value.Get("18634");
        Assert.Contains(new Statement("address", "Syria"), k.Statements);
        Assert.Contains(new Statement("country", "Syria"), k.Statements);
        Assert.DoesNotContain(Sdn2024.Value.Get("18634").Statements, s => s.Property == "address");
    }

    [Fact]
    public void Banco_nacional_de_cuba_joins_its_aliases_addresses_and_weak_remark_alias()
    {
        var bank = Sdn2021.Value.Get("306");
        Assert.Equal(EntitySchema.Organization, bank.Schema);
        Assert.Equal("BANCO NACIONAL DE CUBA", bank.Caption);
        Assert.Contains(new NameEntry("NATIONAL BANK OF CUBA", NameType.Alias), bank.Names);
        Assert.Contains(new NameEntry("BNC", NameType.WeakAlias), bank.Names);
        Assert.Equal(
            [
                "Zweierstrasse 35, Zurich CH-8022, Switzerland",
                "Avenida de Concha Espina 8, Madrid E-28036, Spain",
                "Dai-Ichi Bldg. 6th Floor, 10-2 Nihombashi, 2-chome, Chuo-ku, Tokyo 103, Japan",
                "Federico Boyd Avenue & 51 Street, Panama City, Panama",
            ],
            bank.Statements.Where(s => s.Property == "address").Select(s => s.Value).Take(4));
        Assert.Equal(new Designation("CUBA", null, "US Treasury OFAC"), Assert.Single(bank.Designations));
    }

    [Fact]
    public void Alt_csv_types_become_alias_former_name_and_alias()
    {
        // alt.csv (2021) holds 11523 aka, 369 fka and 18 nka rows; two rows repeat a name of the same ent_num
        // (8407, 16448), so there are 11539 distinct aka/nka names and 369 fka names per ent_num (python3).
        var names = Sdn2021.Value.Records.SelectMany(r => r.Names.Select(n => (n.Type, n.FullName)).Distinct()).ToList();
        Assert.Equal(369, names.Count(n => n.Type == NameType.Former));
        Assert.Equal(11539, names.Count(n => n.Type == NameType.Alias));
    }

    [Fact]
    public void Quoted_remark_aliases_are_weak_aliases()
    {
        // Counted with python3: remarks plus their comments continuation, clauses split on ';', closing '.' and
        // "alt. " dropped, matching ^[afn]\.k\.a\.\s+'(.+)'$, distinct per ent_num. The Consolidated set has 68 in
        // cons_prim.csv alone and 4 more in the continuations of cut remarks (RUSAG, SBERBANK INDIA, ...).
        Assert.Equal(3663, Sdn2024.Value.Records.Sum(r => r.Names.Where(n => n.Type == NameType.WeakAlias).Select(n => n.FullName).Distinct().Count()));
        Assert.Equal(72, Cons.Value.Records.Sum(r => r.Names.Where(n => n.Type == NameType.WeakAlias).Select(n => n.FullName).Distinct().Count()));
    }

    [Fact]
    public void Cut_remarks_are_completed_from_the_comments_file()
    {
        // sdn.csv cuts ent_num 12300's remarks at 1,000 characters "...PROMO RAI"; sdn_comments.csv carries "Z S.A.S.; ...".
        var notes = Sdn2021.Value.Get("12300").Statements.Where(s => s.Property == "notes").Select(s => s.Value).ToList();
        Assert.Contains(notes, n => n.Contains("Linked To: PROMO RAIZ S.A.S.; Linked To: RED MUNDIAL INMOBILIARIA", StringComparison.Ordinal));
        Assert.Contains("Linked To: R D I S.A.", notes);
    }

    [Fact]
    public void Vessel_columns_and_remarks_become_vessel_statements()
    {
        var ship = Sdn2024.Value.Get("15036");
        Assert.Equal(EntitySchema.Vessel, ship.Schema);
        Assert.Equal("ARTAVIL", ship.Caption);
        Assert.Contains(new Statement("callSign", "T2EU4"), ship.Statements);
        Assert.Contains(new Statement("type", "Crude/Oil Products Tanker"), ship.Statements);
        Assert.Contains(new Statement("tonnage", "99,144"), ship.Statements);
        Assert.Contains(new Statement("grossRegisteredTonnage", "56,068"), ship.Statements);
        Assert.Contains(new Statement("flag", "Iran"), ship.Statements);
        Assert.Contains(new Statement("imoNumber", "IMO9187629", "Vessel Registration Identification IMO 9187629"), ship.Statements);
        Assert.Contains(new Statement("mmsi", "572469210", "MMSI 572469210"), ship.Statements);
        Assert.Contains(new NameEntry("ALPHA", NameType.WeakAlias), ship.Names);
        Assert.Contains(new Statement("notes", "Linked To: NATIONAL IRANIAN TANKER COMPANY."), ship.Statements);
    }

    [Fact]
    public void A_folder_is_recognised_by_its_main_file_and_a_stray_csv_is_not()
    {
        Assert.True(new OfacCsvParser().CanRead(ListInput.Open(TestData.Path("ofac/consolidated-csv"))));
        Assert.False(new OfacCsvParser().CanRead(ListInput.Open(TestData.Path("ofac/sdn-csv-2021/add.csv"))));
        Assert.False(new OfacCsvParser().CanRead(ListInput.Open(TestData.Path("other/us-bis-dpl/dpl.txt"))));
        Assert.False(new OfacCsvParser().CanRead(ListInput.Open(TestData.Path("ofac"))));
    }

    [Theory]
    [InlineData("un/consolidated.xml")]
    [InlineData("uk/ConList.xlsx")]
    [InlineData("samples/uk-ofsi-ConList-csv-excerpt-2020-04-27.csv")]
    [InlineData("other/us-bis-dpl/dpl.txt")]
    [InlineData("canada/sema-lemss.xml")]
    [InlineData("ofac/consolidated-enhanced-xml/cons_enhanced.xml")]
    [InlineData("ofac/consolidated-advanced-xml/cons_advanced.xml")]
    public void Neither_ofac_legacy_parser_claims_another_lists_file(string path)
    {
        var input = ListInput.Open(TestData.Path(path));
        Assert.False(new OfacCsvParser().CanRead(input));
        Assert.False(new OfacSdnXmlParser().CanRead(input));
    }

    [Fact]
    public void A_row_without_ent_num_fails_naming_the_file_and_line()
    {
        using var dir = TempListFile.Folder();
        var path = dir.Add("sdn.csv", "36,\"A\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n,\"B\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n\u001A");
        TempListFile.AssertFailsNamingFile(path, null, "line 2", "ent_num");
    }

    [Fact]
    public void A_wrong_column_count_fails_naming_the_file_and_line()
    {
        using var dir = TempListFile.Folder();
        var path = dir.Add("sdn.csv", "36,\"A\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n37,\"B\",-0- ,\"CUBA\"\r\n");
        TempListFile.AssertFailsNamingFile(path, null, "line 2", "expected 12 columns, found 4");
    }

    [Fact]
    public void A_broken_quote_fails_naming_the_file_and_line()
    {
        using var dir = TempListFile.Folder();
        var path = dir.Add("sdn.csv", "36,\"A\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n37,\"B,-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n");
        TempListFile.AssertFailsNamingFile(path, null, "line 2", "quoted field is never closed");
    }

    [Fact]
    public void A_main_file_without_the_end_marker_fails_as_cut_short()
    {
        using var dir = TempListFile.Folder();
        var path = dir.Add("sdn.csv", "36,\"A\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n37,\"B\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n");
        TempListFile.AssertFailsNamingFile(path, null, "end of file", "0x1A", "cut short");
    }

    [Fact]
    public void An_alias_file_without_the_end_marker_fails_as_cut_short_but_a_comments_file_may_lack_it()
    {
        using var dir = TempListFile.Folder();
        dir.Add("sdn.csv", "36,\"A\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n\u001A");
        dir.Add("sdn_comments.csv", "36,\" more\"\r\n");
        Assert.Single(ParsedList.Read(dir.Path).Records);

        var alt = dir.Add("alt.csv", "36,1,\"aka\",\"AA\",-0- \r\n");
        var e = Assert.Throws<ListFormatException>(() => ParsedList.Read(dir.Path));
        Assert.Contains(alt, e.Message, StringComparison.Ordinal);
        Assert.Contains("0x1A", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_alias_of_an_ent_num_missing_from_sdn_csv_fails_as_mixed_files()
    {
        using var dir = TempListFile.Folder();
        dir.Add("sdn.csv", "36,\"A\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n\u001A");
        var alt = dir.Add("alt.csv", "36,1,\"aka\",\"AA\",-0- \r\n99,2,\"aka\",\"ZZ\",-0- \r\n\u001A");
        var e = Assert.Throws<ListFormatException>(() => ParsedList.Read(dir.Path));
        Assert.Contains(alt, e.Message, StringComparison.Ordinal);
        Assert.Contains("line 2", e.Message, StringComparison.Ordinal);
        Assert.Contains("ent_num 99", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Windows_1252_text_is_decoded_as_windows_1252()
    {
        using var dir = TempListFile.Folder();
        var path = dir.Add("sdn.csv", Windows1252("36,\"CAF\u00C9 S.A.\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n\u001A"));
        var record = Assert.Single(ParsedList.Read(path, "us-ofac-csv").Records);
        Assert.Equal("CAF\u00C9 S.A.", record.Caption);
    }

    private static byte[] Windows1252(string text)
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        return System.Text.Encoding.GetEncoding(1252).GetBytes(text);
    }
}
