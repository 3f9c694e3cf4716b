using Vigil.Core.Model;
using Vigil.Core.Sources;

namespace Vigil.Tests.Sources;

public class EuFsfXmlParserTests
{
    private static readonly Lazy<ParsedList> Fsf = new(() => ParsedList.Read(TestData.Path("eu/fsf-1_1-2022-03-18-TRUNCATED-first1044.xml"), "eu-fsf-xml"));

    private static readonly Lazy<ParsedList> Excerpt = new(() => ParsedList.Read(TestData.Path("samples/eu-fsf-1_1-excerpt-2020-04-15.xml"), "eu-fsf-xml"));

    [Fact]
    public void Reads_every_sanction_entity_the_truncated_file_holds()
    {
        // Counted with ElementTree: 1044 sanctionEntity, 1024 distinct logicalId, subjectType 716 person / 328 enterprise.
        var list = Fsf.Value;
        Assert.Equal(1044, list.Records.Count);
        Assert.Equal(1024, list.DistinctIds);
        Assert.Equal(716, list.Records.Count(r => r.Schema == EntitySchema.Person));
        Assert.Equal(328, list.Records.Count(r => r.Schema == EntitySchema.Organization));
        Assert.Equal("eu-fsf", list.Header.Source);
        Assert.Equal("2022-03-18T14:52:26.947+01:00", list.Header.Published);
        Assert.Null(list.Header.DeclaredCount);
    }

    [Fact]
    public void Reads_every_entity_of_the_excerpt_including_its_repeated_id()
    {
        // 7 sanctionEntity, all persons; logicalId 5468 appears twice (the second a one-word test entry).
        var list = Excerpt.Value;
        Assert.Equal(7, list.Records.Count);
        Assert.Equal(6, list.DistinctIds);
        Assert.All(list.Records, r => Assert.Equal(EntitySchema.Person, r.Schema));
        Assert.Equal("2020-04-15T15:29:22.497+02:00", list.Header.Published);
        var r = list.Get("5468");
        Assert.Contains(r.Names, n => n is { FullName: "Sok-hwa Hwang", Type: NameType.Primary });
        Assert.Contains(r.Names, n => n is { FullName: "TestOneWord" });
    }

    [Fact]
    public void A_person_under_two_programmes_becomes_one_entity_with_two_designations()
    {
        var list = Fsf.Value;
        Assert.Equal(2, list.Records.Count(r => r.NativeId == "516"));
        var r = list.Get("516");
        // The alias the EU entered first is the UN's name for him (SAYYED GHIASSOUDDINE AGHA, TAi.072).
        Assert.Equal("Sayyed Ghiassouddine Agha", r.Caption);
        Assert.Equal(
            [
                new Designation("AFG", "2001-01-31", "European Union", "2017/404 (OJ L63)"),
                // The TAQA occurrence states no designationDate, so the regulation's publication date stands in.
                new Designation("TAQA", "2008-03-12", "European Union", "220/2008 (OJ L68)"),
            ],
            r.Designations);
        Assert.Contains(new Statement("authorityId", "EU.472.57"), r.Statements);
        Assert.Contains(new Statement("birthDate", "1958~/1963~", "circa 1958-1963"), r.Statements);
        Assert.Contains(new Statement("birthDate", "1961~", "circa 1961"), r.Statements);
        Assert.Contains(new Statement("birthPlace", "Kohistan District, Faryab Province, AFGHANISTAN"), r.Statements);
        Assert.Contains(new Statement("citizenship", "AFGHANISTAN"), r.Statements);
        Assert.Contains(new Statement("title", "Maulavi"), r.Statements);
    }

    [Fact]
    public void Multilingual_aliases_keep_their_language_and_script()
    {
        var pij = Fsf.Value.Get("217");
        Assert.Equal(EntitySchema.Organization, pij.Schema);
        var primary = Assert.Single(pij.Names, n => n.Type == NameType.Primary);
        Assert.Equal("Palestinian Islamic Jihad", primary.FullName);
        Assert.Null(primary.Language);
        Assert.Contains(pij.Names, n => n is { FullName: "Jihad islamique palestinien", Type: NameType.Alias, Language: "fr", Script: "Latn" });
        Assert.Contains(pij.Names, n => n is { FullName: "Jiohád Ioslamach na Palaistíne", Type: NameType.Alias, Language: "ga" });
        // Greek and Bulgarian are EU languages: translations, not the original script.
        Assert.Contains(pij.Names, n => n is { FullName: "Παλαιστινιακή Ισλαµική Τζιχάντ", Type: NameType.Alias, Language: "el", Script: "Grek" });
        Assert.Contains(pij.Names, n => n is { FullName: "Палестински ислямски джихад", Type: NameType.Alias, Language: "bg", Script: "Cyrl" });
        Assert.Contains(pij.Names, n => n is { FullName: "JIP", Type: NameType.Alias, Language: "ro" });
        Assert.Equal(new Designation("TERR", "2022-02-04", "European Union", "2022/147 (OJ L25)"), Assert.Single(pij.Designations));
    }

