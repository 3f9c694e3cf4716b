using Vigil.Core.Model;
using Vigil.Core.Sources;

namespace Vigil.Tests.Sources;

public class OfacEnhancedXmlParserTests
{
    private static readonly Lazy<ParsedList> Cons = new(() =>
        ParsedList.Read(TestData.Path("ofac/consolidated-enhanced-xml/cons_enhanced.xml"), "us-ofac-enhanced-xml"));

    [Fact]
    public void Reads_every_entity_the_file_holds()
    {
        var list = Cons.Value;
        // Counted with python3 ElementTree: 442 entity elements, 442 distinct id attributes;
        // generalInfo/entityType is "Individual" for 79 and "Entity" for 363.
        Assert.Equal(442, list.Records.Count);
        Assert.Equal(442, list.DistinctIds);
        Assert.Equal(79, list.Records.Count(r => r.Schema == EntitySchema.Person));
        Assert.Equal(363, list.Records.Count(r => r.Schema == EntitySchema.Organization));
        // publicationInfo/filters names the "Consolidated List".
        Assert.Equal("us-ofac-cons", list.Header.Source);
        Assert.Equal("2026-01-08T00:00:00", list.Header.Published);
        Assert.Null(list.Header.DeclaredCount);
    }

    [Fact]
    public void Every_name_translation_becomes_a_name_of_the_right_type()
    {
        var names = Cons.Value.Records.SelectMany(r => r.Names).ToList();
        // python3 over names/name/translations/translation (1633): primary 442; low quality 73; F.K.A. 141;
        // A.K.A. 931; non-Latin translations (52 Cyrillic, 6 Chinese) of non-weak names 46 -> OriginalScript.
        Assert.Equal(442, names.Count(n => n.Type == NameType.Primary));
        Assert.Equal(931, names.Count(n => n.Type == NameType.Alias));
        Assert.Equal(141, names.Count(n => n.Type == NameType.Former));
        Assert.Equal(73, names.Count(n => n.Type == NameType.WeakAlias));
        Assert.Equal(46, names.Count(n => n.Type == NameType.OriginalScript));
        Assert.Contains(names, n => n.Type == NameType.OriginalScript && n.Script == "Hani");
    }

    [Fact]
    public void Martelly_has_birth_date_place_nationality_documents_and_addresses()
    {
        var m = Cons.Value.Get("50476");
        Assert.Equal(EntitySchema.Person, m.Schema);
        Assert.Equal("MARTELLY, Michel Joseph", m.Caption);
        Assert.Equal(
            [new NamePart(NamePartKind.Family, "Martelly"), new NamePart(NamePartKind.Given, "Michel"), new NamePart(NamePartKind.Middle, "Joseph")],
            m.Names[0].Parts);
        Assert.Contains(m.Names, n => n is { Type: NameType.Alias, FullName: "MARTELLY, Michael" });
        Assert.Contains(m.Names, n => n is { Type: NameType.WeakAlias, FullName: "Sweet Micky" });
        Assert.Contains(new Statement("birthDate", "1961-02-12", "12 Feb 1961"), m.Statements);
        Assert.Contains(new Statement("birthPlace", "Port-au-Prince, Haiti"), m.Statements);
        Assert.Contains(new Statement("nationality", "Haiti"), m.Statements);
        Assert.Contains(new Statement("gender", "male"), m.Statements);
        Assert.Contains(new Statement("idNumber", "0032768386", "National ID No. 0032768386 (issued by Haiti)"), m.Statements);
        Assert.Contains(new Statement("idNumber", "M634550610520", "Driver's License No. M634550610520 (issued by United States)"), m.Statements);
        Assert.Contains(new Statement("address", "Miami, FL, United States"), m.Statements);
        Assert.Contains(new Statement("address", "Dominican Republic"), m.Statements);
        Assert.Contains(new Statement("country", "Haiti"), m.Statements);
        Assert.Equal(new Designation("ILLICIT-DRUGS-EO14059", "2024-08-20", "OFAC"), Assert.Single(m.Designations));
        Assert.Contains(new Statement("provisions", "Executive Order 14059 Non-blocking"), m.Statements);
        Assert.Contains(new Statement("notes", "Sanctions list: Non-SDN Menu-Based Sanctions List (published 2024-08-20)"), m.Statements);
        Assert.Contains(new Statement("notes", "Legal basis: Executive Order 14059 (Illicit Drugs)"), m.Statements);
    }

