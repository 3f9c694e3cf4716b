using Vigil.Core.Model;
using Vigil.Core.Sources;

namespace Vigil.Tests.Sources;

// Expected figures were counted independently with a python3 script reading the xlsx XML (zipfile + ElementTree)
// and the csv module: rows per Group ID, Group Type per group, and (group, name type, name) triples.
public class OfsiXlsxParserTests
{
    private static readonly Lazy<ParsedList> Uk = new(() => ParsedList.Read(TestData.Path("uk/ConList.xlsx"), "gb-hmt-xlsx"));

    [Fact]
    public void Reads_one_record_per_group_id_from_all_name_rows()
    {
        var list = Uk.Value;
        // 18798 name rows, 4688 distinct Group IDs; the rows of one group are scattered (3818 returns to a group already seen).
        Assert.Equal(4688, list.Records.Count);
        Assert.Equal(4688, list.DistinctIds);
        Assert.Equal(3663, list.Records.Count(r => r.Schema == EntitySchema.Person));
        Assert.Equal(1010, list.Records.Count(r => r.Schema == EntitySchema.Organization));
        Assert.Equal(15, list.Records.Count(r => r.Schema == EntitySchema.Vessel));
        Assert.Equal("gb-hmt", list.Header.Source);
        Assert.Equal("2025-04-14", list.Header.Published);
        Assert.Null(list.Header.DeclaredCount);
    }

    [Fact]
    public void Alias_type_and_quality_give_the_name_types()
    {
        var names = Uk.Value.Records.SelectMany(r => r.Names).ToList();
        // Distinct (group, type, name): "Primary name" 4690 (some groups have two primary spellings), "AKA" and
        // "Primary name variation" 7462, the same with "Low quality" 617, "FKA" 15; 3226 distinct non-Latin names.
        Assert.Equal(4690, names.Count(n => n.Type == NameType.Primary));
        Assert.Equal(7462, names.Count(n => n.Type == NameType.Alias));
        Assert.Equal(617, names.Count(n => n.Type == NameType.WeakAlias));
        Assert.Equal(15, names.Count(n => n.Type == NameType.Former));
        Assert.Equal(3226, names.Count(n => n.Type == NameType.OriginalScript));
        Assert.Contains(names, n => n is { Type: NameType.OriginalScript, Language: "ru", Script: "Cyrl" });
    }

    [Fact]
    public void Khalimov_has_his_name_parts_both_birth_dates_and_his_un_record()
    {
        var k = Uk.Value.Get("13313");
        Assert.Equal(EntitySchema.Person, k.Schema);
        Assert.Equal("GULMUROD KHALIMOV", k.Caption);
        var name = Assert.Single(k.Names);
        Assert.Equal(NameType.Primary, name.Type);
        Assert.Equal([new NamePart(NamePartKind.Given, "GULMUROD"), new NamePart(NamePartKind.Family, "KHALIMOV")], name.Parts);
        Assert.Contains(new Statement("birthDate", "1975-05-14", "14/05/1975"), k.Statements);
        Assert.Contains(new Statement("birthDate", "1975", "00/00/1975"), k.Statements);
        Assert.Equal(2, k.Statements.Count(s => s.Property == "birthDate"));
        Assert.Contains(new Statement("birthPlace", "Varzob area, Tajikistan"), k.Statements);
        Assert.Contains(new Statement("birthPlace", "Dushanbe, Tajikistan"), k.Statements);
        Assert.Contains(new Statement("nationality", "Tajikistan"), k.Statements);
        Assert.Contains(new Statement("country", "Syria"), k.Statements);
        Assert.Contains(new Statement("modifiedAt", "2020-12-31", "31/12/2020"), k.Statements);
        Assert.Contains(new Statement("notes", "UK Sanctions List Date Designated: 29/02/2016"), k.Statements);
        Assert.Equal(new Designation("ISIL (Da'esh) and Al-Qaida", "2016-03-07", "HM Treasury (OFSI)", "AQD0179"), Assert.Single(k.Designations));
        // The UN Ref field names him (QDi.372); the same field also names Al-Qaida in Iraq (QDe.115), a different entity.
        var xref = Assert.Single(k.Statements, s => s.Property == "crossReference");
        Assert.Equal(new Statement("crossReference", "un-sc:QDi.372", "QDi.372"), xref);
        Assert.Contains(k.Statements, s => s.Property == "notes" && s.Value.StartsWith("(UK Sanctions List Ref):AQD0179. (UN Ref):QDi.372. Syria-based", StringComparison.Ordinal));
    }

