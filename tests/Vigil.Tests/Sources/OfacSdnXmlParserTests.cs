using Vigil.Core.Model;
using Vigil.Core.Sources;

namespace Vigil.Tests.Sources;

public class OfacSdnXmlParserTests
{
    private static readonly Lazy<ParsedList> Cons = new(() => ParsedList.Read(TestData.Path("ofac/consolidated-xml/consolidated.xml"), "us-ofac-xml"));

    [Fact]
    public void Reads_every_entry_the_file_holds_with_its_stated_date_and_count()
    {
        // 443 sdnEntry (363 Entity, 80 Individual), counted with python3's ElementTree; Record_Count says 443 too.
        var list = Cons.Value;
        Assert.Equal("us-ofac-cons", list.Header.Source);
        Assert.Equal("2025-03-28", list.Header.Published);
        Assert.Equal(443, list.Header.DeclaredCount);
        Assert.Equal(443, list.Records.Count);
        Assert.Equal(443, list.DistinctIds);
        Assert.Equal(80, list.Records.Count(r => r.Schema == EntitySchema.Person));
        Assert.Equal(363, list.Records.Count(r => r.Schema == EntitySchema.Organization));
    }

    [Fact]
    public void Aka_category_and_type_decide_alias_weak_alias_and_former_name()
    {
        // Distinct (category, type, name) per entry, python3: 925 strong a.k.a., 141 strong f.k.a., 70 weak.
        var names = Cons.Value.Records.SelectMany(r => r.Names).ToList();
        Assert.Equal(443, names.Count(n => n.Type == NameType.Primary));
        Assert.Equal(925, names.Count(n => n.Type == NameType.Alias));
        Assert.Equal(141, names.Count(n => n.Type == NameType.Former));
        Assert.Equal(70, names.Count(n => n.Type == NameType.WeakAlias));
    }

    [Fact]
    public void Zahhar_has_his_names_weak_aliases_birth_details_and_both_programmes()
    {
        var z = Cons.Value.Get("9647");
        Assert.Equal(EntitySchema.Person, z.Schema);
        Assert.Equal("ZAHHAR, Mahmoud Khaled", z.Caption);
        Assert.Equal([new NamePart(NamePartKind.Family, "ZAHHAR"), new NamePart(NamePartKind.Given, "Mahmoud Khaled")], z.Names[0].Parts);
        Assert.Contains(z.Names, n => n is { FullName: "AL ZAHAR, Mahmoud Khaled", Type: NameType.Alias });
        var weak = z.Names.Where(n => n.Type == NameType.WeakAlias).ToList();
        Assert.Equal(["ZAHAR, Mahmoud", "AL-ZAHAR, Mahmoud"], weak.Select(n => n.FullName));
        Assert.Equal([new NamePart(NamePartKind.Family, "ZAHAR"), new NamePart(NamePartKind.Given, "Mahmoud")], weak[0].Parts);
        Assert.Contains(new Statement("birthDate", "1945", null), z.Statements);
        Assert.Contains(new Statement("birthPlace", "Gaza Strip"), z.Statements);
        Assert.Contains(new Statement("nationality", "Palestinian"), z.Statements);
        Assert.Contains(new Statement("gender", "male"), z.Statements);
        Assert.Contains(new Statement("address", "Region: Gaza"), z.Statements);
        Assert.Contains(new Statement("notes", "Secondary sanctions risk: section 1(b) of Executive Order 13224, as amended by Executive Order 13886"), z.Statements);
        Assert.Contains(new Statement("notes", "(Linked To: HAMAS)"), z.Statements);
        Assert.Equal(
            [new Designation("NS-PLC", null, "US Treasury OFAC"), new Designation("SDGT", null, "US Treasury OFAC")],
            z.Designations);
    }

