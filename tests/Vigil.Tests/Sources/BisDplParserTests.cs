using Vigil.Core.Model;
using Vigil.Core.Sources;

namespace Vigil.Tests.Sources;

public sealed class BisDplParserTests
{
    private const string Authority = "US Department of Commerce, BIS";

    private static readonly Lazy<ParsedList> Dpl = new(() => ParsedList.Read(TestData.Path("other/us-bis-dpl/dpl.txt"), "us-bis-dpl"));

    [Fact]
    public void Reads_every_row_and_folds_the_rows_of_one_party_under_one_id()
    {
        var list = Dpl.Value;
        // 581 data rows (582 lines minus the header). Counted with python3 csv.DictReader(delimiter='\t'):
        // 460 distinct Name values, 459 after trimming (" I. ASH" / "I. ASH"), 458 row keys because
        // "AL NASER AIRLINES" and "AL-NASER AIRLINES" differ only by punctuation.
        Assert.Equal(581, list.Records.Count);
        Assert.Equal(458, list.DistinctIds);
        Assert.Equal(431, list.Records.Count(r => r.Schema == EntitySchema.Person));
        Assert.Equal(150, list.Records.Count(r => r.Schema == EntitySchema.Organization));
        var ids = list.Records.GroupBy(r => r.NativeId).ToList();
        Assert.Equal(349, ids.Count(g => g.First().Schema == EntitySchema.Person));
        Assert.Equal(109, ids.Count(g => g.First().Schema == EntitySchema.Organization));
        Assert.All(ids, g => Assert.Single(g.Select(r => r.Schema).Distinct()));
        Assert.Equal("us-bis-dpl", list.Header.Source);
        Assert.Null(list.Header.Published);
        Assert.Null(list.Header.DeclaredCount);
    }

    [Fact]
    public void Row_key_depends_only_on_the_name()
    {
        Assert.Equal("al-naser-airlines", BisDplParser.RowKey("AL-NASER AIRLINES"));
        Assert.Equal("al-naser-airlines", BisDplParser.RowKey("AL NASER AIRLINES"));
        Assert.Equal("i-ash", BisDplParser.RowKey(" I. ASH"));
        Assert.Equal("abel-hernandez-jr", BisDplParser.RowKey("ABEL HERNANDEZ, JR."));
    }

    [Fact]
    public void Nordic_maritime_is_an_organisation_with_its_address_order_and_citation()
    {
        var n = Dpl.Value.Get("nordic-maritime-pte-ltd");
        Assert.Equal(EntitySchema.Organization, n.Schema);
        Assert.Equal("NORDIC MARITIME PTE. LTD.", n.Caption);
        Assert.Contains(new Statement("address", "3 HARBOURFRONT PLACE, #04-03 HARBOURFRONT TOWER, SINGAPORE, 099254, SG"), n.Statements);
        Assert.Contains(new Statement("country", "SG"), n.Statements);
        Assert.Equal(new Designation("Denied Persons List", "2020-03-11", Authority, "85 F.R. 52312 8/25/2020"), Assert.Single(n.Designations));
        Assert.Contains(new Statement("endDate", "2035-03-08", "03/08/2035"), n.Statements);
        Assert.Contains(new Statement("modifiedAt", "2020-08-25"), n.Statements);
        Assert.Contains(new Statement("notes", "Standard order: Y"), n.Statements);
        Assert.Contains(new Statement("notes", "Action: FR NOTICE ADDED"), n.Statements);
    }

    [Fact]
    public void Al_naser_airlines_keeps_every_address_of_both_spellings()
    {
        var a = Dpl.Value.Get("al-naser-airlines");
        Assert.Equal(8, Dpl.Value.Records.Count(r => r.NativeId == "al-naser-airlines"));
        Assert.Equal(EntitySchema.Organization, a.Schema);
        Assert.Contains(a.Names, n => n is { FullName: "AL NASER AIRLINES", Type: NameType.Primary });
        Assert.Contains(a.Names, n => n is { FullName: "AL-NASER AIRLINES", Type: NameType.Primary });
        Assert.Equal(4, a.Statements.Count(s => s.Property == "address"));
        Assert.Contains(new Statement("address", "P.O. BOX 911399, AMMAN, 11191, JO"), a.Statements);
        Assert.Equal(["AE", "IQ", "JO"], a.Statements.Where(s => s.Property == "country").Select(s => s.Value).Order().ToArray());
        Assert.All(a.Designations, d => Assert.Equal("2022-05-13", d.ListedOn));
    }

