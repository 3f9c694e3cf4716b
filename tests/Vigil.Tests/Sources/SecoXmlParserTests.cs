using Vigil.Core.Model;
using Vigil.Core.Sources;

namespace Vigil.Tests.Sources;

public class SecoXmlParserTests
{
    private const string Seco = "State Secretariat for Economic Affairs (SECO)";

    private static readonly Lazy<ParsedList> TestList = new(() => ParsedList.Read(TestData.Path("samples/ch-seco-amendment-TEST-2024-01-17.xml"), "ch-seco-xml"));

    // The only real SECO file available is SECO's 3-target test amendment; this one exercises the rest of the format
    // (name parts, spelling variants, places, documents, vessels, relations, de-listing, embedded history).
    private const string Rich = """
        <?xml version="1.0" encoding="UTF-8"?>
        <swiss-sanctions-list list-type="whole-list" date="2026-03-10">
          <sanctions-program ssid="20">
            <program-key lang="eng">Belarus</program-key>
            <program-name lang="ger">Verordnung über Massnahmen gegenüber Belarus</program-name>
            <program-name lang="eng">Ordinance on measures against Belarus</program-name>
            <sanctions-set ssid="4387" lang="ger">Anhang 1</sanctions-set>
            <sanctions-set ssid="4387" lang="eng">Annex 1</sanctions-set>
            <origin>EU</origin>
          </sanctions-program>
          <place ssid="900"><location>Minsk</location><area>Minsk Region</area><country iso-code="BY">Belarus</country></place>
          <target ssid="100">
            <sanctions-set-id>4387</sanctions-set-id>
            <foreign-identifier>QDi.372</foreign-identifier>
            <individual sex="male">
              <identity ssid="1" main="true">
                <name ssid="2" name-type="primary-name" quality="good">
                  <name-part order="2" name-part-type="given-name"><value>Aliaksandr</value><spelling-variant lang="rus" script="CYRL">Александр</spelling-variant></name-part>
                  <name-part order="1" name-part-type="title"><value>Dr.</value></name-part>
                  <name-part order="3" name-part-type="father-name"><value>Ryhoravich</value><spelling-variant lang="rus" script="CYRL">Григорьевич</spelling-variant></name-part>
                  <name-part order="4" name-part-type="family-name"><value>LUKASHENKA</value><spelling-variant lang="rus" script="CYRL">ЛУКАШЕНКО</spelling-variant></name-part>
                </name>
                <name ssid="3" name-type="alias" quality="low"><name-part order="1" name-part-type="whole-name"><value>Batka</value></name-part></name>
                <name ssid="4" name-type="formerly-known-as" quality="good"><name-part order="1" name-part-type="whole-name"><value>Sasha Old</value></name-part></name>
                <day-month-year ssid="5" year="1954" calendar="Gregorian" quality="good"/>
                <day-month-year ssid="6" day="30" month="8" year="1955" calendar="Gregorian" quality="fuzzy"/>
                <place-of-birth ssid="7" place-id="900"/>
                <nationality ssid="8"><country iso-code="BY">Belarus</country></nationality>
                <address ssid="9" place-id="900"><address-details>Karl Marx St. 38</address-details><zip-code>220016</zip-code></address>
                <identification-document ssid="10" document-type="diplomatic-passport"><number>DP0001</number><issuer>Belarus</issuer><date-of-issue>2020-01-01</date-of-issue></identification-document>
                <identification-document ssid="11" document-type="id-card"><number>ID-77</number></identification-document>
              </identity>
              <identity ssid="12" main="false">
                <name ssid="13" name-type="primary-name" quality="good"><name-part order="1" name-part-type="whole-name"><value>Alexander Lukashenko</value></name-part></name>
              </identity>
              <justification ssid="14">President of Belarus.</justification>
              <relation ssid="15" target-id="200" relation-type="related-to"/>
              <other-information ssid="16">Taxpayer identification number: 123</other-information>
            </individual>
            <modification ssid="17" modification-type="listed" publication-date="2022-03-16" effective-date="2022-03-16"/>
            <modification ssid="18" modification-type="amended" publication-date="2023-05-02" effective-date="2023-05-02">
              <removed><target ssid="999"><individual><identity main="true"><name name-type="primary-name"><name-part order="1" name-part-type="whole-name"><value>History Copy</value></name-part></name></identity></individual></target></removed>
            </modification>
          </target>
          <target ssid="200">
            <sanctions-set-id>4387</sanctions-set-id>
            <object object-type="vessel">
              <identity ssid="21" main="true"><name ssid="22" name-type="primary-name" quality="good"><name-part order="1" name-part-type="whole-name"><value>SEA STAR</value></name-part></name></identity>
              <other-information ssid="23">IMO number: 9123456</other-information>
            </object>
            <modification ssid="24" modification-type="listed" publication-date="2022-04-01"/>
          </target>
          <target ssid="300">
            <sanctions-set-id>4387</sanctions-set-id>
            <entity><identity ssid="31" main="true"><name ssid="32" name-type="primary-name" quality="good"><name-part order="1" name-part-type="whole-name"><value>Gone Ltd</value></name-part></name></identity></entity>
            <modification ssid="33" modification-type="listed" publication-date="2022-04-01"/>
            <modification ssid="34" modification-type="de-listed" publication-date="2023-04-01"/>
          </target>
        </swiss-sanctions-list>
        """;

