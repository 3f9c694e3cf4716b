using Vigil.Core.Model;
using Vigil.Core.Sources;

namespace Vigil.Tests.Sources;

public class UnScXmlParserTests
{
    private static readonly Lazy<ParsedList> Un = new(() => ParsedList.Read(TestData.Path("un/consolidated.xml"), "un-sc-xml"));

    [Fact]
    public void Reads_every_individual_and_entity_the_file_holds()
    {
        var list = Un.Value;
        Assert.Equal(1003, list.Records.Count);
        Assert.Equal(1003, list.DistinctIds);
        Assert.Equal(730, list.Records.Count(r => r.Schema == EntitySchema.Person));
        Assert.Equal(273, list.Records.Count(r => r.Schema == EntitySchema.Organization));
        Assert.Equal("un-sc", list.Header.Source);
        Assert.Equal("2026-02-27T00:00:09.554Z", list.Header.Published);
    }

    [Fact]
    public void Khalimov_has_both_birth_dates_both_places_of_birth_and_his_listing()
    {
        var k = Un.Value.Get("QDi.372");
        Assert.Equal("GULMUROD KHALIMOV", k.Caption);
        Assert.Contains(k.Names[0].Parts, p => p is { Kind: NamePartKind.Second, Value: "KHALIMOV" });
        Assert.Contains(new Statement("birthDate", "1975-05-14"), k.Statements);
        Assert.Contains(new Statement("birthDate", "1975~", "APPROXIMATELY 1975"), k.Statements);
        Assert.Contains(new Statement("birthPlace", "Varzob area, Tajikistan"), k.Statements);
        Assert.Contains(new Statement("birthPlace", "Dushanbe, Tajikistan"), k.Statements);
        Assert.Contains(new Statement("nationality", "Tajikistan"), k.Statements);
        Assert.Equal(new Designation("Al-Qaida", "2016-02-29", "UN Security Council", "QDi.372"), Assert.Single(k.Designations));
        Assert.Contains(k.Statements, s => s.Property == "notes" && s.Value.StartsWith("Syria-based military expert", StringComparison.Ordinal));
    }

    [Fact]
    public void Alias_quality_decides_alias_weak_alias_and_former_name()
    {
        var names = Un.Value.Records.SelectMany(r => r.Names).ToList();
        Assert.Contains(names, n => n.Type == NameType.WeakAlias);
        Assert.Contains(names, n => n.Type == NameType.Former);
        Assert.Contains(names, n => n.Type == NameType.OriginalScript && n.Script == "Arab");
        Assert.DoesNotContain(names, n => string.IsNullOrWhiteSpace(n.FullName));
    }

    [Fact]
    public void Birth_date_ranges_become_edtf_intervals()
    {
        var dates = Un.Value.Records.SelectMany(r => r.Statements).Where(s => s.Property == "birthDate").ToList();
        Assert.Contains(dates, d => d.Value.Length == 9 && d.Value[4] == '/' && d.Original!.StartsWith("BETWEEN", StringComparison.Ordinal));
    }

    [Fact]
    public void A_record_without_reference_number_fails_naming_the_file_and_line()
    {
        using var file = TempListFile.Write(".xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <CONSOLIDATED_LIST dateGenerated="2026-01-01T00:00:00Z"><INDIVIDUALS>
            <INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>A</FIRST_NAME></INDIVIDUAL>
            </INDIVIDUALS></CONSOLIDATED_LIST>
            """);
        TempListFile.AssertFailsNamingFile(file.Path, null, "line 3", "REFERENCE_NUMBER");
    }

    [Fact]
    public void A_document_type_declaration_is_refused_not_expanded()
    {
        using var file = TempListFile.Write(".xml", """
            <?xml version="1.0"?>
            <!DOCTYPE CONSOLIDATED_LIST [<!ENTITY x SYSTEM "file:///etc/passwd">]>
            <CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><REFERENCE_NUMBER>QDi.1</REFERENCE_NUMBER><FIRST_NAME>&x;</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>
            """);
        var e = Assert.Throws<ListFormatException>(() => ParsedList.Read(file.Path));
        Assert.Contains("DTD", e.Message, StringComparison.Ordinal);
    }
}
