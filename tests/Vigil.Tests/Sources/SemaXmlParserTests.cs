using Vigil.Core.Model;
using Vigil.Core.Sources;

namespace Vigil.Tests.Sources;

public class SemaXmlParserTests
{
    private static readonly Lazy<ParsedList> Sema = new(() => ParsedList.Read(TestData.Path("canada/sema-lemss.xml"), "ca-sema-xml"));

    [Fact]
    public void Reads_every_record_the_file_holds()
    {
        // Counted with ElementTree: 4759 record; 3334 with LastName (persons); 1425 with EntityOrShip, of which 109
        // carry a ShipIMONumber. Country + Schedule + Item is unique over the file, so every id is distinct.
        var list = Sema.Value;
        Assert.Equal(4759, list.Records.Count);
        Assert.Equal(4759, list.DistinctIds);
        Assert.Equal(3334, list.Records.Count(r => r.Schema == EntitySchema.Person));
        Assert.Equal(1316, list.Records.Count(r => r.Schema == EntitySchema.Organization));
        Assert.Equal(109, list.Records.Count(r => r.Schema == EntitySchema.Vessel));
        Assert.Equal("ca-sema", list.Header.Source);
        Assert.Null(list.Header.Published);
        Assert.Null(list.Header.DeclaredCount);
    }

    [Theory]
    [InlineData("Russia / Russie", "1, Part 1", "123", "russia_1-part-1_123")]
    [InlineData("Russia / Russie", "1,Part 3", "4", "russia_1-part-3_4")]
    [InlineData("Russia / Russie", "1.1", "5", "russia_1.1_5")]
    [InlineData("Myanmar (Burma) / Myanmar (Birmanie)", "Part 2", "7", "myanmar-burma_part-2_7")]
    [InlineData("Venezuela ", null, "12", "venezuela_12")]
    [InlineData("Haiti / Haïti", "Part 1", "1", "haiti_part-1_1")]
    public void Native_id_is_regime_schedule_and_item_url_safe(string country, string? schedule, string item, string expected) =>
        Assert.Equal(expected, SemaXmlParser.NativeId(country, schedule, item));

    [Fact]
    public void A_person_has_given_and_family_parts_birth_date_and_listing()
    {
        var r = Sema.Value.Get("belarus_1-part-1_8");
        Assert.Equal(EntitySchema.Person, r.Schema);
        var name = Assert.Single(r.Names);
        Assert.Equal("Aleksandr Grigoryevich Lukashenko", name.FullName);
        Assert.Equal([new NamePart(NamePartKind.Given, "Aleksandr Grigoryevich"), new NamePart(NamePartKind.Family, "Lukashenko")], name.Parts);
        Assert.Contains(new Statement("birthDate", "1954-08-30"), r.Statements);
        Assert.Equal(new Designation("Belarus / Bélarus", "2020-09-28", "Canada", "Schedule 1, Part 1, Item 8"), Assert.Single(r.Designations));
    }

    [Fact]
    public void Language_labelled_aliases_become_original_script_names_with_their_language()
    {
        var r = Sema.Value.Get("belarus_1-part-1_102");
        Assert.Equal("Roman Ivanovich BIZYUK", r.Caption);
        Assert.Equal(
            [
                "Roman Ivanovich BIZYUK/Primary/",
                "Raman Ivanavich BIZIUK/Alias/",
                "Раман Iванавiч БIЗЮК/OriginalScript/be",
                "Роман Иванович БИЗЮК/OriginalScript/ru",
            ],
            r.Names.Select(n => $"{n.FullName}/{n.Type}/{n.Language}"));
        Assert.Contains(new Statement("birthDate", "1986-03-25"), r.Statements);
    }

    [Fact]
    public void Comma_separated_aliases_split_and_alternative_birth_dates_are_both_kept()
    {
        var r = Sema.Value.Get("iran_1-part-2.1_107");
        Assert.Equal("Siamak Rahpeik", r.Caption);
        Assert.Equal(["Siyamak Rahpeyk", "Siamak Rahpiek", "Siyamak Rah-Peyk"], r.Names.Where(n => n.Type == NameType.Alias).Select(n => n.FullName));
        Assert.Contains(r.Names, n => n.Type == NameType.OriginalScript && n.Script == "Arab");
        Assert.Contains(new Statement("birthDate", "1963"), r.Statements);
        Assert.Contains(new Statement("birthDate", "1964"), r.Statements);

        var jv = Sema.Value.Get("justice-for-victims-of-corrupt-foreign-officials-regulations-jvcfor_54");
        Assert.Equal("Mansour Othman ABAHUSSAIN", jv.Caption);
        Assert.Contains(new Statement("birthDate", "1972-08-10"), jv.Statements);
        Assert.Contains(new Statement("birthDate", "1972-08-11"), jv.Statements);
        Assert.Equal("Item 54", Assert.Single(jv.Designations).Reference);
    }

