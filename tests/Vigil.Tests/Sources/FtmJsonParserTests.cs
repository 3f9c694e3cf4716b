using Vigil.Core.Model;
using Vigil.Core.Sources;

namespace Vigil.Tests.Sources;

public sealed class FtmJsonParserTests
{
    // Lines shaped as OpenSanctions publishes entities.ftm.json: a target person with a Cyrillic name, a company,
    // a vessel, the Sanction that lists the person, an Address entity and a non-target relative.
    private const string Entities = """
        {"id": "NK-khalimov", "caption": "Gulmurod Khalimov", "schema": "Person", "properties": {"name": ["Gulmurod Khalimov", "Гулмурод Халимов"], "alias": ["Gulmurod Halimov"], "weakAlias": ["Abu Jihad"], "birthDate": ["1975-05-14", "1975"], "birthPlace": ["Varzob, Tajikistan"], "nationality": ["tj"], "gender": ["male"], "addressEntity": ["addr-1"]}, "referents": ["unsc-6908527", "us-ofac-sdn:18634"], "datasets": ["un_sc_sanctions"], "first_seen": "2021-09-01T00:00:00", "last_seen": "2026-02-27T06:00:00", "last_change": "2024-01-10T12:00:00", "target": true}
        {"id": "NK-acme", "caption": "Acme Trading LLC", "schema": "Company", "properties": {"name": ["Acme Trading LLC"], "previousName": ["Acme Ltd"], "jurisdiction": ["ae"], "registrationNumber": ["CN-12345"], "incorporationDate": ["2009-03"]}, "referents": [], "datasets": ["un_sc_sanctions"], "target": true}

        {"id": "NK-ocean-star", "schema": "Vessel", "properties": {"name": ["OCEAN STAR"], "imoNumber": ["IMO 9123456"], "flag": ["kp"], "buildDate": ["1998"]}, "datasets": ["un_sc_sanctions"], "target": true}
        {"id": "unsc-sanction-qdi372", "schema": "Sanction", "properties": {"entity": ["NK-khalimov"], "authority": ["United Nations Security Council"], "program": ["Al-Qaida"], "listingDate": ["2016-02-29"], "unscId": ["QDi.372"], "reason": ["Syria-based military expert"]}, "datasets": ["un_sc_sanctions"], "target": false}
        {"id": "addr-1", "schema": "Address", "properties": {"full": ["Dushanbe, Tajikistan"]}, "datasets": ["un_sc_sanctions"], "target": false}
        {"id": "NK-relative", "schema": "Person", "properties": {"name": ["Relative Khalimova"]}, "datasets": ["un_sc_sanctions"], "target": false}
        """;

    [Fact]
    public void Reads_people_companies_and_vessels_and_skips_everything_else()
    {
        using var file = TempListFile.Write(".json", Entities);
        var list = ParsedList.Read(file.Path, "ftm-json");
        Assert.Equal(["NK-khalimov", "NK-acme", "NK-ocean-star"], list.Records.Select(r => r.NativeId).ToArray());
        Assert.Equal([EntitySchema.Person, EntitySchema.Organization, EntitySchema.Vessel], list.Records.Select(r => r.Schema).ToArray());
        Assert.Null(list.Header.Published);
    }

    [Fact]
    public void One_shared_dataset_names_the_source()
    {
        using var file = TempListFile.Write(".json", Entities);
        var list = ParsedList.Read(file.Path, "ftm-json");
        Assert.Equal("custom-un-sc-sanctions", list.Header.Source);
    }

    [Fact]
    public void Mixed_datasets_leave_the_file_name_to_name_the_source()
    {
        var text = Entities.Replace("\"buildDate\": [\"1998\"]}, \"datasets\": [\"un_sc_sanctions\"]", "\"buildDate\": [\"1998\"]}, \"datasets\": [\"un_sc_sanctions\", \"us_ofac_sdn\"]", StringComparison.Ordinal);
        Assert.NotEqual(Entities, text);
        using var dir = TempListFile.Folder();
        var path = dir.Add("My_Watchlist.jsonl", text);
        Assert.Equal("custom-my-watchlist", ParsedList.Read(path, "ftm-json").Header.Source);
    }

