using Vigil.Core.Model;
using Vigil.Core.Sources;

namespace Vigil.Tests.Sources;

public sealed class CustomCsvParserTests
{
    private const string Watchlist = """"
        # source: Internal Watchlist
        id,name,schema,aliases,weak_aliases,dob,country,nationality,passport,id_number,imo,program,listed_on,notes
        C-001,Gulmurod Khalimov,Person,Gulmurod Halimov;Гулмурод Халимов,Abu Jihad,14 May 1975;circa 1975,sy,tj,A1234567,,,"Internal; Terror watch",2016-02-29,"Former OMON commander, ""Syria-based"""
        C-002,Acme Trading LLC,Organization,Acme Ltd,,,ae,,,CN-12345,,Export control,2020-03-01,
        C-003,OCEAN STAR,Vessel,,,,,,,,9123456,,,"Seen at
        Nampo"
        C-001,Gulmurod Khalimov,,,,,,,B7654321,,,,,
        """";

    [Fact]
    public void Reads_every_row_and_names_the_source_from_the_comment_line()
    {
        using var file = TempListFile.Write(".csv", Watchlist);
        var list = ParsedList.Read(file.Path, "custom-csv");
        Assert.Equal(4, list.Records.Count);
        Assert.Equal(3, list.DistinctIds);
        Assert.Equal([EntitySchema.Person, EntitySchema.Organization, EntitySchema.Vessel, EntitySchema.Person], list.Records.Select(r => r.Schema).ToArray());
        Assert.Equal("custom-internal-watchlist", list.Header.Source);
        Assert.Null(list.Header.Published);
    }

    [Fact]
    public void Without_a_source_comment_the_file_name_names_the_source()
    {
        using var dir = TempListFile.Folder();
        var path = dir.Add("Board Members.csv", "id,name\n1,Jane Doe\n");
        var list = ParsedList.Read(path, "custom-csv");
        Assert.Equal("custom-board-members", list.Header.Source);
        Assert.Equal("Jane Doe", Assert.Single(list.Records).Caption);
    }

    [Fact]
    public void Person_rows_with_the_same_id_merge_into_one_subject()
    {
        using var file = TempListFile.Write(".csv", Watchlist);
        var k = ParsedList.Read(file.Path, "custom-csv").Get("C-001");
        Assert.Equal("Gulmurod Khalimov", k.Caption);
        Assert.Contains(k.Names, n => n is { FullName: "Gulmurod Halimov", Type: NameType.Alias });
        Assert.Contains(k.Names, n => n is { FullName: "Гулмурод Халимов", Type: NameType.Alias, Script: "Cyrl" });
        Assert.Contains(k.Names, n => n is { FullName: "Abu Jihad", Type: NameType.WeakAlias });
        Assert.Contains(new Statement("birthDate", "1975-05-14", "14 May 1975"), k.Statements);
        Assert.Contains(new Statement("birthDate", "1975~", "circa 1975"), k.Statements);
        Assert.Contains(new Statement("country", "sy"), k.Statements);
        Assert.Contains(new Statement("nationality", "tj"), k.Statements);
        Assert.Contains(new Statement("passportNumber", "A1234567"), k.Statements);
        Assert.Contains(new Statement("passportNumber", "B7654321"), k.Statements);
        Assert.Equal(
            [new Designation("Internal", "2016-02-29"), new Designation("Terror watch", "2016-02-29")],
            k.Designations.ToArray());
        Assert.Contains(new Statement("notes", "Former OMON commander, \"Syria-based\""), k.Statements);
    }

    [Fact]
    public void Organisation_and_vessel_rows_keep_their_identifiers()
    {
        using var file = TempListFile.Write(".csv", Watchlist);
        var list = ParsedList.Read(file.Path, "custom-csv");
        var acme = list.Get("C-002");
        Assert.Equal(EntitySchema.Organization, acme.Schema);
        Assert.Contains(acme.Names, n => n is { FullName: "Acme Ltd", Type: NameType.Alias });
        Assert.Contains(new Statement("idNumber", "CN-12345"), acme.Statements);
        Assert.Equal(new Designation("Export control", "2020-03-01"), Assert.Single(acme.Designations));

        var ship = list.Get("C-003");
        Assert.Contains(new Statement("imoNumber", "9123456"), ship.Statements);
        Assert.Contains(new Statement("notes", "Seen at Nampo"), ship.Statements);
        Assert.Empty(ship.Designations);
    }

    [Fact]
    public void A_row_without_id_fails_naming_the_file_and_line()
    {
        using var file = TempListFile.Write(".csv", """
            # source: x
            id,name,dob
            1,Jane Doe,1970
            ,John Doe,1971
            """);
        var e = TempListFile.AssertFailsNamingFile(file.Path, "custom-csv");
        Assert.Equal("line 4", e.Location);
        Assert.Contains("no id", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unterminated_quote_fails_naming_the_line()
    {
        using var file = TempListFile.Write(".csv", """
            id,name,notes
            1,Jane Doe,"fine"
            2,John Doe,"never closed
            3,Joe Bloggs,x
            """);
        var e = Assert.Throws<ListFormatException>(() => ParsedList.Read(file.Path, "custom-csv"));
        Assert.Equal("line 3", e.Location);
        Assert.Contains("quote", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_with_too_many_columns_fails_naming_the_line()
    {
        using var file = TempListFile.Write(".csv", "id,name\n1,Jane Doe\n2,Doe, John\n");
        var e = Assert.Throws<ListFormatException>(() => ParsedList.Read(file.Path, "custom-csv"));
        Assert.Equal("line 3", e.Location);
        Assert.Contains("found 3", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_column_fails_naming_the_column()
    {
        using var file = TempListFile.Write(".csv", "id,name,birth_date\n1,Jane Doe,1970\n");
        var e = Assert.Throws<ListFormatException>(() => ParsedList.Read(file.Path, "custom-csv"));
        Assert.Equal("line 1", e.Location);
        Assert.Contains("'birth_date'", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_schema_fails_naming_the_line()
    {
        using var file = TempListFile.Write(".csv", "id,name,schema\n1,Jane Doe,Human\n");
        var e = Assert.Throws<ListFormatException>(() => ParsedList.Read(file.Path, "custom-csv"));
        Assert.Equal("line 2", e.Location);
        Assert.Contains("Human", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_csv_without_id_and_name_columns_is_not_claimed()
    {
        using var file = TempListFile.Write(".csv", "code,full_name\n1,Jane Doe\n");
        Assert.False(new CustomCsvParser().CanRead(ListInput.Open(file.Path)));
        Assert.Throws<ListFormatException>(() => ListFormats.Detect(ListInput.Open(file.Path)));
    }
}