    [Fact]
    public void Reads_the_three_targets_of_the_seco_test_amendment()
    {
        var list = TestList.Value;
        Assert.Equal(["64398", "64403", "64393"], list.Records.Select(r => r.NativeId));
        Assert.All(list.Records, r => Assert.Equal(EntitySchema.Person, r.Schema));
        Assert.Equal("ch-seco", list.Header.Source);
        Assert.Equal("2024-01-17", list.Header.Published);
        Assert.Null(list.Header.DeclaredCount);
    }

    [Fact]
    public void Test_b_is_a_woman_from_the_united_kingdom_under_annex_2()
    {
        var b = TestList.Value.Get("64398");
        AssertWholeName("Test B", Assert.Single(b.Names));
        Assert.Equal(new Designation("EXAMPLE", null, Seco, "Financial measures, annex 2"), Assert.Single(b.Designations));
        AssertStatements(
            [
                new Statement("gender", "female"),
                new Statement("name", "Test B"),
                new Statement("birthDate", "2025-12-31"),
                new Statement("nationality", "United Kingdom"),
                new Statement("program", "EXAMPLE"),
            ],
            b.Statements.Distinct());
    }

    [Fact]
    public void Test_c_is_a_man_from_the_united_states_under_annex_1()
    {
        var c = TestList.Value.Get("64403");
        AssertWholeName("Test C", Assert.Single(c.Names));
        Assert.Equal(new Designation("EXAMPLE", null, Seco, "Travel ban, annex 1"), Assert.Single(c.Designations));
        AssertStatements(
            [
                new Statement("gender", "male"),
                new Statement("name", "Test C"),
                new Statement("birthDate", "2000-01-01"),
                new Statement("nationality", "United States"),
                new Statement("program", "EXAMPLE"),
            ],
            c.Statements.Distinct());
    }

    [Fact]
    public void Test_a_has_no_sex_and_two_sanctions_sets()
    {
        var a = TestList.Value.Get("64393");
        AssertWholeName("Test A", Assert.Single(a.Names));
        Assert.Equal(
            [
                new Designation("EXAMPLE", null, Seco, "Financial measures, annex 2"),
                new Designation("EXAMPLE", null, Seco, "Travel ban, annex 1"),
            ],
            a.Designations);
        AssertStatements(
            [
                new Statement("name", "Test A"),
                new Statement("birthDate", "1900-01-01"),
                new Statement("nationality", "Switzerland"),
                new Statement("program", "EXAMPLE"),
            ],
            a.Statements.Distinct());
    }

    [Fact]
    public void Name_parts_spelling_variants_and_identities_become_names()
    {
        var list = ReadRich();
        var r = list.Get("100");
        Assert.Equal("Aliaksandr Ryhoravich LUKASHENKA", r.Caption);
        Assert.Equal(
            [
                new NamePart(NamePartKind.Title, "Dr."), new NamePart(NamePartKind.Given, "Aliaksandr"),
                new NamePart(NamePartKind.Patronymic, "Ryhoravich"), new NamePart(NamePartKind.Family, "LUKASHENKA"),
            ],
            r.Names[0].Parts);
        Assert.Contains(r.Names, n => n is { FullName: "Александр Григорьевич ЛУКАШЕНКО", Type: NameType.OriginalScript, Language: "rus", Script: "Cyrl" });
        Assert.Contains(r.Names, n => n is { FullName: "Batka", Type: NameType.WeakAlias });
        Assert.Contains(r.Names, n => n is { FullName: "Sasha Old", Type: NameType.Former });
        // A primary name of a secondary identity is an alias.
        Assert.Contains(r.Names, n => n is { FullName: "Alexander Lukashenko", Type: NameType.Alias });
        Assert.Contains(new Statement("title", "Dr."), r.Statements);
        Assert.Contains(new Statement("gender", "male"), r.Statements);
    }

