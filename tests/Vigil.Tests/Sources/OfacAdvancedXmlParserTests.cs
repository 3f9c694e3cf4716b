using Vigil.Core.Model;
using Vigil.Core.Sources;

namespace Vigil.Tests.Sources;

public class OfacAdvancedXmlParserTests
{
    private static readonly Lazy<ParsedList> Cons = new(() =>
        ParsedList.Read(TestData.Path("ofac/consolidated-advanced-xml/cons_advanced.xml"), "us-ofac-advanced-xml"));

    [Fact]
    public void Reads_every_distinct_party_the_file_holds()
    {
        var list = Cons.Value;
        // Counted with python3 ElementTree: 375 DistinctParty, 375 distinct FixedRef; the Profile's PartySubTypeID
        // points at PartyType "Individual" for 82 and "Entity" for 293 (no vessels or aircraft in this file).
        Assert.Equal(375, list.Records.Count);
        Assert.Equal(375, list.DistinctIds);
        Assert.Equal(82, list.Records.Count(r => r.Schema == EntitySchema.Person));
        Assert.Equal(293, list.Records.Count(r => r.Schema == EntitySchema.Organization));
        Assert.Equal("us-ofac-cons", list.Header.Source);
        Assert.Equal("2020-03-17", list.Header.Published);
        Assert.Null(list.Header.DeclaredCount);
    }

    [Fact]
    public void Alias_flags_decide_primary_alias_former_and_weak_names()
    {
        var names = Cons.Value.Records.SelectMany(r => r.Names).ToList();
        // python3: DocumentedNames under Alias Primary="true" 375; LowQuality="true" 31 (30 a.k.a., 1 f.k.a.);
        // other F.K.A. (AliasTypeID 1401) 83; other A.K.A. 801. All names in this file are in Latin script.
        // Party 18769 states the weak a.k.a. "VYSOKOTOCHNYE KOMPLEKSY" twice; a record keeps it once, so 30.
        Assert.Equal(375, names.Count(n => n.Type == NameType.Primary));
        Assert.Equal(801, names.Count(n => n.Type == NameType.Alias));
        Assert.Equal(83, names.Count(n => n.Type == NameType.Former));
        Assert.Equal(30, names.Count(n => n.Type == NameType.WeakAlias));
        Assert.All(Cons.Value.Records, r => Assert.Single(r.Names, n => n.Type == NameType.Primary));
    }

    [Fact]
    public void Bektas_has_his_birth_date_citizenship_passport_and_listings()
    {
        var b = Cons.Value.Get("17526");
        Assert.Equal(EntitySchema.Person, b.Schema);
        Assert.Equal("Bektas, Halis", b.Caption);
        Assert.Equal([new NamePart(NamePartKind.Family, "Bektas"), new NamePart(NamePartKind.Given, "Halis")], b.Names[0].Parts);
        Assert.Contains(new Statement("birthDate", "1966-02-13"), b.Statements);
        Assert.Contains(new Statement("citizenship", "Switzerland"), b.Statements);
        Assert.Contains(new Statement("passportNumber", "X0906223", "Passport X0906223 (issued by Switzerland)"), b.Statements);
        Assert.Contains(new Statement("provisions", "Block"), b.Statements);
        // The three entries repeat "Block"; the record states it once.
        Assert.Single(Cons.Value.Records.Single(r => r.NativeId == "17526").Statements, s => s.Property == "provisions");
        Assert.Contains(new Statement("notes", "Legal basis: Executive Order 13582 (Syria)"), b.Statements);
        // Three SanctionsEntries (Consolidated, SDN, FSE lists), each under SYRIA and FSE-SY.
        Assert.Equal(6, b.Designations.Count);
        Assert.Contains(new Designation("FSE-SY", "2014-12-17", "OFAC", "SDN List"), b.Designations);
        Assert.Contains(new Designation("SYRIA", "2014-12-17", "OFAC", "FSE List"), b.Designations);
    }

    [Fact]
    public void Haniya_has_a_year_of_birth_and_a_place_of_birth()
    {
        var h = Cons.Value.Get("9639");
        Assert.Equal("HANIYA, Ismail Abdul Salah", h.Caption);
        Assert.Contains(h.Names, n => n is { Type: NameType.Alias, FullName: "HANIYYA, Ismaeel" });
        // The DatePeriod runs from 1962-01-01 to 1962-12-31: the list means "1962".
        Assert.Contains(new Statement("birthDate", "1962"), h.Statements);
        Assert.Contains(new Statement("birthPlace", "Shati"), h.Statements);
        Assert.Contains(new Designation("NS-PLC", "2006-04-12", "OFAC", "Non-SDN Palestinian Legislative Council List"), h.Designations);
        Assert.Contains(new Statement("provisions", "Reject"), h.Statements);
    }