    [Fact]
    public void An_arabic_name_is_the_original_script_and_the_earliest_english_name_is_primary()
    {
        var maher = Fsf.Value.Get("6303");
        Assert.Equal("Maher AL-ASSAD", maher.Caption);
        Assert.Contains(maher.Names, n => n is { FullName: "ماهر الاسد", Type: NameType.OriginalScript, Language: "ar", Script: "Arab" });
        Assert.Contains(maher.Names, n => n is { FullName: "Mahir AL-ASSAD", Type: NameType.Alias });
        Assert.Contains(new Statement("gender", "male"), maher.Statements);
        Assert.Contains(new Statement("birthDate", "1967-12-08"), maher.Statements);
        Assert.Contains(new Statement("birthPlace", "Damascus, SYRIAN ARAB REPUBLIC"), maher.Statements);
        Assert.Contains(new Statement("passportNumber", "4138", "National passport, 4138, diplomatic, Diplomatic passport"), maher.Statements);
        Assert.Contains(new Statement("position", "Major General of the 42nd Brigade and former Brigadier Commander of the Army's 4th Armoured Division"), maher.Statements);
        Assert.Equal(new Designation("SYR", "2011-05-09", "European Union", "2020/716 (OJ L168)"), Assert.Single(maher.Designations));
    }

    [Fact]
    public void The_primary_name_is_the_alias_entered_first_not_the_first_in_the_file()
    {
        // The file lists "Calib Trinidad" (alias 6557) first; "Angelo Ramirez Trinidad" (alias 6556) is the name designated.
        var trinidad = Fsf.Value.Get("5266");
        Assert.Equal("Angelo Ramirez Trinidad", trinidad.Caption);
        Assert.Contains(trinidad.Names, n => n is { FullName: "Calib Trinidad", Type: NameType.Alias });
    }

    [Theory]
    [InlineData("191", "Khalid Shaikh MOHAMMED")]
    [InlineData("5295", "Amor Mohamed Ghedeir")]
    public void The_primary_name_is_the_same_whatever_order_a_publication_lists_the_aliases_in(string id, string caption)
    {
        Assert.Equal(caption, Excerpt.Value.Get(id).Caption);
        Assert.Equal(caption, Fsf.Value.Get(id).Caption);
    }

    [Fact]
    public void The_united_nation_id_becomes_a_cross_reference_with_documents_and_details()
    {
        var aisha = Fsf.Value.Get("6092");
        Assert.Equal("AISHA MUAMMAR MUHAMMED ABU MINYAR QADHAFI", aisha.Caption);
        Assert.Contains(new Statement("crossReference", "un-sc:LYi.009", "LYi.009"), aisha.Statements);
        Assert.Contains(new Statement("notes", "Listed pursuant to paragraphs 15 and 17 of resolution 1970 (Travel Ban, Asset Freeze)."), aisha.Statements);
        Assert.Contains(new Statement("passportNumber", "215215", "National passport, 215215, LIBYA, (name on doc. 'Aisha Muhammed Abdul Salam'), Aisha Muhammed Abdul Salam"), aisha.Statements);
        Assert.Contains(new Statement("passportNumber", "03824970", "National passport, 03824970, OMAN, Muscat, issued 2014-05-04, valid to 2024-05-03"), aisha.Statements);
        Assert.Contains(new Statement("idNumber", "98606612", "Other identification number, 98606612, National identification no."), aisha.Statements);
        Assert.Contains(new Statement("address", "OMAN"), aisha.Statements);
        Assert.Contains(new Statement("notes", "address: (Believed status/location: Sultanate of Oman)"), aisha.Statements);
        Assert.Contains(new Statement("birthPlace", "Tripoli, LIBYA"), aisha.Statements);
        Assert.Equal(2, Fsf.Value.Records.Count(r => r.Statements.Any(s => s.Property == "crossReference")));
    }

    [Fact]
    public void A_un_reference_in_prose_about_a_related_group_is_not_a_cross_reference()
    {
        // "A leader of the Haqqani Network (TAe.012)": the network is another listing, not this person.
        var haqqani = Fsf.Value.Get("5795");
        Assert.Contains(haqqani.Statements, s => s.Property == "notes" && s.Value.Contains("(TAe.012)", StringComparison.Ordinal));
        Assert.DoesNotContain(haqqani.Statements, s => s.Property == "crossReference");
    }

    [Fact]
    public void An_islamic_calendar_birth_date_uses_the_gregorian_date_and_keeps_the_hijri_one()
    {
        var dates = Fsf.Value.Records.SelectMany(r => r.Statements).Where(s => s.Property == "birthDate").ToList();
        Assert.Contains(new Statement("birthDate", "1982-04-19", "1982-04-19 (ISLAMIC 1402-6-24)"), dates);
    }