    [Fact]
    public void Aaron_abraham_villa_is_a_person_listed_in_2022()
    {
        var p = Dpl.Value.Get("aaron-abraham-villa");
        Assert.Equal(EntitySchema.Person, p.Schema);
        Assert.Equal("AARON ABRAHAM VILLA", Assert.Single(p.Names).FullName);
        Assert.Contains(new Statement("address", "3415 RIVERA AVENUE, EL PASO, TX, 79905"), p.Statements);
        Assert.DoesNotContain(p.Statements, s => s.Property == "country");
        Assert.Equal(new Designation("Denied Persons List", "2022-08-24", Authority, "87 F.R. 52741 8/29/2022"), Assert.Single(p.Designations));
        Assert.Contains(new Statement("endDate", "2026-01-14", "01/14/2026"), p.Statements);
        Assert.Contains(new Statement("modifiedAt", "2022-08-29"), p.Statements);
    }

    [Fact]
    public void Names_that_spell_out_an_alias_yield_the_alias()
    {
        var fuyi = Dpl.Value.Get("fuyi-sun-a-k-a-frank-sun");
        Assert.Equal(EntitySchema.Person, fuyi.Schema);
        Assert.Contains(fuyi.Names, n => n is { FullName: "FUYI SUN", Type: NameType.Alias });
        Assert.Contains(fuyi.Names, n => n is { FullName: "FRANK SUN", Type: NameType.Alias });

        var pearl = Dpl.Value.Get("pearl-a-k-a-nei-chien-chu-li");
        Assert.Contains(pearl.Names, n => n is { FullName: "PEARL LI", Type: NameType.Alias });
        Assert.Contains(pearl.Names, n => n is { FullName: "NEI-CHIEN CHU", Type: NameType.Alias });

        var s7 = Dpl.Value.Get("siberian-airlines-d-b-a-s7-airlines");
        Assert.Equal(EntitySchema.Organization, s7.Schema);
        Assert.Contains(s7.Names, n => n is { FullName: "S7 AIRLINES", Type: NameType.Alias });

        var sammy = Dpl.Value.Get("ihsan-medhat-sammy-elashi");
        Assert.Contains(sammy.Names, n => n is { FullName: "IHSAN MEDHAT \"SAMMY\" ELASHI", Type: NameType.Primary });
        Assert.Contains(sammy.Names, n => n is { FullName: "IHSAN MEDHAT ELASHI", Type: NameType.Alias });

        // A person's parenthesis holds part of a name only, so only the name without it becomes an alias.
        var other = Dpl.Value.Get("sammy-ihsan-medhat-elashi");
        Assert.Equal(["SAMMY (IHSAN MEDHAT) ELASHI", "SAMMY ELASHI"], other.Names.Select(n => n.FullName).ToArray());
    }

    [Theory]
    [InlineData("COTRICOM S.A.", true)]
    [InlineData("YARRA ANSTALT A.G.", true)]
    [InlineData("ENGINEERING CONSTRUCTION & CONTRACTING CO.", true)]
    [InlineData("MAHAN AIRWAYS", true)]
    [InlineData("SYNAPTIX.NET", true)]
    [InlineData("TECHONWEB", true)]
    [InlineData("WEARFORM (MNC GROUP INTERNATIONAL, INC.)", true)]
    [InlineData("ABEL HERNANDEZ, JR.", false)]
    [InlineData("KIM SONG II", false)]
    [InlineData("MR. JULIO CESAR VEGA-AMARAL", false)]
    [InlineData("PEARL (A.K.A. NEI-CHIEN CHU) LI", false)]
    public void Legal_form_and_business_words_make_an_organisation(string name, bool organization) =>
        Assert.Equal(organization, BisDplParser.IsOrganizationName(name));

    [Fact]
    public void Misprinted_update_years_are_kept_as_the_list_states_them()
    {
        // Last_Update 2922-09-01 is still a valid EDTF date; 3017-08-22 is beyond what PartialDate accepts.
        var knokke = Dpl.Value.Get("knokke-heist-support-corporation-management");
        Assert.Contains(new Statement("modifiedAt", "2922-09-01"), knokke.Statements);
        var zadeh = Assert.Single(Dpl.Value.Records, r => r.Statements.Any(s => s.Value == "modifiedAt: 3017-08-22"));
        Assert.Equal("mansour-zadeh", zadeh.NativeId);
        Assert.DoesNotContain(zadeh.Statements, s => s.Property == "modifiedAt");
    }