    [Fact]
    public void Vtb_bank_has_its_registration_numbers_addresses_and_sectoral_listing()
    {
        var v = Cons.Value.Get("17013");
        Assert.Equal(EntitySchema.Organization, v.Schema);
        Assert.Equal("VTB BANK OAO", v.Caption);
        Assert.Empty(v.Names[0].Parts);
        Assert.Contains(v.Names, n => n is { Type: NameType.Former, FullName: "VNESHTORGBANK" });
        Assert.Contains(new Statement("registrationNumber", "1027739609391", "Registration ID 1027739609391 (issued by Russia; issued in Russia)"), v.Statements);
        Assert.Contains(new Statement("registrationNumber", "00032520", "Government Gazette Number 00032520 (issued by Russia)"), v.Statements);
        Assert.Contains(new Statement("taxNumber", "7702070139", "Tax ID No. 7702070139 (issued by Russia)"), v.Statements);
        Assert.Contains(new Statement("swiftBic", "VTBRRUMM"), v.Statements);
        Assert.Contains(new Statement("website", "www.vtb.com"), v.Statements);
        Assert.Contains(new Statement("address", "43, Vorontsovskaya str., Moscow, 109044, Russia"), v.Statements);
        Assert.Contains(new Statement("country", "Russia"), v.Statements);
        Assert.Contains(new Statement("notes", "Executive Order 13662 Directive Determination: Subject to Directive 1"), v.Statements);
        Assert.Contains(new Designation("UKRAINE-EO13662", "2014-07-29", "OFAC", "Sectoral Sanctions Identifications List"), v.Designations);
        Assert.Contains(new Statement("provisions", "13662 Sectoral Directive 1"), v.Statements);
        // python3: 22 ProfileRelationships have To-ProfileID 17013, one of them from 18719.
        Assert.Equal(22, v.Statements.Count(s => s.Property == "notes" && s.Value.EndsWith(" is Owned or Controlled By this party", StringComparison.Ordinal)));
        Assert.Contains(new Statement("notes", "Owned or Controlled By: 17013"), Cons.Value.Get("18719").Statements);
    }

    [Fact]
    public void Every_birth_date_is_a_day_or_a_year()
    {
        var dates = Cons.Value.Records.SelectMany(r => r.Statements).Where(s => s.Property == "birthDate").ToList();
        // python3: 77 Birthdate features; 73 span a whole calendar year, 4 a single day.
        Assert.Equal(77, dates.Count);
        Assert.Equal(73, dates.Count(d => d.Value.Length == 4));
        Assert.Equal(4, dates.Count(d => d.Value.Length == 10));
    }

    [Fact]
    public void Approximate_and_ranged_periods_become_edtf_and_keep_a_wording()
    {
        using var file = TempListFile.Write(".xml", Minimal(
            party: Party("100", "4", Name("Last Name", "DOE") + Name("First Name", "John"),
                features: BirthPeriod(1970, 1, 1, 1975, 12, 31, approximate: true) + BirthPeriod(1980, 5, 1, 1980, 5, 31, approximate: false)),
            entries: Entry("100", "1550", "SDGT")));
        var list = ParsedList.Read(file.Path, "us-ofac-advanced-xml");
        var doe = Assert.Single(list.Records);
        Assert.Equal("DOE, John", doe.Caption);
        Assert.Contains(new Statement("birthDate", "1970~/1975~", "circa between 1970 and 1975"), doe.Statements);
        Assert.Contains(new Statement("birthDate", "1980-05"), doe.Statements);
        Assert.Equal(new Designation("SDGT", "2001-09-23", "OFAC", "SDN List"), Assert.Single(doe.Designations));
        // Its only entry is on the SDN List, so this is an SDN file.
        Assert.Equal("us-ofac-sdn", list.Header.Source);
    }

    [Fact]
    public void A_party_without_fixed_ref_fails_naming_the_file_and_line()
    {
        using var file = TempListFile.Write(".xml", Minimal(party: Party(null, "4", Name("Last Name", "DOE")), entries: ""));
        TempListFile.AssertFailsNamingFile(file.Path, null, "DistinctParty at line 23", "FixedRef");
    }