    [Fact]
    public void An_entity_keeps_legal_forms_inside_its_aliases()
    {
        var r = Sema.Value.Get("russia_1-part-2_428");
        Assert.Equal(EntitySchema.Organization, r.Schema);
        Assert.Equal("Federal State Unitary Enterprise All-Russian Research Institute of Experimental Physics", r.Caption);
        Assert.Contains(r.Names, n => n is { FullName: "RFNC - Vniief, FSUE", Type: NameType.Alias });
        Assert.Contains(r.Names, n => n is { FullName: "РФЯЦ - Внииэф, ФГУП", Type: NameType.OriginalScript, Script: "Cyrl" });
        Assert.Equal(4, r.Names.Count);
        Assert.Equal(new Designation("Russia / Russie", "2023-08-22", "Canada", "Schedule 1, Part 2, Item 428"), Assert.Single(r.Designations));

        var sea = Sema.Value.Get("russia_1-part-2_665");
        Assert.Equal(["Sea River Service LLC", "Море Река Сервис, ООО"], sea.Names.Select(n => n.FullName));
    }

    [Fact]
    public void A_ship_is_a_vessel_with_imo_number_type_and_build_year()
    {
        var r = Sema.Value.Get("russia_1.1_1");
        Assert.Equal(EntitySchema.Vessel, r.Schema);
        Assert.Equal("Balitiyskiy III", r.Caption);
        Assert.Contains(new Statement("imoNumber", "7612448"), r.Statements);
        Assert.Contains(new Statement("type", "General Cargo / Multi Purpose"), r.Statements);
        Assert.Contains(new Statement("buildDate", "1980"), r.Statements);
        Assert.DoesNotContain(r.Statements, s => s.Property == "birthDate");
        Assert.Equal(new Designation("Russia / Russie", "2025-02-21", "Canada", "Schedule 1.1, Item 1"), Assert.Single(r.Designations));
    }

    [Fact]
    public void A_person_title_and_nicknames_are_kept()
    {
        var general = Sema.Value.Get("syria_part-2_60");
        Assert.Equal("Jumah Al-Ahmad", general.Caption);
        Assert.Contains(new Statement("title", "Major General/major-général"), general.Statements);

        var dremov = Sema.Value.Get("ukraine_part-1_69");
        Assert.Equal(["Batya", "Kazak"], dremov.Names.Where(n => n.Type == NameType.Alias).Select(n => n.FullName));
    }

    [Fact]
    public void Unreadable_birth_dates_are_kept_as_notes()
    {
        var notes = Sema.Value.Records.SelectMany(r => r.Statements).Where(s => s.Property == "notes").Select(s => s.Value).ToList();
        Assert.Contains("birthDate: born in the early 1970s", notes);
        Assert.Contains("birthDate: Sep-99", notes);
    }

    [Fact]
    public void A_repeated_regime_schedule_and_item_gets_the_name_appended()
    {
        using var file = TempListFile.Write(".xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <data-set>
              <record><Country>Russia / Russie</Country><LastName>Ivanov</LastName><GivenName>Ivan</GivenName><Schedule>1, Part 1</Schedule><Item>1</Item><DateOfListing>2022-02-24</DateOfListing></record>
              <record><Country>Russia / Russie</Country><LastName>Petrov</LastName><GivenName>Petr</GivenName><Schedule>1, Part 1</Schedule><Item>1</Item><DateOfListing>2022-02-24</DateOfListing></record>
            </data-set>
            """);
        var list = ParsedList.Read(file.Path, "ca-sema-xml");
        Assert.Equal(["russia_1-part-1_1", "russia_1-part-1_1_petr-petrov"], list.Records.Select(r => r.NativeId));
    }

    [Fact]
    public void A_record_without_item_fails_naming_the_file_and_line()
    {
        using var file = TempListFile.Write(".xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <data-set>
              <record><Country>Russia / Russie</Country><LastName>Ivanov</LastName><Item>1</Item></record>
              <record><Country>Russia / Russie</Country><LastName>Petrov</LastName></record>
            </data-set>
            """);
        TempListFile.AssertFailsNamingFile(file.Path, "ca-sema-xml", "line 4", "Item");
    }

    [Fact]
    public void A_truncated_file_fails_naming_the_file_and_line()
    {
        using var file = TempListFile.Write(".xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <data-set>
              <record><Country>Russia / Russie</Country><LastName>Ivanov</LastName><Item>1</Item></record>
              <record><Country>Russia / Russie</Country><LastName>Pet
            """);
        var e = TempListFile.AssertFailsNamingFile(file.Path, "ca-sema-xml", "malformed XML");
        Assert.Matches(@"line [45], column \d+", e.Message);
    }
}