    [Fact]
    public void Every_row_has_a_designation_with_a_listing_date()
    {
        Assert.All(Dpl.Value.Records, r =>
        {
            var d = Assert.Single(r.Designations);
            Assert.Equal("Denied Persons List", d.Program);
            Assert.NotNull(d.ListedOn);
        });
        // 53 rows leave Expiration_Date blank.
        Assert.Equal(528, Dpl.Value.Records.Count(r => r.Statements.Any(s => s.Property == "endDate")));
    }

    [Fact]
    public void An_unterminated_quote_fails_naming_the_file_and_line()
    {
        using var file = TempListFile.Write(".txt", """
            "Name"	"Street_Address"	"City"	"State"	"Country"	"Postal_Code"	"Effective_Date"	"Expiration_Date"	"Standard_Order"	"Last_Update"	"Action"	"FR_Citation"
            "A PERSON"	"1 MAIN ST"	"TOWN"	""	"US"	""	"01/02/2020"	"01/02/2030"	"Y"	"2020-01-03"	"NEW"	"85 F.R. 1 1/3/2020"
            "B PERSON	"2 MAIN ST"	"TOWN"	""	"US"	""	"01/02/2020"	"01/02/2030"	"Y"	"2020-01-03"	"NEW"	"85 F.R. 1 1/3/2020"
            """);
        var e = TempListFile.AssertFailsNamingFile(file.Path, null);
        Assert.Equal("line 3", e.Location);
    }

    [Fact]
    public void A_row_without_a_name_fails_naming_the_line()
    {
        using var file = TempListFile.Write(".txt", """
            "Name"	"Street_Address"	"City"	"State"	"Country"	"Postal_Code"	"Effective_Date"	"Expiration_Date"	"Standard_Order"	"Last_Update"	"Action"	"FR_Citation"
            "A PERSON"	"1 MAIN ST"	"TOWN"	""	"US"	""	"01/02/2020"	"01/02/2030"	"Y"	"2020-01-03"	"NEW"	"85 F.R. 1 1/3/2020"
            "A PERSON"	"1 MAIN ST"	"TOWN"	""	"US"	""	"01/02/2020"	"01/02/2030"	"Y"	"2020-01-03"	"NEW"	"85 F.R. 1 1/3/2020"
            " "	"2 MAIN ST"	"TOWN"	""	"US"	""	"01/02/2020"	"01/02/2030"	"Y"	"2020-01-03"	"NEW"	"85 F.R. 1 1/3/2020"
            """);
        var e = Assert.Throws<ListFormatException>(() => ParsedList.Read(file.Path));
        Assert.Equal("line 4", e.Location);
        Assert.Contains("Name", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_with_a_missing_column_fails_naming_the_line()
    {
        using var file = TempListFile.Write(".txt", """
            "Name"	"Street_Address"	"City"	"State"	"Country"	"Postal_Code"	"Effective_Date"	"Expiration_Date"	"Standard_Order"	"Last_Update"	"Action"	"FR_Citation"
            "A PERSON"	"1 MAIN ST"	"TOWN"	""	"US"	""	"01/02/2020"	"01/02/2030"	"Y"	"2020-01-03"	"NEW"
            """);
        var e = Assert.Throws<ListFormatException>(() => ParsedList.Read(file.Path));
        Assert.Equal("line 2", e.Location);
        Assert.Contains("found 11", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Impossible_dates_go_to_notes_instead_of_failing()
    {
        using var file = TempListFile.Write(".txt", """
            "Name"	"Street_Address"	"City"	"State"	"Country"	"Postal_Code"	"Effective_Date"	"Expiration_Date"	"Standard_Order"	"Last_Update"	"Action"	"FR_Citation"
            "ACME TRADING LLC"	"1 MAIN ST"	"TOWN"	""	"US"	""	"02/30/2020"	"01/02/3030"	"Y"	"2020-01-03"	"NEW"	""
            """);
        var list = ParsedList.Read(file.Path, "us-bis-dpl");
        var r = Assert.Single(list.Records);
        Assert.Equal(new Designation("Denied Persons List", null, Authority), Assert.Single(r.Designations));
        Assert.Contains(new Statement("notes", "Effective_Date: 02/30/2020"), r.Statements);
        Assert.Contains(new Statement("notes", "Expiration_Date: 01/02/3030"), r.Statements);
    }
}
