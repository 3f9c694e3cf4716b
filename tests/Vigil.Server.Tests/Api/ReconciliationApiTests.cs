using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Vigil.Server.Tests.Api;

/// <summary>
/// The reconciliation service as OpenRefine calls it: the manifest by GET, queries as a form-encoded POST with one
/// field <c>queries</c>, suggest with <c>prefix</c>, preview by id. Run over SQLite and PostgreSQL alike.
/// </summary>
public abstract class ReconciliationApiTests
{
    private const string Khalimov = "un-sc:QDi.372";

    private readonly HttpClient _client;

    protected ReconciliationApiTests(VigilApp app)
    {
        Assert.SkipWhen(app.Unavailable, app.UnavailableReason);
        _client = app.Client;
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Manifest_declares_version_0_2_the_four_types_and_services_on_this_server()
    {
        var manifest = await GetJson("/reconcile");

        Assert.Equal(["0.2"], manifest.GetProperty("versions").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(["Person", "Organization", "Vessel", "Aircraft"], manifest.GetProperty("defaultTypes").EnumerateArray().Select(t => t.GetProperty("id").GetString()));
        Assert.Equal("http://localhost/entity/{{id}}", manifest.GetProperty("view").GetProperty("url").GetString());
        Assert.Equal("http://localhost/reconcile/preview?id={{id}}", manifest.GetProperty("preview").GetProperty("url").GetString());
        var suggest = manifest.GetProperty("suggest").GetProperty("entity");
        Assert.Equal("http://localhost/reconcile", suggest.GetProperty("service_url").GetString());
        Assert.Equal("/suggest/entity", suggest.GetProperty("service_path").GetString());
        Assert.Equal("/extend/property", manifest.GetProperty("extend").GetProperty("propose_properties").GetProperty("service_path").GetString());
        Assert.InRange(manifest.GetProperty("batchSize").GetInt32(), 1, 100);
    }

    [Fact]
    public async Task Manifest_of_one_list_points_its_suggest_services_at_that_list()
    {
        var manifest = await GetJson("/reconcile/un-sc");

        Assert.Equal("http://localhost/reconcile/un-sc", manifest.GetProperty("suggest").GetProperty("type").GetProperty("service_url").GetString());
        Assert.Contains("un-sc", manifest.GetProperty("name").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/reconcile/no-such-list")]
    [InlineData("/reconcile/no-such-list/suggest/entity?prefix=Khalimov")]
    [InlineData("/reconcile/no-such-list/suggest/type?prefix=Pers")]
    [InlineData("/reconcile/no-such-list/extend/property?type=Person")]
    public async Task Unknown_list_is_a_404_problem(string path)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Api_key_in_the_query_string_travels_into_every_service_path_and_nothing_else_does()
    {
        var manifest = await GetJson("/reconcile?api_key=k%26y&_=1700000000");

        var suggest = manifest.GetProperty("suggest");
        Assert.Equal("/suggest/entity?api_key=k%26y", suggest.GetProperty("entity").GetProperty("service_path").GetString());
        Assert.Equal("/suggest/type?api_key=k%26y", suggest.GetProperty("type").GetProperty("service_path").GetString());
        Assert.Equal("/suggest/property?api_key=k%26y", suggest.GetProperty("property").GetProperty("service_path").GetString());
        Assert.Equal("http://localhost/reconcile/preview?id={{id}}&api_key=k%26y", manifest.GetProperty("preview").GetProperty("url").GetString());
    }

    [Fact]
    public async Task Khalimov_with_his_birth_date_is_reconciled_to_his_UN_listing_as_a_match()
    {
        var results = await Reconcile("""
            {"q0": {"query": "Gulmurod Khalimov", "type": "Person", "limit": 3, "type_strict": "should",
                    "properties": [{"pid": "birthDate", "v": "1975-05-14"}, {"pid": "nationality", "v": "tj"}]}}
            """);

        var candidates = results.GetProperty("q0").GetProperty("result");
        var best = candidates[0];
        Assert.Equal(Khalimov, best.GetProperty("id").GetString());
        Assert.True(best.GetProperty("match").GetBoolean(), candidates.ToString());
        Assert.InRange(best.GetProperty("score").GetDouble(), 70, 100);
        Assert.Equal("Person", best.GetProperty("type")[0].GetProperty("id").GetString());
        Assert.Contains("un-sc", best.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.All(candidates.EnumerateArray().Skip(1), c => Assert.False(c.GetProperty("match").GetBoolean()));
    }

    [Fact]
    public async Task A_common_name_finds_candidates_but_none_is_a_match()
    {
        var results = await Reconcile("""{"q0": {"query": "Mohammed Ali", "type": "Person", "limit": 10}}""");

        var candidates = results.GetProperty("q0").GetProperty("result").EnumerateArray().ToList();
        Assert.True(candidates.Count > 1, "a common name should find several candidates");
        Assert.DoesNotContain(candidates, c => c.GetProperty("match").GetBoolean());
    }

    [Fact]
    public async Task A_name_alone_found_on_two_unlinked_lists_is_left_for_an_analyst()
    {
        var results = await Reconcile("""{"q0": {"query": "Gulmurod Khalimov", "type": "Person"}}""");

        var candidates = results.GetProperty("q0").GetProperty("result").EnumerateArray().ToList();
        Assert.Equal(Khalimov, candidates[0].GetProperty("id").GetString());
        Assert.Contains(candidates, c => c.GetProperty("id").GetString()!.StartsWith("us-ofac-sdn:", StringComparison.Ordinal));
        Assert.DoesNotContain(candidates, c => c.GetProperty("match").GetBoolean());
    }

    [Fact]
    public async Task Each_query_of_a_batch_is_answered_under_its_own_key_and_limit()
    {
        var results = await Reconcile("""
            {"q0": {"query": "Gulmurod Khalimov", "limit": 1}, "q1": {"query": "Mohammed Ali", "type": "Person", "limit": 2}}
            """);

        Assert.Single(results.GetProperty("q0").GetProperty("result").EnumerateArray());
        Assert.Equal(2, results.GetProperty("q1").GetProperty("result").GetArrayLength());
    }

    [Fact]
    public async Task Queries_in_a_GET_query_string_are_answered_like_a_POST()
    {
        var queries = Uri.EscapeDataString("""{"q0": {"query": "Gulmurod Khalimov", "properties": [{"pid": "birthDate", "v": "1975-05-14"}]}}""");

        var results = await GetJson("/reconcile/un-sc?queries=" + queries);

        Assert.Equal(Khalimov, results.GetProperty("q0").GetProperty("result")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task One_list_reconciles_against_that_list_only()
    {
        var results = await Reconcile("""{"q0": {"query": "Gulmurod Khalimov", "limit": 20}}""", "/reconcile/us-ofac-sdn");

        var candidates = results.GetProperty("q0").GetProperty("result").EnumerateArray().ToList();
        Assert.DoesNotContain(candidates, c => c.GetProperty("id").GetString()!.StartsWith("un-sc:", StringComparison.Ordinal)
            && !c.GetProperty("description").GetString()!.Contains("us-ofac-sdn", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unreadable_JSON_in_queries_is_a_400_problem_naming_queries()
    {
        var detail = await ReconcileFails("""{"q0": {"query": "Gulmurod""");

        Assert.StartsWith("queries:", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_queries_than_a_batch_allows_is_a_400_problem()
    {
        var queries = "{" + string.Join(", ", Enumerable.Range(0, 101).Select(i => $"\"q{i}\": {{\"query\": \"Name {i}\"}}")) + "}";

        var detail = await ReconcileFails(queries);

        Assert.Contains("too many queries", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"q0": {"query": "Gulmurod Khalimov", "properties": [{"pid": "nationality", "v": "tj"}, {"pid": "birthDate", "v": "fourteenth of May"}]}}""", "queries.q0.properties[1].v")]
    [InlineData("""{"q0": {"query": "Gulmurod Khalimov", "properties": [{"pid": "birthDate", "v": null}]}}""", "queries.q0.properties[0].v")]
    [InlineData("""{"q0": {"query": "Gulmurod Khalimov", "limit": 101}}""", "queries.q0.limit")]
    [InlineData("""{"q0": {"query": "Gulmurod Khalimov", "type": 5}}""", "queries.q0.type")]
    [InlineData("""{"q1": {"limit": 1}}""", "queries.q1.query")]
    [InlineData("""{"q0": {"query": "  "}}""", "queries.q0.query")]
    [InlineData("""{"q0": "Gulmurod Khalimov"}""", "queries.q0")]
    [InlineData("""["Gulmurod Khalimov"]""", "queries")]
    public async Task An_invalid_query_is_a_400_problem_naming_the_field(string queries, string field)
    {
        var detail = await ReconcileFails(queries);

        Assert.StartsWith(field + ":", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_passport_number_alone_reconciles_to_its_holder()
    {
        var results = await Reconcile("""{"q0": {"type": "Person", "properties": [{"pid": "passportNumber", "v": "OB 0243318"}]}}""");

        Assert.Equal("un-sc:CDi.021", results.GetProperty("q0").GetProperty("result")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task Entity_suggest_finds_a_person_by_the_start_of_a_name()
    {
        var suggestions = await GetJson("/reconcile/suggest/entity?prefix=Gulmurod%20Khalim");

        Assert.Contains(suggestions.GetProperty("result").EnumerateArray(), s => s.GetProperty("id").GetString() == Khalimov);
    }

    [Fact]
    public async Task Entity_suggest_leaves_out_weak_results_without_a_word_starting_like_the_prefix()
    {
        var suggestions = await GetJson("/reconcile/suggest/entity?prefix=Khal&limit=20");

        var names = suggestions.GetProperty("result").EnumerateArray()
            .Select(s => s.GetProperty("name").GetString() + " / " + s.GetProperty("description").GetString()).ToList();
        Assert.NotEmpty(names);
        Assert.All(names, n => Assert.Contains("khal", n, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Type_and_property_suggest_filter_by_prefix()
    {
        var types = await GetJson("/reconcile/suggest/type?prefix=pers");
        var properties = await GetJson("/reconcile/un-sc/suggest/property?prefix=birth");

        Assert.Equal(["Person"], types.GetProperty("result").EnumerateArray().Select(t => t.GetProperty("id").GetString()));
        var ids = properties.GetProperty("result").EnumerateArray().Select(p => p.GetProperty("id").GetString()).ToList();
        Assert.Contains("birthDate", ids);
        Assert.DoesNotContain("nationality", ids);
    }

    [Fact]
    public async Task Preview_is_an_html_card_that_OpenRefine_may_frame()
    {
        using var response = await _client.GetAsync(new Uri($"/reconcile/preview?id={Uri.EscapeDataString(Khalimov)}", UriKind.Relative), Cancel);
        var html = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Khalimov", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("1975-05-14", html, StringComparison.Ordinal);
        Assert.Contains("<dd>Person</dd>", html, StringComparison.Ordinal);
        Assert.Contains("un-sc", html, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("X-Frame-Options"));
        var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors *", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_responses_keep_refusing_to_be_framed()
    {
        using var response = await _client.GetAsync(new Uri("/reconcile", UriKind.Relative), Cancel);

        Assert.Equal("DENY", string.Join(',', response.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task Preview_of_an_unknown_id_is_a_404_problem()
    {
        using var response = await _client.GetAsync(new Uri("/reconcile/preview?id=un-sc:nobody", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Jsonp_wraps_the_manifest_in_the_named_callback()
    {
        using var response = await _client.GetAsync(new Uri("/reconcile?callback=jQuery3610_1700", UriKind.Relative), Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal("application/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("/**/jQuery3610_1700({", body, StringComparison.Ordinal);
        Assert.EndsWith("});", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("alert(1)//")]
    [InlineData("a;b")]
    [InlineData("<script>")]
    public async Task Jsonp_refuses_a_callback_that_is_not_a_plain_name(string callback)
    {
        using var response = await _client.GetAsync(new Uri("/reconcile?callback=" + Uri.EscapeDataString(callback), UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("callback", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Data_extension_adds_each_requested_property_per_id()
    {
        using var response = await Post("/reconcile", "extend", $$$"""
            {"ids": ["{{{Khalimov}}}", "un-sc:nobody"], "properties": [{"id": "birthDate"}, {"id": "nationality", "settings": {"limit": "1"}}]}
            """);
        var extension = Checked(await ReadJson(response), "POST", "/reconcile", "extend");

        var row = extension.GetProperty("rows").GetProperty(Khalimov);
        Assert.Contains(row.GetProperty("birthDate").EnumerateArray(), v => v.GetProperty("str").GetString() == "1975-05-14");
        Assert.Single(row.GetProperty("nationality").EnumerateArray());
        Assert.Empty(extension.GetProperty("rows").GetProperty("un-sc:nobody").EnumerateObject());
        Assert.Equal("Date of birth", extension.GetProperty("meta")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Properties_are_proposed_for_extension_by_type()
    {
        var proposed = await GetJson("/reconcile/extend/property?type=Person");
        using var untyped = await _client.GetAsync(new Uri("/reconcile/extend/property", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, untyped.StatusCode);
        Assert.Equal("Person", proposed.GetProperty("type").GetString());
        Assert.Contains(proposed.GetProperty("properties").EnumerateArray(), p => p.GetProperty("id").GetString() == "birthDate");
    }

    /// <summary>
    /// Query batches the spec calls valid: its own multi-values example (copied under ReconciliationSpec/), and
    /// batches written after its other examples (a type Vigil does not screen, properties it does not read, a query
    /// with properties and no name). Each is first held to the spec's query schema, so none is Vigil's own dialect.
    /// </summary>
    public static TheoryData<string, string> SpecValidQueries()
    {
        var examples = Path.Combine(ReconciliationSpecSchemas.Folder, "examples", "reconciliation-query-batch", "valid");
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.GetFiles(examples, "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file), File.ReadAllText(file));
        }
        data.Add("minimal", """{"q0": {"query": "Hans-Eberhard Urbaniak"}, "q1": {"query": "Ernst Schwanhold"}}""");
        data.Add("full", """
            {"q0": {"query": "Christel Hanewinckel", "type": "DifferentiatedPerson", "limit": 5, "type_strict": "should",
                    "properties": [{"pid": "professionOrOccupation", "v": "Politik*"}, {"pid": "affiliation", "v": "http://d-nb.info/gnd/2022139-3"}]}}
            """);
        data.Add("no query string", """
            {"q0": {"type": "DifferentiatedPerson", "properties": [{"pid": "professionOrOccupation", "v": "Politik*"}, {"pid": "affiliation", "v": "http://d-nb.info/gnd/2022139-3"}]}}
            """);
        data.Add("no query string, a name property", """
            {"q0": {"type": ["Person"], "properties": [{"pid": "name", "v": "Gulmurod Khalimov"}, {"pid": "birthDate", "v": ["1975-05-14", true]}]}}
            """);
        return data;
    }

    [Theory]
    [MemberData(nameof(SpecValidQueries))]
    public async Task Every_query_batch_the_spec_calls_valid_is_answered_query_by_query(string example, string queries)
    {
        ReconciliationSpecSchemas.AssertValid(ReconciliationSpecSchemas.QueryBatch, JsonDocument.Parse(queries).RootElement, example);

        var results = await Reconcile(queries);

        Assert.Equal(JsonDocument.Parse(queries).RootElement.EnumerateObject().Select(q => q.Name), results.EnumerateObject().Select(r => r.Name));
    }

    [Fact]
    public async Task The_spec_s_invalid_empty_query_is_refused()
    {
        var queries = await File.ReadAllTextAsync(Path.Combine(ReconciliationSpecSchemas.Folder, "examples", "reconciliation-query-batch", "invalid", "empty-query.json"), Cancel);
        Assert.False(ReconciliationSpecSchemas.QueryBatch.Evaluate(JsonDocument.Parse(queries).RootElement).IsValid);

        var detail = await ReconcileFails(queries);

        Assert.StartsWith("queries.q1.query:", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_a_query_asks_that_Vigil_does_not_screen_is_named_in_its_answer()
    {
        var results = await Reconcile("""
            {"q0": {"query": "Gulmurod Khalimov", "type": "DifferentiatedPerson",
                    "properties": [{"pid": "professionOrOccupation", "v": "Politik*"}, {"pid": "birthDate", "v": ["1975-05-14", {"id": "Q1"}]}]},
             "q1": {"type": "Person", "properties": [{"pid": "affiliation", "v": "http://d-nb.info/gnd/2022139-3"}]},
             "q2": {"query": "Gulmurod Khalimov", "type": "Person"}}
            """);

        var q0 = results.GetProperty("q0");
        Assert.Equal(Khalimov, q0.GetProperty("result")[0].GetProperty("id").GetString());
        var ignored = q0.GetProperty("ignored").EnumerateArray().Select(i => i.GetString()!).ToList();
        Assert.Contains(ignored, i => i.StartsWith("queries.q0.type:", StringComparison.Ordinal) && i.Contains("DifferentiatedPerson", StringComparison.Ordinal));
        Assert.Contains(ignored, i => i.StartsWith("queries.q0.properties[0].pid:", StringComparison.Ordinal) && i.Contains("professionOrOccupation", StringComparison.Ordinal));
        Assert.Contains(ignored, i => i.StartsWith("queries.q0.properties[1].v:", StringComparison.Ordinal));
        Assert.Empty(results.GetProperty("q1").GetProperty("result").EnumerateArray());
        Assert.Contains(results.GetProperty("q1").GetProperty("ignored").EnumerateArray(), i => i.GetString()!.Contains("nothing to screen", StringComparison.Ordinal));
        Assert.False(results.GetProperty("q2").TryGetProperty("ignored", out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("%20")]
    public async Task Entity_suggest_with_nothing_typed_suggests_nothing(string prefix)
    {
        var suggestions = await GetJson("/reconcile/suggest/entity?prefix=" + prefix);

        Assert.Empty(suggestions.GetProperty("result").EnumerateArray());
    }

    [Theory]
    [InlineData("khalim")]
    [InlineData("Gulmur")]
    [InlineData("gulmurod khal")]
    [InlineData("khalimov gul")]
    public async Task Entity_suggest_completes_the_start_of_any_word_of_a_name(string prefix)
    {
        var suggestions = await GetJson("/reconcile/suggest/entity?prefix=" + Uri.EscapeDataString(prefix));

        Assert.Contains(suggestions.GetProperty("result").EnumerateArray(), s => s.GetProperty("id").GetString() == Khalimov);
    }

    [Fact]
    public async Task Entity_suggest_pages_with_the_cursor()
    {
        var first = await GetJson("/reconcile/suggest/entity?prefix=moh&limit=3");
        var next = await GetJson("/reconcile/suggest/entity?prefix=moh&limit=3&cursor=3");

        var ids = first.GetProperty("result").EnumerateArray().Concat(next.GetProperty("result").EnumerateArray()).Select(s => s.GetProperty("id").GetString()).ToList();
        Assert.Equal(6, ids.Count);
        Assert.Equal(6, ids.Distinct().Count());
    }

    [Fact]
    public async Task Entity_suggest_finds_an_entity_by_its_id()
    {
        var suggestions = await GetJson("/reconcile/suggest/entity?prefix=" + Uri.EscapeDataString(Khalimov));

        Assert.Equal(Khalimov, suggestions.GetProperty("result")[0].GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("Vessel", "imoNumber", "birthDate")]
    [InlineData("Vessel", "flag", "nationality")]
    [InlineData("Aircraft", "registrationNumber", "birthDate")]
    [InlineData("Organization", "jurisdiction", "passportNumber")]
    [InlineData("Person", "birthDate", "imoNumber")]
    public async Task Each_type_is_offered_only_the_properties_it_has(string type, string offered, string notOffered)
    {
        var proposed = await GetJson("/reconcile/extend/property?type=" + type);
        var suggested = await GetJson("/reconcile/suggest/property?prefix=&type=" + type);

        foreach (var ids in (JsonElement[])[proposed.GetProperty("properties"), suggested.GetProperty("result")])
        {
            var list = ids.EnumerateArray().Select(p => p.GetProperty("id").GetString()).ToList();
            Assert.Contains(offered, list);
            Assert.DoesNotContain(notOffered, list);
        }
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_reconciliation_endpoints()
    {
        var document = await GetJson("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        foreach (var path in (string[])["/reconcile", "/reconcile/{dataset}", "/reconcile/suggest/entity", "/reconcile/preview"])
        {
            var operation = paths.GetProperty(path).EnumerateObject().First().Value;
            Assert.Equal("Reconciliation", operation.GetProperty("tags")[0].GetString());
            Assert.False(string.IsNullOrEmpty(operation.GetProperty("summary").GetString()));
        }
        Assert.True(paths.GetProperty("/reconcile").TryGetProperty("post", out _));
    }

    [Fact]
    public async Task A_lone_surrogate_in_a_query_or_an_extend_id_is_a_400_problem_naming_the_field()
    {
        var detail = await ReconcileFails("""{"q0": {"query": "Gulmurod \ud800 Khalimov"}}""");
        Assert.StartsWith("queries.q0.query:", detail, StringComparison.Ordinal);

        using var response = await Post("/reconcile", "extend", """{"ids": ["un-sc:\ud800"], "properties": [{"id": "birthDate"}]}""");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement;
        Assert.StartsWith("extend.ids[0]:", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private async Task<JsonElement> Reconcile(string queries, string path = "/reconcile")
    {
        using var response = await Post(path, "queries", queries);
        return Checked(await ReadJson(response), "POST", path, "queries");
    }

    private async Task<string> ReconcileFails(string queries)
    {
        using var response = await Post("/reconcile", "queries", queries);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement;
        return problem.GetProperty("detail").GetString()!;
    }

    /// <summary>What OpenRefine sends: one form field holding the JSON.</summary>
    private Task<HttpResponseMessage> Post(string path, string field, string json) =>
        _client.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent([new(field, json)]), Cancel);

    private async Task<JsonElement> GetJson(string path)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative), Cancel);
        return Checked(await ReadJson(response), "GET", path, null);
    }

    /// <summary>Every answer these tests read is held to the spec's own JSON schema for it, where the spec has one.</summary>
    private static JsonElement Checked(JsonElement answer, string method, string path, string? field)
    {
        if (ReconciliationSpecSchemas.For(method, path, field) is { } schema)
        {
            ReconciliationSpecSchemas.AssertValid(schema, answer, $"{method} {path}");
        }
        return answer;
    }

    private static async Task<JsonElement> ReadJson(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}

/// <summary>The reconciliation suite over SQLite.</summary>
public sealed class SqliteReconciliationApiTests(SqliteVigilApp app) : ReconciliationApiTests(app);

/// <summary>The reconciliation suite over PostgreSQL.</summary>
public sealed class PostgresReconciliationApiTests(PostgresVigilApp app) : ReconciliationApiTests(app);

/// <summary>With keys configured, OpenRefine's only way to present one, <c>?api_key=</c>, works; no key is refused.</summary>
public sealed class ReconciliationApiKeyTests(KeyedVigilApp app) : IClassFixture<KeyedVigilApp>
{
    private const string Queries = """{"q0": {"query": "Gulmurod Khalimov", "properties": [{"pid": "birthDate", "v": "1975-05-14"}]}}""";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_form_post_with_the_key_in_the_query_string_is_answered()
    {
        using var response = await app.Client.PostAsync(new Uri($"/reconcile?api_key={KeyedVigilApp.Key}", UriKind.Relative),
            new FormUrlEncodedContent([new("queries", Queries)]), Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement;
        Assert.Equal("un-sc:QDi.372", results.GetProperty("q0").GetProperty("result")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_form_post_without_a_key_is_401()
    {
        using var response = await app.Client.PostAsync(new Uri("/reconcile", UriKind.Relative), new FormUrlEncodedContent([new("queries", Queries)]), Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_manifest_fetched_with_the_key_hands_it_on_to_the_suggest_services()
    {
        var manifest = JsonDocument.Parse(await app.Client.GetStringAsync(new Uri($"/reconcile?api_key={KeyedVigilApp.Key}", UriKind.Relative), Cancel)).RootElement;

        Assert.Equal($"/suggest/entity?api_key={KeyedVigilApp.Key}", manifest.GetProperty("suggest").GetProperty("entity").GetProperty("service_path").GetString());
        using var suggest = await app.Client.GetAsync(new Uri("/reconcile" + manifest.GetProperty("suggest").GetProperty("entity").GetProperty("service_path").GetString() + "&prefix=Khalimov", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, suggest.StatusCode);
    }

    [Fact]
    public async Task Jsonp_is_refused_unless_the_key_is_in_the_query_string()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/reconcile?callback=cb", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", KeyedVigilApp.Key);
        using var refused = await app.Client.SendAsync(request, Cancel);
        using var answered = await app.Client.GetAsync(new Uri($"/reconcile?callback=cb&api_key={KeyedVigilApp.Key}", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.StartsWith("/**/cb(", await answered.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }
}