    [Fact]
    public void Exactly_the_groups_whose_un_ref_field_opens_with_a_reference_are_cross_referenced()
    {
        // 881 groups have "UN Ref" somewhere in Other Information; 866 of them in a "(UN Ref):" field, which always
        // opens with the reference. The other 15 are DPRK ships quoting their owner's "UN Ref KPe.0xx" (a different
        // entity). Two more groups (16681, 16682) carry "SDi.005"/"SDi.006" in the UK Sanctions List Ref field,
        // not in a UN Ref field, and are not counted. So 866, as the shared data README says.
        var withXref = Uk.Value.Records.Where(r => r.Statements.Any(s => s.Property == "crossReference")).ToList();
        Assert.Equal(866, withXref.Count);
        Assert.All(withXref, r => Assert.Single(r.Statements, s => s.Property == "crossReference"));
    }

    [Fact]
    public void Irregular_un_reference_spellings_resolve_to_the_un_spelling()
    {
        var ansar = Uk.Value.Get("13169");
        Assert.Equal(new Statement("crossReference", "un-sc:QDe.145", "QDE.145"), Assert.Single(ansar.Statements, s => s.Property == "crossReference"));
        Assert.Equal("ANSAR AL CHARIA DERNA", ansar.Caption);
        var byamungu = Uk.Value.Get("16180");
        Assert.Equal(new Statement("crossReference", "un-sc:CDi.038", "CDi. 038"), Assert.Single(byamungu.Statements, s => s.Property == "crossReference"));
    }

    [Fact]
    public void Groups_without_a_primary_name_row_are_captioned_by_their_first_name_in_file_order()
    {
        var institute = Uk.Value.Get("16601");
        Assert.Equal("33RD SCIENTIFIC RESEARCH AND TESTING INSTITUTE", institute.Caption);
        Assert.DoesNotContain(institute.Names, n => n.Type == NameType.Primary);
        Assert.Equal(3, institute.Names.Count);

        var premera = Uk.Value.Get("16789");
        Assert.Equal(EntitySchema.Organization, premera.Schema);
        Assert.Equal("PREMERA (H.K.) INTERNATIONAL CO, LIMITED", premera.Caption);
        var script = Assert.Single(premera.Names, n => n.Type == NameType.OriginalScript);
        Assert.Equal("普萊米樂(香港)國際貿易有限公司", script.FullName);
        Assert.Equal("zh", script.Language);
        Assert.Equal("Hani", script.Script);
        Assert.Empty(premera.Names[0].Parts);
        Assert.Contains(new Statement("website", "https://premera.asia/"), premera.Statements);
        Assert.Contains(new Statement("email", "premera@163.com"), premera.Statements);
        Assert.Contains(new Statement("registrationNumber", "33866023"), premera.Statements);
        Assert.Contains(new Statement("address", "YABAOCHEN INTERNATIONAL TOWER, 19 RITANBE ROAD, CHAOYANG DISTRICT, BEIJING, China"), premera.Statements);
        Assert.Equal(new Designation("Russia", "2025-02-24", "HM Treasury (OFSI)", "RUS2427"), Assert.Single(premera.Designations));
    }

    [Fact]
    public void A_ship_is_a_vessel_with_its_imo_number_and_flag_and_no_cross_reference_to_its_owner()
    {
        var ship = Uk.Value.Get("13651");
        Assert.Equal(EntitySchema.Vessel, ship.Schema);
        Assert.Equal("SAM JONG 2", ship.Caption);
        Assert.Equal(9, ship.Names.Count);
        Assert.Contains(ship.Names, n => n is { FullName: "AKTIVA", Type: NameType.Alias });
        Assert.Contains(new Statement("imoNumber", "7408873"), ship.Statements);
        Assert.Contains(new Statement("flag", "North Korea"), ship.Statements);
        Assert.Equal(new Designation("Democratic People's Republic of Korea", "2018-04-03", "HM Treasury (OFSI)", "DPR0100"), Assert.Single(ship.Designations));
        // "Listed as asset of Korea Samjong Shipping (... UN Ref KPe.064)": the owner's UN record, not the ship's.
        Assert.DoesNotContain(ship.Statements, s => s.Property == "crossReference");
    }