    [Fact]
    public void Person_has_names_in_both_scripts_dates_nationality_and_the_sanction_that_lists_him()
    {
        using var file = TempListFile.Write(".json", Entities);
        var k = ParsedList.Read(file.Path, "ftm-json").Get("NK-khalimov");
        Assert.Equal("Gulmurod Khalimov", k.Caption);
        Assert.Contains(k.Names, n => n is { FullName: "Gulmurod Khalimov", Type: NameType.Primary, Script: "Latn" });
        Assert.Contains(k.Names, n => n is { FullName: "Гулмурод Халимов", Type: NameType.OriginalScript, Script: "Cyrl" });
        Assert.Contains(k.Names, n => n is { FullName: "Gulmurod Halimov", Type: NameType.Alias });
        Assert.Contains(k.Names, n => n is { FullName: "Abu Jihad", Type: NameType.WeakAlias });
        Assert.Contains(new Statement("birthDate", "1975-05-14"), k.Statements);
        Assert.Contains(new Statement("birthDate", "1975"), k.Statements);
        Assert.Contains(new Statement("birthPlace", "Varzob, Tajikistan"), k.Statements);
        Assert.Contains(new Statement("nationality", "tj"), k.Statements);
        Assert.Contains(new Statement("gender", "male"), k.Statements);
        Assert.Contains(new Statement("modifiedAt", "2024-01-10", "2024-01-10T12:00:00"), k.Statements);
        Assert.Equal(new Designation("Al-Qaida", "2016-02-29", "United Nations Security Council", "QDi.372"), Assert.Single(k.Designations));
        Assert.Contains(new Statement("crossReference", "un-sc:QDi.372", "QDi.372"), k.Statements);
        Assert.Contains(new Statement("notes", "Syria-based military expert"), k.Statements);
    }

    [Fact]
    public void Referents_in_vigil_form_become_cross_references_and_others_notes()
    {
        using var file = TempListFile.Write(".json", Entities);
        var k = ParsedList.Read(file.Path, "ftm-json").Get("NK-khalimov");
        Assert.Contains(new Statement("crossReference", "us-ofac-sdn:18634"), k.Statements);
        Assert.Contains(new Statement("notes", "referent: unsc-6908527"), k.Statements);
    }

    [Fact]
    public void Company_and_vessel_keep_their_identifiers()
    {
        using var file = TempListFile.Write(".json", Entities);
        var list = ParsedList.Read(file.Path, "ftm-json");
        var acme = list.Get("NK-acme");
        Assert.Contains(acme.Names, n => n is { FullName: "Acme Ltd", Type: NameType.Former });
        Assert.Contains(new Statement("jurisdiction", "ae"), acme.Statements);
        Assert.Contains(new Statement("registrationNumber", "CN-12345"), acme.Statements);
        Assert.Contains(new Statement("incorporationDate", "2009-03"), acme.Statements);
        Assert.Empty(acme.Designations);

        var ship = list.Get("NK-ocean-star");
        Assert.Equal("OCEAN STAR", ship.Caption);
        Assert.Contains(new Statement("imoNumber", "IMO 9123456"), ship.Statements);
        Assert.Contains(new Statement("flag", "kp"), ship.Statements);
        Assert.Contains(new Statement("buildDate", "1998"), ship.Statements);
    }

    [Fact]
    public void Invalid_json_fails_naming_the_file_and_line()
    {
        using var file = TempListFile.Write(".json", """
            {"id": "a", "schema": "Person", "properties": {"name": ["A"]}}
            {"id": "b", "schema": "Person", "properties": {"name": ["B"]}}
            {"id": "c", "schema": "Person", "properties": {"name": ["C"]
            """);
        var e = TempListFile.AssertFailsNamingFile(file.Path, "ftm-json");
        Assert.Equal("line 3", e.Location);
        Assert.Contains("invalid JSON", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_entity_without_id_fails_naming_the_line()
    {
        using var file = TempListFile.Write(".json", """
            {"id": "a", "schema": "Person", "properties": {"name": ["A"]}}
            {"schema": "Person", "properties": {"name": ["B"]}}
            """);
        var e = Assert.Throws<ListFormatException>(() => ParsedList.Read(file.Path, "ftm-json"));
        Assert.Equal("line 2", e.Location);
        Assert.Contains("no id", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_entity_without_schema_fails_naming_the_line()
    {
        using var file = TempListFile.Write(".json", """
            {"id": "a", "schema": "Person", "properties": {"name": ["A"]}}
            {"id": "b", "schema": "Person", "properties": {"name": ["B"]}}
            {"id": "c", "schema": "Person", "properties": {"name": ["C"]}}
            {"id": "d", "properties": {"name": ["D"]}}
            """);
        var e = Assert.Throws<ListFormatException>(() => ParsedList.Read(file.Path, "ftm-json"));
        Assert.Equal("line 4", e.Location);
        Assert.Contains("no schema", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_nested_entity_in_properties_is_refused()
    {
        using var file = TempListFile.Write(".json", """
            {"id": "a", "schema": "Person", "properties": {"name": ["A"], "sanctions": [{"id": "s", "schema": "Sanction"}]}}
            """);
        var e = Assert.Throws<ListFormatException>(() => ParsedList.Read(file.Path, "ftm-json"));
        Assert.Equal("line 1", e.Location);
        Assert.Contains("sanctions", e.Problem, StringComparison.Ordinal);
    }
}
