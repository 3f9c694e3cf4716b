using System.Text.RegularExpressions;
using Vigil.Core.Model;
using Vigil.Core.Sources;

namespace Vigil.Tests.Sources;

public partial class OfacRemarksTests
{
    private static readonly Lazy<List<(string Id, string Remarks, SourceRecord Record)>> Sdn2024Remarks = new(ReadSdn2024Remarks);

    private static SourceRecord Apply(string remarks, EntitySchema schema = EntitySchema.Person)
    {
        var record = new SourceRecord("1", schema);
        OfacRemarks.Apply(record, remarks);
        return record;
    }

    [Fact]
    public void Khalimov_remarks_become_birth_citizenship_and_passport_statements()
    {
        const string remarks = "DOB 14 May 1975; POB Varzob, Tajikistan; citizen Tajikistan; Passport 018840 (Tajikistan).";
        var r = Apply(remarks);
        Assert.Equal(
            [
                new Statement("notes", remarks),
                new Statement("birthDate", "1975-05-14", "14 May 1975"),
                new Statement("birthPlace", "Varzob, Tajikistan"),
                new Statement("citizenship", "Tajikistan"),
                new Statement("passportNumber", "018840", "Passport 018840 (Tajikistan)"),
            ],
            r.Statements);
    }

    [Theory]
    [InlineData("DOB 1962; POB Shati.", "1962", "1962")]
    [InlineData("DOB circa 1951", "1951~", "circa 1951")]
    [InlineData("DOB 1970 to 1975", "1970/1975", "1970 to 1975")]
    [InlineData("DOB 01 Jan 1960 to 31 Dec 1960", "1960-01-01/1960-12-31", "01 Jan 1960 to 31 Dec 1960")]
    [InlineData("DOB Mar 1945", "1945-03", "Mar 1945")]
    [InlineData("DOB circa 1979-1982", "1979/1982", "circa 1979-1982")]
    public void Every_dob_wording_becomes_an_edtf_birth_date_keeping_the_wording(string remarks, string edtf, string original)
    {
        // A wording that is already EDTF ("1962") has no separate original.
        Assert.Contains(new Statement("birthDate", edtf, original == edtf ? null : original), Apply(remarks).Statements);
    }

    [Fact]
    public void An_alternative_dob_is_a_second_birth_date()
    {
        var dates = Apply("DOB 14 May 1975; alt. DOB 15 May 1975").Statements.Where(s => s.Property == "birthDate").Select(s => s.Value);
        Assert.Equal(["1975-05-14", "1975-05-15"], dates);
    }

    [Fact]
    public void Gender_nationality_and_national_id_are_read_from_a_real_remark()
    {
        var r = Apply("DOB 14 Dec 1958; POB Mutare, Zimbabwe; nationality Zimbabwe; Gender Female; National ID No. 63741411R50 (Zimbabwe).");
        Assert.Contains(new Statement("nationality", "Zimbabwe"), r.Statements);
        Assert.Contains(new Statement("gender", "female"), r.Statements);
        Assert.Contains(new Statement("idNumber", "63741411R50", "National ID No. 63741411R50 (Zimbabwe)"), r.Statements);
    }

    [Fact]
    public void Quoted_akas_are_weak_aliases_and_documents_keep_their_clause()
    {
        var r = Apply("DOB 31 Jan 1939; Cedula No. 6068015 (Colombia); alt. Cedula No. 6067015 (Colombia); Passport T321642 (Colombia); "
            + "alt. Passport 6067015 (Comoros); a.k.a. 'THE CHESS PLAYER'; a.k.a. 'LUCAS'.");
        Assert.Equal([new NameEntry("THE CHESS PLAYER", NameType.WeakAlias), new NameEntry("LUCAS", NameType.WeakAlias)], r.Names);
        Assert.Contains(new Statement("idNumber", "6067015", "alt. Cedula No. 6067015 (Colombia)"), r.Statements);
        Assert.Contains(new Statement("passportNumber", "T321642", "Passport T321642 (Colombia)"), r.Statements);
        Assert.Contains(new Statement("passportNumber", "6067015", "alt. Passport 6067015 (Comoros)"), r.Statements);
    }

    [Fact]
    public void A_weak_alias_of_a_person_written_surname_first_gets_its_parts()
    {
        var alias = Assert.Single(Apply("a.k.a. 'BAKR, Abu'").Names);
        Assert.Equal([new NamePart(NamePartKind.Family, "BAKR"), new NamePart(NamePartKind.Given, "Abu")], alias.Parts);
        Assert.Empty(Assert.Single(Apply("a.k.a. 'BAKR, Abu'", EntitySchema.Organization).Names).Parts);
    }

    [Fact]
    public void A_weak_alias_holding_quotes_of_its_own_is_kept_whole()
    {
        Assert.Equal(new NameEntry("LLC 'DSD'", NameType.WeakAlias), Assert.Single(Apply("a.k.a. 'LLC 'DSD''", EntitySchema.Organization).Names));
    }