    [Fact]
    public void Gazprombank_ids_become_registration_tax_swift_and_incorporation_statements()
    {
        var g = Cons.Value.Get("17016");
        Assert.Equal("GAZPROMBANK JOINT STOCK COMPANY", g.Caption);
        Assert.Contains(new Statement("registrationNumber", "1027700167110", "Registration Number 1027700167110 (Russia)"), g.Statements);
        Assert.Contains(new Statement("taxNumber", "7744001497", "Tax ID No. 7744001497 (Russia)"), g.Statements);
        Assert.Contains(new Statement("registrationNumber", "253400WSS48YWMBUA688", "Legal Entity Number 253400WSS48YWMBUA688"), g.Statements);
        Assert.Contains(new Statement("swiftBic", "GAZPRUMM", "SWIFT/BIC GAZPRUMM"), g.Statements);
        Assert.Contains(new Statement("incorporationDate", "1990-07-31", "31 Jul 1990"), g.Statements);
        Assert.Contains(new Statement("notes", "Target Type Financial Institution"), g.Statements);
        Assert.Equal(["UKRAINE-EO13662", "RUSSIA-EO14024"], g.Designations.Select(d => d.Program));
    }

    [Fact]
    public void A_file_whose_entries_all_carry_blocking_programmes_is_the_sdn_list()
    {
        using var file = TempListFile.Write(".xml", """
            <?xml version="1.0" standalone="yes"?>
            <sdnList xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML">
              <publshInformation><Publish_Date>05/03/2024</Publish_Date><Record_Count>2</Record_Count></publshInformation>
              <sdnEntry><uid>9647</uid><firstName>Mahmoud</firstName><lastName>ZAHHAR</lastName><sdnType>Individual</sdnType>
                <programList><program>SDGT</program><program>NS-PLC</program></programList></sdnEntry>
              <sdnEntry><uid>15036</uid><lastName>ARTAVIL</lastName><sdnType>Vessel</sdnType><programList><program>IRAN</program></programList>
                <vesselInfo><callSign>T2EU4</callSign><vesselType>Crude/Oil Products Tanker</vesselType><vesselFlag>Iran</vesselFlag>
                <tonnage>99144</tonnage><grossRegisteredTonnage>56068</grossRegisteredTonnage></vesselInfo></sdnEntry>
            </sdnList>
            """);
        var list = ParsedList.Read(file.Path, "us-ofac-xml");
        Assert.Equal("us-ofac-sdn", list.Header.Source);
        Assert.Equal("2024-05-03", list.Header.Published);
        var ship = list.Get("15036");
        Assert.Equal(EntitySchema.Vessel, ship.Schema);
        Assert.Contains(new Statement("callSign", "T2EU4"), ship.Statements);
        Assert.Contains(new Statement("flag", "Iran"), ship.Statements);
        Assert.Contains(new Statement("grossRegisteredTonnage", "56068"), ship.Statements);
    }

    [Fact]
    public void An_entry_without_uid_fails_naming_the_file_and_line()
    {
        using var file = TempListFile.Write(".xml", """
            <?xml version="1.0"?>
            <sdnList xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML">
            <sdnEntry><lastName>A</lastName><sdnType>Entity</sdnType><programList><program>SDGT</program></programList></sdnEntry>
            </sdnList>
            """);
        TempListFile.AssertFailsNamingFile(file.Path, null, "line 3", "uid");
    }

    [Fact]
    public void A_truncated_file_fails_naming_the_file_and_line()
    {
        using var file = TempListFile.Write(".xml", """
            <?xml version="1.0"?>
            <sdnList xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML">
            <sdnEntry><uid>1</uid><lastName>A</lastName><sdnType>Entity</sdnType>
            <programList><program>SDG
            """);
        TempListFile.AssertFailsNamingFile(file.Path, null, "line ", "malformed XML");
    }

    [Fact]
    public void A_document_type_declaration_is_refused_not_expanded()
    {
        using var file = TempListFile.Write(".xml", """
            <?xml version="1.0"?>
            <!DOCTYPE sdnList [<!ENTITY x SYSTEM "file:///etc/passwd">]>
            <sdnList><sdnEntry><uid>1</uid><lastName>&x;</lastName><sdnType>Entity</sdnType></sdnEntry></sdnList>
            """);
        var e = Assert.Throws<ListFormatException>(() => ParsedList.Read(file.Path, "us-ofac-xml"));
        Assert.Contains("DTD", e.Message, StringComparison.Ordinal);
    }
}