    [Fact]
    public void A_workbook_without_the_ofsi_header_is_not_claimed()
    {
        var input = ListInput.Open(TestData.Path("australia/regulation8_consolidated.xlsx"));
        Assert.False(new OfsiXlsxParser().CanRead(input));
        Assert.True(new OfsiXlsxParser().CanRead(ListInput.Open(TestData.Path("uk/ConList.xlsx"))));
    }

    [Fact]
    public void A_zip_that_is_not_a_workbook_fails_naming_the_file()
    {
        using var file = TempListFile.Write(".xlsx", [(byte)'P', (byte)'K', 3, 4, 0, 0, 0, 0, 1, 2, 3]);
        var e = Assert.Throws<ListFormatException>(() => new OfsiXlsxParser().Read(ListInput.Open(file.Path), new ListHeader(), TestContext.Current.CancellationToken).ToList());
        Assert.Contains(file.Path, e.Message, StringComparison.Ordinal);
    }
}

public class OfsiCsvParserTests
{
    private static readonly Lazy<ParsedList> Sample = new(() =>
        ParsedList.Read(TestData.Path("samples/uk-ofsi-ConList-csv-excerpt-2020-04-27.csv"), "gb-hmt-csv"));

    private const string Header =
        "Name 6,Name 1,Name 2,Name 3,Name 4,Name 5,Title,Name Non-Latin Script,Non-Latin Script Type,Non-Latin Script Language,DOB,Town of Birth,Country of Birth,Nationality,Passport Number,Passport Details,National Identification Number,NI Details,Position,Address 1,Address 2,Address 3,Address 4,Address 5,Address 6,Post/Zip Code,Country,Other Information,Group Type,Alias Type,Alias Quality,Regime,Listed On,UK Sanctions List Date Designated,Last Updated,Group ID";

    [Fact]
    public void Reads_the_six_groups_of_the_twenty_three_rows()
    {
        var list = Sample.Value;
        Assert.Equal(6, list.Records.Count);
        Assert.Equal(["9053", "13063", "13754", "11039", "13017", "9215"], list.Records.Select(r => r.NativeId));
        Assert.All(list.Records, r => Assert.Equal(EntitySchema.Person, r.Schema));
        Assert.Equal("gb-hmt", list.Header.Source);
        Assert.Equal("2020-04-27", list.Header.Published);
    }

    [Fact]
    public void Hojati_prime_alias_is_primary_with_his_persian_name_and_the_old_style_un_ref()
    {
        var h = Sample.Value.Get("9053");
        Assert.Equal("Mohsen HOJATI", h.Caption);
        Assert.Equal([new NamePart(NamePartKind.Given, "Mohsen"), new NamePart(NamePartKind.Family, "HOJATI")], h.Names[0].Parts);
        var persian = Assert.Single(h.Names, n => n.Type == NameType.OriginalScript);
        Assert.Equal("محسن حجتی", persian.FullName);
        Assert.Equal("fa", persian.Language);
        Assert.Contains(new Statement("birthDate", "1955-09-28", "28/09/1955"), h.Statements);
        Assert.Contains(new Statement("position", "Head of Fajr Industrial Group"), h.Statements);
        Assert.Contains(new Statement("crossReference", "un-sc:IRi.018", "IRi.018"), h.Statements);
        // The 2020 layout has no "(UK Sanctions List Ref):" label, so the designation has no reference.
        Assert.Equal(new Designation("Iran (nuclear proliferation)", "2007-03-24", "HM Treasury (OFSI)"), Assert.Single(h.Designations));
        Assert.Contains(new Statement("modifiedAt", "2017-06-27", "27/06/2017"), h.Statements);
    }

    [Fact]
    public void Partial_birth_dates_keep_what_is_known()
    {
        var h = Sample.Value.Get("13063");
        // No "Primary name" row: the caption is the first name in file order.
        Assert.Equal("Kateryna Yuriyivna HUBARIEVA", h.Caption);
        Assert.Equal(NameType.Alias, Assert.Single(h.Names).Type);
        Assert.Equal(
            [new NamePart(NamePartKind.Given, "Kateryna"), new NamePart(NamePartKind.Middle, "Yuriyivna"), new NamePart(NamePartKind.Family, "HUBARIEVA")],
            h.Names[0].Parts);
        Assert.Equal(
            [new Statement("birthDate", "1983-07-05", "05/07/1983"), new Statement("birthDate", "1983", "10/00/1983"), new Statement("birthDate", "1984-04", "00/04/1984")],
            h.Statements.Where(s => s.Property == "birthDate"));
        Assert.Contains(new Statement("birthPlace", "Kakhovka, Kherson Oblast, Ukraine"), h.Statements);

        var so = Sample.Value.Get("11039");
        Assert.Equal("Sang-kuk SO", so.Caption);
        Assert.Contains(so.Names, n => n is { FullName: "Sang Kuk SO", Type: NameType.Alias });
        Assert.Equal(["1932", "1933", "1934", "1935", "1936", "1937", "1938"], so.Statements.Where(s => s.Property == "birthDate").Select(s => s.Value).Order());
        Assert.DoesNotContain(so.Statements, s => s.Property == "crossReference");
    }