    [Fact]
    public void Zahhar_has_a_year_of_birth_and_his_relationship_to_hamas()
    {
        var z = Cons.Value.Get("9647");
        Assert.Equal("ZAHHAR, Mahmoud Khaled", z.Caption);
        Assert.Contains(z.Names, n => n is { Type: NameType.WeakAlias, FullName: "AL-ZAHAR, Mahmoud" });
        Assert.Contains(new Statement("birthDate", "1945"), z.Statements);
        Assert.Contains(new Statement("birthPlace", "Gaza Strip"), z.Statements);
        Assert.Contains(new Statement("nationality", "Palestinian"), z.Statements);
        Assert.Contains(new Statement("address", "Gaza"), z.Statements);
        Assert.Contains(new Statement("notes", "Acting for or on behalf of: HAMAS (4695)"), z.Statements);
        // Programmes are not tied to lists in this format: each is dated by the earliest list publication.
        Assert.Equal(
            [new Designation("NS-PLC", "2006-04-12", "OFAC"), new Designation("SDGT", "2006-04-12", "OFAC")],
            z.Designations);
        Assert.Contains(new Statement("notes", "Sanctions list: SDN List (published 2023-11-14)"), z.Statements);
    }

    [Fact]
    public void Vtb_bank_has_its_cyrillic_name_identifiers_and_establishment_date()
    {
        var v = Cons.Value.Get("17013");
        Assert.Equal(EntitySchema.Organization, v.Schema);
        Assert.Equal("VTB BANK PUBLIC JOINT STOCK COMPANY", v.Caption);
        Assert.Contains(v.Names, n => n is { Type: NameType.OriginalScript, FullName: "БАНК ВТБ ПУБЛИЧНОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО", Script: "Cyrl" });
        Assert.Contains(v.Names, n => n is { Type: NameType.Former, FullName: "VNESHTORGBANK" });
        Assert.Contains(new Statement("registrationNumber", "1027739609391", "Registration ID 1027739609391 (issued by Russia; issued in Russia)"), v.Statements);
        Assert.Contains(new Statement("taxNumber", "7702070139", "Tax ID No. 7702070139 (issued by Russia)"), v.Statements);
        Assert.Contains(new Statement("leiCode", "253400V1H6ART1UQ0N98", "Legal Entity Number 253400V1H6ART1UQ0N98"), v.Statements);
        Assert.Contains(new Statement("swiftBic", "VTBRRUMM"), v.Statements);
        Assert.Contains(new Statement("bikCode", "044525187"), v.Statements);
        Assert.Contains(new Statement("incorporationDate", "1990-10-17", "17 Oct 1990"), v.Statements);
        Assert.Contains(new Statement("address", "43, Vorontsovskaya str., Moscow, 109044, Russia"), v.Statements);
        Assert.Contains(new Statement("notes", "Website: Russian Language website for the bank"), v.Statements);
        Assert.Contains(new Designation("RUSSIA-EO14024", "2014-07-29", "OFAC"), v.Designations);
        Assert.Contains(new Statement("provisions", "Block"), v.Statements);
    }

    [Fact]
    public void Dates_other_than_known_properties_are_kept_as_notes()
    {
        var notes = Cons.Value.Records.SelectMany(r => r.Statements).Where(s => s.Property == "notes").ToList();
        // python3: 68 "Listing Date (CMIC)" features, each with a valueDate.
        Assert.Equal(68, notes.Count(n => n.Value.StartsWith("Listing Date (CMIC): ", StringComparison.Ordinal)));
        // 74 Birthdate features.
        Assert.Equal(74, Cons.Value.Records.SelectMany(r => r.Statements).Count(s => s.Property == "birthDate"));
    }