    [Fact]
    public void An_alias_cut_by_the_1000_character_limit_stays_a_note()
    {
        var r = Apply("Linked To: LAZARUS GROUP; a.k.a. 'WHOIS HACKIN", EntitySchema.Organization);
        Assert.Empty(r.Names);
        Assert.Contains(new Statement("notes", "a.k.a. 'WHOIS HACKIN"), r.Statements);
    }

    [Theory]
    [InlineData("Tax ID No. 7744001497 (Russia)", "taxNumber", "7744001497")]
    [InlineData("NIT # 800018928-0 (Colombia)", "taxNumber", "800018928-0")]
    [InlineData("R.F.C. DIB-771110-HQ1 (Mexico)", "taxNumber", "DIB-771110-HQ1")]
    [InlineData("Registration Number HRA 738077 (Stuttgart) (Germany)", "registrationNumber", "HRA 738077")]
    [InlineData("Unified Social Credit Code (USCC) 9113100033607322XK (China)", "registrationNumber", "9113100033607322XK")]
    [InlineData("Folio Mercantil No. 343997 (Mexico) issued 14 Dec 2005", "registrationNumber", "343997")]
    [InlineData("Passport G025057 issued 23 Jun 1999 expires 05 Feb 2004", "passportNumber", "G025057")]
    [InlineData("alt. Passport D10007350 (Iran) expires 13 Oct 2025", "passportNumber", "D10007350")]
    [InlineData("C.U.R.P. AIMM67125HCHRRG06 (Mexico) issued 1968", "idNumber", "AIMM67125HCHRRG06")]
    [InlineData("Refugee ID Card 12345 (Kenya)", "idNumber", "12345")]
    [InlineData("Vessel Registration Identification IMO 9187629", "imoNumber", "IMO9187629")]
    [InlineData("Company Number IMO 5055293", "imoNumber", "IMO5055293")]
    [InlineData("MMSI 572469210", "mmsi", "572469210")]
    [InlineData("SWIFT/BIC GAZPRUMM", "swiftBic", "GAZPRUMM")]
    [InlineData("Aircraft Tail Number EP-MMH", "registrationNumber", "EP-MMH")]
    [InlineData("Aircraft Manufacturer's Serial Number (MSN) 1023409321", "serialNumber", "1023409321")]
    public void Identifier_clauses_keep_the_number_as_value_and_the_clause_as_original(string clause, string property, string number)
    {
        Assert.Contains(new Statement(property, number, clause), Apply(clause + ".", EntitySchema.Organization).Statements);
    }

    [Theory]
    [InlineData("Email Address dam.d.free@net.sy.", "email", "dam.d.free@net.sy")]
    [InlineData("Website www.havanaintbank.co.uk", "website", "www.havanaintbank.co.uk")]
    [InlineData("Organization Established Date 31 Jul 1990", "incorporationDate", "1990-07-31")]
    [InlineData("Aircraft Manufacture Date 1992", "buildDate", "1992")]
    [InlineData("Aircraft Model IL76-TD", "model", "IL76-TD")]
    [InlineData("Nationality of Registration Korea, North", "flag", "Korea, North")]
    [InlineData("Alternate Title, Chief, Iran's Law Enforcement Forces", "position", "Chief, Iran's Law Enforcement Forces")]
    public void Contact_and_company_clauses_become_their_properties(string clause, string property, string value)
    {
        Assert.Contains(Apply(clause, EntitySchema.Organization).Statements, s => s.Property == property && s.Value == value);
    }

    [Theory]
    [InlineData("Phone Number 982188526300", "982188526300")]
    [InlineData("Telephone No. 009613679153", "009613679153")]
    [InlineData("Fax No. (218) (0)214778766", "(218) (0)214778766")]
    public void Phone_and_fax_numbers_are_phones_keeping_their_wording(string clause, string number)
    {
        Assert.Contains(new Statement("phone", number, clause), Apply(clause, EntitySchema.Organization).Statements);
    }

    [Fact]
    public void Unstructured_clauses_are_notes_and_linked_parties_are_not_cross_references()
    {
        var r = Apply("Additional Sanctions Information - Subject to Secondary Sanctions; Linked To: AL-QA'IDA (QDe.004); Member of the State Duma.",
            EntitySchema.Person);
        Assert.Contains(new Statement("notes", "Additional Sanctions Information - Subject to Secondary Sanctions"), r.Statements);
        Assert.Contains(new Statement("notes", "Linked To: AL-QA'IDA (QDe.004)"), r.Statements);
        Assert.Contains(new Statement("notes", "Member of the State Duma."), r.Statements);
        Assert.DoesNotContain(r.Statements, s => s.Property == "crossReference");
    }

    [Fact]
    public void A_clause_naming_this_subjects_un_listing_is_a_cross_reference()
    {
        // OFAC's own files carry no such clause today; the rule is for remarks that state the same UN listing.
        var r = Apply("DOB 14 May 1975; UN Ref QDi.372");
        Assert.Contains(new Statement("crossReference", "un-sc:QDi.372", "QDi.372"), r.Statements);
    }