    [Fact]
    public void Saeed_is_cross_referenced_to_his_own_un_record_not_to_his_group()
    {
        var s = Sample.Value.Get("9215");
        Assert.Equal("Hafez Mohammad SAEED", s.Caption);
        Assert.Equal(new Statement("crossReference", "un-sc:QDi.263", "QDi.263"), Assert.Single(s.Statements, x => x.Property == "crossReference"));
        Assert.Equal("AQD0183", Assert.Single(s.Designations).Reference);
        Assert.Contains(new Statement("idNumber", "3520025509842-7 (Pakistani)"), s.Statements);
        Assert.Contains(new Statement("address", "House No 116E, Mohalla Johar, Lahore, Tehsil, Lahore City, Lahore District, 123321, Pakistan (location as at May 2008)"), s.Statements);
        Assert.Equal("ar", Assert.Single(s.Names, n => n.Type == NameType.OriginalScript).Language);
        Assert.Equal("ru", Assert.Single(Sample.Value.Get("13017").Names, n => n.Type == NameType.OriginalScript).Language);
    }

    [Fact]
    public void A_broken_quote_fails_naming_the_file_and_line()
    {
        using var file = TempListFile.Write(".csv", "Last Updated,01/01/2025\n" + Header + "\n" + Row("1", "A") + "\n" + Row("2", "\"B") + "\n" + Row("3", "C") + "\n");
        TempListFile.AssertFailsNamingFile(file.Path, "gb-hmt-csv", "line 4", "quote");
    }

    [Fact]
    public void A_wrong_column_count_fails_naming_the_line()
    {
        using var file = TempListFile.Write(".csv", "Last Updated,01/01/2025\n" + Header + "\n" + Row("1", "A") + "\nSHORT,Row,Individual,7\n");
        var e = Assert.Throws<ListFormatException>(() => ParsedList.Read(file.Path, "gb-hmt-csv"));
        Assert.Contains("line 4", e.Message, StringComparison.Ordinal);
        Assert.Contains("expected 36, found 4", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_without_group_id_fails_naming_the_line()
    {
        using var file = TempListFile.Write(".csv", "Last Updated,01/01/2025\n" + Header + "\n" + Row("1", "A") + "\n" + Row("", "B") + "\n");
        TempListFile.AssertFailsNamingFile(file.Path, "gb-hmt-csv", "line 4", "Group ID");
    }

    [Fact]
    public void Rows_of_a_group_fold_into_one_record_whatever_their_order()
    {
        using var file = TempListFile.Write(".csv", Header + "\n" + Row("7", "ALPHA") + "\n" + Row("8", "BETA") + "\n" + Row("7", "ALPHA", aliasType: "AKA", dob: "00/00/1970") + "\n");
        var list = ParsedList.Read(file.Path, "gb-hmt-csv");
        Assert.Null(list.Header.Published);
        Assert.Equal(["7", "8"], list.Records.Select(r => r.NativeId));
        var seven = list.Records[0];
        Assert.Equal(["1970-01-02", "1970"], seven.Statements.Where(s => s.Property == "birthDate").Select(s => s.Value));
        Assert.Equal(2, seven.Names.Count);
        Assert.Single(seven.Statements, s => s.Property == "notes" && s.Value.StartsWith("(UK Sanctions", StringComparison.Ordinal));
    }

    private static string Row(string groupId, string name, string aliasType = "Primary name", string dob = "02/01/1970")
    {
        var cells = new string[36];
        Array.Fill(cells, "");
        cells[0] = name;
        cells[10] = dob;
        cells[27] = "(UK Sanctions List Ref):TST0001. (UN Ref):QDi.001.";
        cells[28] = "Individual";
        cells[29] = aliasType;
        cells[31] = "Test";
        cells[32] = "01/01/2020";
        cells[35] = groupId;
        return string.Join(',', cells);
    }
}