    [Fact]
    public void An_sdn_filter_makes_an_sdn_file_and_approximate_dates_keep_their_wording()
    {
        using var file = TempListFile.Write(".xml", Document(
            "<sanctionsList refId=\"1550\">SDN List</sanctionsList>",
            Entity("""id="7" """, "Individual", """
                <features><feature id="1"><type featureTypeId="8">Birthdate</type><value>circa 1970 to 1975</value>
                <valueDate id="1"><fromDateBegin>1970-01-01</fromDateBegin><fromDateEnd>1970-01-01</fromDateEnd>
                <toDateBegin>1975-12-31</toDateBegin><toDateEnd>1975-12-31</toDateEnd><isApproximate>true</isApproximate><isDateRange>true</isDateRange></valueDate>
                <isPrimary>true</isPrimary></feature></features>
                """)));
        var list = ParsedList.Read(file.Path, "us-ofac-enhanced-xml");
        Assert.Equal("us-ofac-sdn", list.Header.Source);
        var doe = Assert.Single(list.Records);
        Assert.Equal("7", doe.NativeId);
        Assert.Contains(new Statement("birthDate", "1970~/1975~", "circa 1970 to 1975"), doe.Statements);
    }

    [Fact]
    public void An_entity_without_id_fails_naming_the_file_and_line()
    {
        using var file = TempListFile.Write(".xml", Document("", Entity("", "Entity", "")));
        TempListFile.AssertFailsNamingFile(file.Path, null, "entity at line 5", "no id");
    }

    [Fact]
    public void A_truncated_file_fails_naming_the_file_and_line()
    {
        var full = Document("", Entity("""id="7" """, "Entity", "") + Entity("""id="8" """, "Entity", ""));
        using var file = TempListFile.Write(".xml", full[..(full.LastIndexOf("<names>", StringComparison.Ordinal) + 7)]);
        TempListFile.AssertFailsNamingFile(file.Path, null, "line ", "malformed XML");
    }

    [Fact]
    public void A_document_type_declaration_is_refused_not_expanded()
    {
        var xml = Document("", Entity("""id="7" """, "Entity", ""))
            .Replace("<sanctionsData ", "<!DOCTYPE sanctionsData [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<sanctionsData ", StringComparison.Ordinal)
            .Replace("ACME", "&x;", StringComparison.Ordinal);
        using var file = TempListFile.Write(".xml", xml);
        var e = Assert.Throws<ListFormatException>(() => ParsedList.Read(file.Path));
        Assert.Contains("DTD", e.Message, StringComparison.Ordinal);
    }

    // The first entity starts on line 5.
    private static string Document(string filterLists, string entities) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <sanctionsData xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ENHANCED_XML">
        <publicationInfo><dataAsOf>2026-01-08T00:00:00</dataAsOf><filters><sanctionsLists>{filterLists}</sanctionsLists></filters></publicationInfo>
        <entities>
        {entities}
        </entities>
        </sanctionsData>
        """;

    private static string Entity(string idAttribute, string type, string extra) => $"""
        <entity {idAttribute}><generalInfo><entityType refId="600">{type}</entityType></generalInfo>
        <sanctionsLists><sanctionsList refId="1550" id="1" datePublished="2001-09-23">SDN List</sanctionsList></sanctionsLists>
        <sanctionsPrograms><sanctionsProgram refId="211" id="1">SDGT</sanctionsProgram></sanctionsPrograms>
        <names><name id="1"><isPrimary>true</isPrimary><isLowQuality>false</isLowQuality><translations><translation id="1"><isPrimary>true</isPrimary><script refId="20122">Latin</script>
        <formattedFullName>ACME</formattedFullName><nameParts><namePart id="1"><type refId="1525">Entity Name</type><value>ACME</value></namePart></nameParts></translation></translations></name></names>
        {extra}</entity>
        """;
}