    [Fact]
    public void Excerpt_person_with_id_card_passport_fiscal_code_and_address()
    {
        var r = Excerpt.Value.Get("927");
        Assert.Equal("Mohamed Ben Belkacem Aouadi", r.Caption);
        Assert.Equal(
            [new NamePart(NamePartKind.Given, "Mohamed"), new NamePart(NamePartKind.Middle, "Ben Belkacem"), new NamePart(NamePartKind.Family, "Aouadi")],
            r.Names[0].Parts);
        Assert.Contains(new Statement("idNumber", "04643632", "National identification card, 04643632, TUNISIA"), r.Statements);
        Assert.Contains(new Statement("passportNumber", "L191609", "National passport, L191609, TUNISIA"), r.Statements);
        Assert.Contains(new Statement("address", "23 50th Street, Zehrouni, Tunis, TUNISIA"), r.Statements);
        Assert.Contains(new Statement("notes", "address: Italian Fiscal Code: DAOMMD74T11Z352Z"), r.Statements);
        Assert.Contains(new Statement("birthDate", "1974-12-11"), r.Statements);
        Assert.Contains(new Statement("citizenship", "TUNISIA"), r.Statements);
        Assert.Equal(new Designation("TAQA", "2016-03-02", "European Union", "2016/294 (OJ L55)"), Assert.Single(r.Designations));
    }

    [Fact]
    public void Excerpt_alias_remark_and_approximate_birth_year_are_kept()
    {
        var r = Excerpt.Value.Get("5295");
        Assert.Equal("Amor Mohamed Ghedeir", r.Caption);
        Assert.Equal(5, r.Names.Count);
        Assert.Contains(new Statement("birthDate", "1958~", "circa 1958"), r.Statements);
        Assert.Contains(new Statement("birthPlace", "Deb-Deb, Amenas, Wilaya (province) of Illizi, ALGERIA"), r.Statements);
        Assert.Contains(r.Statements, s => s.Property == "notes" && s.Value.StartsWith("name Amor Mohamed Ghedeir: (a) Mother's name is Benarouba Bachira", StringComparison.Ordinal));
        Assert.Equal(new Designation("TAQA", "2008-07-03", "European Union", "2019/555 (OJ L97)"), Assert.Single(r.Designations));
    }

    [Fact]
    public void A_labelled_un_id_in_a_remark_is_a_cross_reference_and_weak_aliases_are_weak()
    {
        using var file = TempListFile.Write(".xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2026-01-02">
              <sanctionEntity logicalId="1" euReferenceNumber="EU.1.1" unitedNationId="">
                <remark>UN ID: QDi.372. Linked to QDe.115.</remark>
                <regulation programme="TAQA" publicationDate="2016-03-02" numberTitle="2016/1 (OJ L1)"/>
                <subjectType code="person"/>
                <nameAlias wholeName="Gulmurod Khalimov" strong="true" nameLanguage=""/>
                <nameAlias wholeName="Abu Bakr" strong="false" nameLanguage=""/>
              </sanctionEntity>
            </export>
            """);
        var r = Assert.Single(ParsedList.Read(file.Path, "eu-fsf-xml").Records);
        Assert.Equal([new Statement("crossReference", "un-sc:QDi.372", "UN ID: QDi.372")], r.Statements.Where(s => s.Property == "crossReference"));
        Assert.Contains(r.Names, n => n is { FullName: "Abu Bakr", Type: NameType.WeakAlias });
    }

    [Fact]
    public void A_record_without_logical_id_fails_naming_the_file_and_line()
    {
        using var file = TempListFile.Write(".xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2026-01-02">
              <sanctionEntity euReferenceNumber="EU.1.1"><subjectType code="person"/><nameAlias wholeName="A B" strong="true"/></sanctionEntity>
            </export>
            """);
        TempListFile.AssertFailsNamingFile(file.Path, null, "line 3", "logicalId");
    }

    [Fact]
    public void A_truncated_file_fails_naming_the_file_and_line()
    {
        using var file = TempListFile.Write(".xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2026-01-02">
              <sanctionEntity logicalId="1"><subjectType code="person"/><nameAlias wholeName="A B" strong="true"/></sanctionEntity>
              <sanctionEntity logicalId="2"><subjectType code="person"/><nameAlias wholeName="C
            """);
        var e = TempListFile.AssertFailsNamingFile(file.Path, null, "malformed XML");
        Assert.Matches(@"line [45], column \d+", e.Message);
    }

    [Fact]
    public void A_document_type_declaration_is_refused_not_expanded()
    {
        using var file = TempListFile.Write(".xml", """
            <?xml version="1.0"?>
            <!DOCTYPE export [<!ENTITY x SYSTEM "file:///etc/passwd">]>
            <export xmlns="http://eu.europa.ec/fpi/fsd/export"><sanctionEntity logicalId="1"><subjectType code="person"/><nameAlias wholeName="&x;"/></sanctionEntity></export>
            """);
        var e = Assert.Throws<ListFormatException>(() => ParsedList.Read(file.Path, "eu-fsf-xml"));
        Assert.Contains("DTD", e.Message, StringComparison.Ordinal);
    }
}