    [Fact]
    public void Dates_places_documents_and_listing_are_read()
    {
        var r = ReadRich().Get("100");
        Assert.Contains(new Statement("birthDate", "1954"), r.Statements);
        Assert.Contains(new Statement("birthDate", "1955-08-30~", "1955-08-30 (quality fuzzy)"), r.Statements);
        Assert.Contains(new Statement("birthPlace", "Minsk, Minsk Region, Belarus"), r.Statements);
        Assert.Contains(new Statement("birthCountry", "Belarus"), r.Statements);
        Assert.Contains(new Statement("nationality", "Belarus"), r.Statements);
        Assert.Contains(new Statement("address", "Karl Marx St. 38, 220016, Minsk, Minsk Region, Belarus"), r.Statements);
        Assert.Contains(new Statement("passportNumber", "DP0001", "diplomatic-passport, DP0001, Belarus, issued 2020-01-01"), r.Statements);
        Assert.Contains(new Statement("idNumber", "ID-77", "id-card, ID-77"), r.Statements);
        Assert.Equal(new Designation("Ordinance on measures against Belarus", "2022-03-16", Seco, "Annex 1"), Assert.Single(r.Designations));
        Assert.Contains(new Statement("modifiedAt", "2023-05-02"), r.Statements);
        Assert.Contains(new Statement("crossReference", "un-sc:QDi.372", "QDi.372"), r.Statements);
        Assert.Contains(new Statement("notes", "President of Belarus."), r.Statements);
        Assert.Contains(new Statement("notes", "Taxpayer identification number: 123"), r.Statements);
        Assert.Contains(new Statement("notes", "related-to ch-seco:200"), r.Statements);
    }

    [Fact]
    public void Vessels_are_read_delisted_targets_and_embedded_history_are_not()
    {
        var list = ReadRich();
        Assert.Equal(["100", "200"], list.Records.Select(r => r.NativeId));
        Assert.Equal("2026-03-10", list.Header.Published);
        var ship = list.Get("200");
        Assert.Equal(EntitySchema.Vessel, ship.Schema);
        Assert.Equal("SEA STAR", ship.Caption);
        Assert.Contains(new Statement("imoNumber", "9123456", "IMO number: 9123456"), ship.Statements);
    }

    [Fact]
    public void A_target_without_ssid_fails_naming_the_file_and_line()
    {
        using var file = TempListFile.Write(".xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <swiss-sanctions-list list-type="amendment" date="2024-01-17">
              <target><individual><identity main="true"><name name-type="primary-name"><name-part order="1" name-part-type="whole-name"><value>X</value></name-part></name></identity></individual></target>
            </swiss-sanctions-list>
            """);
        TempListFile.AssertFailsNamingFile(file.Path, "ch-seco-xml", "line 3", "ssid");
    }

    [Fact]
    public void A_truncated_file_fails_naming_the_file_and_line()
    {
        using var file = TempListFile.Write(".xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <swiss-sanctions-list list-type="amendment" date="2024-01-17">
              <target ssid="1"><individual><identity main="true"><name name-type="primary-name"><name-part order="1" name-part-type="whole-name"><value>X
            """);
        var e = TempListFile.AssertFailsNamingFile(file.Path, "ch-seco-xml", "malformed XML");
        Assert.Matches(@"line [34], column \d+", e.Message);
    }

    [Fact]
    public void A_document_type_declaration_is_refused_not_expanded()
    {
        using var file = TempListFile.Write(".xml", """
            <?xml version="1.0"?>
            <!DOCTYPE swiss-sanctions-list [<!ENTITY x SYSTEM "file:///etc/passwd">]>
            <swiss-sanctions-list date="2024-01-17"><target ssid="1"><individual><identity main="true"><name><name-part order="1"><value>&x;</value></name-part></name></identity></individual></target></swiss-sanctions-list>
            """);
        var e = Assert.Throws<ListFormatException>(() => ParsedList.Read(file.Path, "ch-seco-xml"));
        Assert.Contains("DTD", e.Message, StringComparison.Ordinal);
    }

    private static void AssertStatements(IEnumerable<Statement> expected, IEnumerable<Statement> actual) =>
        Assert.Equal(expected.Select(s => s.ToString()).Order(StringComparer.Ordinal), actual.Select(s => s.ToString()).Order(StringComparer.Ordinal));

    private static void AssertWholeName(string expected, NameEntry name)
    {
        Assert.Equal(expected, name.FullName);
        Assert.Equal(NameType.Primary, name.Type);
        Assert.Equal("eng", name.Language);
        Assert.Equal("Latn", name.Script);
        // A whole-name part is the name itself, not a part of it.
        Assert.Empty(name.Parts);
    }

    private static ParsedList ReadRich()
    {
        using var file = TempListFile.Write(".xml", Rich);
        return ParsedList.Read(file.Path, "ch-seco-xml");
    }
}