    [Fact]
    public void A_truncated_file_fails_before_any_record_is_yielded()
    {
        var full = Minimal(party: Party("100", "4", Name("Last Name", "DOE")), entries: Entry("100", "1550", "SDGT"));
        using var file = TempListFile.Write(".xml", full[..full.IndexOf("</DistinctParties>", StringComparison.Ordinal)]);
        var input = ListInput.Open(file.Path);
        var records = new OfacAdvancedXmlParser().Read(input, new ListHeader(), TestContext.Current.CancellationToken);
        using var enumerator = records.GetEnumerator();
        var e = Assert.Throws<ListFormatException>(() => enumerator.MoveNext());
        Assert.Contains(file.Path, e.Message, StringComparison.Ordinal);
        Assert.Contains("line ", e.Message, StringComparison.Ordinal);
        Assert.Contains("malformed XML", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_type_declaration_is_refused_not_expanded()
    {
        var xml = Minimal(party: Party("100", "4", Name("Last Name", "&x;")), entries: "")
            .Replace("<Sanctions ", "<!DOCTYPE Sanctions [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<Sanctions ", StringComparison.Ordinal);
        using var file = TempListFile.Write(".xml", xml);
        var e = Assert.Throws<ListFormatException>(() => ParsedList.Read(file.Path));
        Assert.Contains("DTD", e.Message, StringComparison.Ordinal);
    }

    // A small but complete document in the advanced schema; DistinctParty starts on line 23.
    private static string Minimal(string party, string entries) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <Sanctions xmlns="http://www.un.org/sanctions/1.0">
        <DateOfIssue><Year>2024</Year><Month>1</Month><Day>2</Day></DateOfIssue>
        <ReferenceValueSets>
        <AliasTypeValues><AliasType ID="1400">A.K.A.</AliasType><AliasType ID="1403">Name</AliasType></AliasTypeValues>
        <FeatureTypeValues><FeatureType ID="8">Birthdate</FeatureType></FeatureTypeValues>
        <ListValues><List ID="1550">SDN List</List></ListValues>
        <NamePartTypeValues><NamePartType ID="1520">Last Name</NamePartType><NamePartType ID="1521">First Name</NamePartType></NamePartTypeValues>
        <PartySubTypeValues><PartySubType ID="4" PartyTypeID="1">Unknown</PartySubType></PartySubTypeValues>
        <PartyTypeValues><PartyType ID="1">Individual</PartyType></PartyTypeValues>
        <SanctionsTypeValues><SanctionsType ID="1">Program</SanctionsType></SanctionsTypeValues>
        <ScriptValues><Script ID="215" ScriptCode="Latn">Latin</Script></ScriptValues>
        </ReferenceValueSets>
        <Locations/>
        <IDRegDocuments/>
        <DistinctParties>
        
        
        
        
        
        
        {party}
        </DistinctParties>
        <ProfileRelationships/>
        <SanctionsEntries>{entries}</SanctionsEntries>
        </Sanctions>
        """;

    private static string Party(string? id, string subType, string names, string features = "")
    {
        var fixedRef = id is null ? "" : $" FixedRef=\"{id}\"";
        return $"""<DistinctParty{fixedRef}><Profile ID="{id ?? "1"}" PartySubTypeID="{subType}"><Identity ID="9"><Alias AliasTypeID="1403" Primary="true" LowQuality="false"><DocumentedName ID="1">{names}</DocumentedName></Alias><NamePartGroups><MasterNamePartGroup><NamePartGroup ID="1" NamePartTypeID="1520"/></MasterNamePartGroup><MasterNamePartGroup><NamePartGroup ID="2" NamePartTypeID="1521"/></MasterNamePartGroup></NamePartGroups></Identity>{features}</Profile></DistinctParty>""";
    }

    private static string Name(string partType, string value) =>
        $"""<DocumentedNamePart><NamePartValue NamePartGroupID="{(partType == "Last Name" ? 1 : 2)}" ScriptID="215">{value}</NamePartValue></DocumentedNamePart>""";

    private static string BirthPeriod(int y1, int m1, int d1, int y2, int m2, int d2, bool approximate)
    {
        var a = approximate ? "true" : "false";
        var from = $"<Year>{y1}</Year><Month>{m1}</Month><Day>{d1}</Day>";
        var to = $"<Year>{y2}</Year><Month>{m2}</Month><Day>{d2}</Day>";
        return $"""<Feature ID="1" FeatureTypeID="8"><FeatureVersion ID="1"><DatePeriod><Start Approximate="{a}"><From>{from}</From><To>{from}</To></Start><End Approximate="{a}"><From>{to}</From><To>{to}</To></End></DatePeriod></FeatureVersion></Feature>""";
    }

    private static string Entry(string profileId, string listId, string program) =>
        $"""<SanctionsEntry ID="1" ProfileID="{profileId}" ListID="{listId}"><EntryEvent ID="1" LegalBasisID="1"><Date><Year>2001</Year><Month>9</Month><Day>23</Day></Date></EntryEvent><SanctionsMeasure ID="1" SanctionsTypeID="1"><Comment>{program}</Comment></SanctionsMeasure></SanctionsEntry>""";
}