    [Fact]
    public void A_doubtful_nationality_stays_a_note()
    {
        var r = Apply("nationality possibly Palestinian;arrested 23 Apr 2002");
        Assert.DoesNotContain(r.Statements, s => s.Property == "nationality");
        Assert.Contains(new Statement("notes", "nationality possibly Palestinian"), r.Statements);
        Assert.Contains(new Statement("notes", "arrested 23 Apr 2002"), r.Statements);
    }

    [Fact]
    public void Every_real_remark_is_kept_whole_as_a_note()
    {
        foreach (var (id, remarks, record) in Sdn2024Remarks.Value)
        {
            Assert.True(record.Statements.Contains(new Statement("notes", Collapse(remarks))), $"ent_num {id} lost its remarks text");
        }
    }

    [Fact]
    public void Every_real_dob_clause_becomes_a_birth_date_or_a_birth_date_note()
    {
        // 7534 DOB / alt. DOB clauses in the 2024 file, counted with python3 (split on ';', prefix "DOB " or "alt. DOB ").
        var clauses = 0;
        var read = 0;
        foreach (var (_, remarks, record) in Sdn2024Remarks.Value)
        {
            clauses += OfacRemarks.Clauses(remarks).Count(c => c.StartsWith("DOB ", StringComparison.Ordinal) || c.StartsWith("alt. DOB ", StringComparison.Ordinal));
            read += record.Statements.Count(s => s.Property == "birthDate" || (s.Property == "notes" && s.Value.StartsWith("birthDate: ", StringComparison.Ordinal)));
        }
        Assert.Equal(7534, clauses);
        Assert.Equal(clauses, read);
    }

    [Fact]
    public void Every_real_birth_date_is_edtf_and_every_real_value_is_clean()
    {
        foreach (var (id, _, record) in Sdn2024Remarks.Value)
        {
            foreach (var s in record.Statements.Where(s => s.Property is "birthDate" or "incorporationDate" or "buildDate"))
            {
                Assert.True(Edtf().IsMatch(s.Value), $"ent_num {id}: {s.Property} '{s.Value}' is not EDTF");
            }
            foreach (var s in record.Statements.Where(s => s.Property != "notes"))
            {
                Assert.False(s.Value.EndsWith(';') || s.Value.StartsWith("alt. ", StringComparison.Ordinal), $"ent_num {id}: {s.Property} '{s.Value}'");
            }
            foreach (var n in record.Names.Where(n => n.Type == NameType.WeakAlias))
            {
                // Names may start with an apostrophe of their own ('ABD-AL-'IZ) and end in a full stop of their own
                // (DOCTOR M.R.O.), never in the quote and stop that close the clause.
                Assert.False(n.FullName.EndsWith("'.", StringComparison.Ordinal), $"ent_num {id}: weak alias '{n.FullName}'");
            }
        }
    }

    [Fact]
    public void Most_real_clauses_are_structured_rather_than_left_as_notes()
    {
        // A regression guard: the 2024 file has 61,088 clauses in 14,494 remarks; if the rules stop matching, the share of notes jumps.
        var clauses = 0;
        var notes = 0;
        foreach (var (_, remarks, record) in Sdn2024Remarks.Value)
        {
            clauses += OfacRemarks.Clauses(remarks).Count();
            notes += record.Statements.Count(s => s.Property == "notes") - 1;
        }
        Assert.InRange(notes, 0, clauses * 35 / 100);
    }

    private static List<(string, string, SourceRecord)> ReadSdn2024Remarks()
    {
        var rows = new List<(string, string, SourceRecord)>();
        foreach (var line in File.ReadLines(TestData.Path("ofac/sdn-csv-2024-05-03/sdn.csv")))
        {
            var m = RemarksColumn().Match(line);
            if (!m.Success)
            {
                continue;
            }
            var remarks = m.Groups["r"].Value.Replace("\"\"", "\"", StringComparison.Ordinal);
            var schema = line.Contains(",\"individual\",", StringComparison.Ordinal) ? EntitySchema.Person : EntitySchema.Organization;
            var record = new SourceRecord(m.Groups["id"].Value, schema);
            OfacRemarks.Apply(record, remarks);
            rows.Add((m.Groups["id"].Value, remarks, record));
        }
        return rows;
    }

    private static string Collapse(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    // The last column of a one-line sdn.csv row when it is quoted (a remark) rather than -0-.
    [GeneratedRegex(@"^(?<id>\d+),.*,""(?<r>[^""]*(?:""""[^""]*)*)""$")]
    private static partial Regex RemarksColumn();

    [GeneratedRegex(@"^\d{4}(?:-\d{2}(?:-\d{2})?)?~?(?:/\d{4}(?:-\d{2}(?:-\d{2})?)?)?$")]
    private static partial Regex Edtf();
}
