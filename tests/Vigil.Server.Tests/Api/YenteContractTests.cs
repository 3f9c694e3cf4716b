using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Vigil.Core.Storage;
using Vigil.Tests.Parts;

namespace Vigil.Server.Tests.Api;

/// <summary>
/// The store of <see cref="VigilApp"/> with the UN and OFAC records of Gulmurod Khalimov linked, so that one canonical
/// entity has referents on two lists (what yente serves for a merged OpenSanctions entity).
/// </summary>
public abstract class LinkedVigilApp : VigilApp
{
    protected override void Prepare(VigilStore store) =>
        store.AddLink("un-sc:QDi.372", "us-ofac-sdn:18634", "test", "same name, date of birth and passport");
}

public sealed class SqliteLinkedVigilApp : LinkedVigilApp
{
    protected override StoreKind Kind => StoreKind.Sqlite;
}

[Needs(SystemPart.PostgreSql)]
public sealed class PostgresLinkedVigilApp : LinkedVigilApp
{
    protected override StoreKind Kind => StoreKind.Postgres;
}

/// <summary>
/// yente's HTTP contract, to the letter: each test is built from a request or a response shape in yente's own code
/// (opensanctions/yente: tests/unit/test_match.py, yente/routers/match.py, yente/data/common.py,
/// yente/search/queries.py) or in Marble's client (checkmarble/marble-backend: repositories/opensanctions_repository.go,
/// repositories/httpmodels/http_opensanctions_*.go), quoted beside it.
/// </summary>
public abstract class YenteContractTests<TApp>(TApp app) where TApp : LinkedVigilApp
{
    private readonly HttpClient _client = app.ClientForTest();

    // tests/unit/test_match.py, EXAMPLE: a country written out, a year as the birth date.
    private const string Putin = """{"schema": "Person", "properties": {"name": ["Vladimir Putin"], "birthDate": ["1952"], "country": "Russia"}}""";

    private const string Khalimov = """{"queries": {"q": {"schema": "Person", "properties": {"name": ["Gulmurod Khalimov"]}}}}""";

    private async Task<(HttpStatusCode Status, JsonElement Body)> Post(string path, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync(new Uri(path, UriKind.Relative), content, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken));
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> Get(string path)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken));
    }

    private static List<JsonElement> Results(JsonElement body, string key = "q") =>
        [.. body.GetProperty("responses").GetProperty(key).GetProperty("results").EnumerateArray()];

    private static List<string> Strings(JsonElement array) => [.. array.EnumerateArray().Select(v => v.GetString()!)];

    [Fact]
    public async Task Each_result_has_yentes_explanations_with_detail_score_query_and_candidate_beside_the_deprecated_features()
    {
        // yente/data/common.py, ScoredEntityResponse: explanations: Dict[str, FtResult]; FtResult has detail, score,
        // query and candidate (nomenklatura/matching/types.py). features stays while clients migrate.
        var (_, body) = await Post("/match/default", """{"queries": {"q": {"schema": "Person", "properties": {"name": ["Gulmurod Khalimov"], "birthDate": ["1975-05-14"]}}}}""");

        var top = Results(body)[0];
        var name = top.GetProperty("explanations").GetProperty("name_score");
        Assert.Equal(top.GetProperty("features").GetProperty("name_score").GetDouble(), name.GetProperty("score").GetDouble());
        Assert.Equal("Gulmurod Khalimov", name.GetProperty("query").GetString());
        Assert.Equal(top.GetProperty("explanation").GetProperty("matchedName").GetString(), name.GetProperty("candidate").GetString());
        Assert.False(string.IsNullOrEmpty(name.GetProperty("detail").GetString()));
        var birth = top.GetProperty("explanations").GetProperty("birthDate");
        Assert.True(birth.GetProperty("score").GetDouble() > 0);
        Assert.Equal("1975-05-14", birth.GetProperty("query").GetString());
        Assert.Equal("1975-05-14", birth.GetProperty("candidate").GetString());
    }

    [Fact]
    public async Task The_query_is_echoed_as_yente_normalises_it()
    {
        // tests/unit/test_match.py, test_match_putin: res["query"]["properties"]["country"][0] == "ru"; and
        // test_id_pass_through: the query's id comes back. A single name becomes a list, a number a string.
        var (status, body) = await Post("/match/default", """{"queries": {"vv": """ + Putin + """
            , "no1": {"id": "ermakov", "schema": "Person", "properties": {"name": "Valery Ermakov", "birthDate": [1965]}}}}
            """);

        Assert.Equal(HttpStatusCode.OK, status);
        var putin = body.GetProperty("responses").GetProperty("vv").GetProperty("query");
        Assert.Equal("Person", putin.GetProperty("schema").GetString());
        Assert.Equal(["ru"], Strings(putin.GetProperty("properties").GetProperty("country")));
        Assert.Equal(["Vladimir Putin"], Strings(putin.GetProperty("properties").GetProperty("name")));
        Assert.Equal(["1952"], Strings(putin.GetProperty("properties").GetProperty("birthDate")));
        var ermakov = body.GetProperty("responses").GetProperty("no1").GetProperty("query");
        Assert.Equal("ermakov", ermakov.GetProperty("id").GetString());
        Assert.Equal(["Valery Ermakov"], Strings(ermakov.GetProperty("properties").GetProperty("name")));
        Assert.Equal(["1965"], Strings(ermakov.GetProperty("properties").GetProperty("birthDate")));
    }

    [Fact]
    public async Task Dates_are_written_as_yente_writes_its_datetimes()
    {
        // yente/data/common.py, EntityResponse: first_seen, last_seen, last_change are datetimes (2024-05-28T07:47:03).
        var (_, body) = await Post("/match/default", Khalimov);

        var top = Results(body)[0];
        foreach (var field in new[] { "first_seen", "last_seen", "last_change" })
        {
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$", top.GetProperty(field).GetString()!);
        }
    }

    [Fact]
    public async Task Designated_entities_carry_the_sanction_topic_and_the_topics_filter_keeps_only_entities_with_one_of_them()
    {
        // Marble reads properties.topics for its risk tags; tests/unit/test_match.py, test_filter_topic:
        // topics=crime.cyber leaves no result for a sanctioned person.
        var (_, all) = await Post("/match/default", Khalimov);
        var (_, sanctioned) = await Post("/match/default?topics=sanction&topics=debarment", Khalimov);
        var (_, cyber) = await Post("/match/default?topics=crime.cyber", Khalimov);
        var (typo, problem) = await Post("/match/default?topics=sanctions", Khalimov);

        Assert.Contains("sanction", Strings(Results(all)[0].GetProperty("properties").GetProperty("topics")));
        Assert.Equal(Results(all).Count, Results(sanctioned).Count);
        Assert.Empty(Results(cyber));
        Assert.Equal(HttpStatusCode.BadRequest, typo);
        Assert.StartsWith("topics:", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Properties_are_FollowTheMoney_properties_of_the_schema_and_Vigils_own_are_kept_apart()
    {
        // FollowTheMoney: listingDate, authorityId and endDate are Sanction properties, crossReference is none; position
        // is a Person property only (followthemoney/schema/Person.yaml); Organization and Vessel lack it.
        string[] notOnAnyParty = ["listingDate", "authorityId", "crossReference", "endDate"];
        var (_, people) = await Post("/match/default?limit=20", """{"queries": {"q": {"schema": "Person", "properties": {"name": ["Khalimov"]}}}}""");
        var (_, bodies) = await Post("/match/default?limit=20", """{"queries": {"q": {"schema": "Organization", "properties": {"name": ["Al-Qaida"]}}}}""");

        var results = Results(people).Concat(Results(bodies)).ToList();
        Assert.NotEmpty(results);
        foreach (var result in results)
        {
            var keys = result.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToList();
            Assert.DoesNotContain(keys, notOnAnyParty.Contains);
            if (result.GetProperty("schema").GetString() != "Person")
            {
                Assert.DoesNotContain("position", keys);
            }
        }
        // Nothing is lost: what FtM does not define sits under vigil_properties.
        Assert.Contains(results, r => r.GetProperty("vigil_properties").EnumerateObject().Any(p => notOnAnyParty.Contains(p.Name) || p.Name == "position"));
    }

    [Theory]
    // tests/unit/test_match.py, test_match_no_schema: no schema is a 422, an unknown one a 400.
    [InlineData("""{"queries": {"fail": {"properties": {"name": "Banana"}}}}""", "", HttpStatusCode.UnprocessableEntity, "queries.fail.schema")]
    [InlineData("""{"queries": {"fail": {"schema": "xxx", "properties": {"name": "Banana"}}}}""", "", HttpStatusCode.BadRequest, "queries.fail.schema")]
    // yente/routers/match.py: "Invalid configuration parameter: {config_key} for algorithm ..." is a 400.
    [InlineData("""{"config": {"nm_number_mismatch": 0.4}, "queries": {"q": {"schema": "Person", "properties": {"name": "X"}}}}""", "", HttpStatusCode.BadRequest, "config.nm_number_mismatch")]
    // yente/routers/util.py TS_PATTERN: changed_since must be a timestamp.
    [InlineData("""{"queries": {"q": {"schema": "Person", "properties": {"name": "X"}}}}""", "?changed_since=last-week", HttpStatusCode.BadRequest, "changed_since")]
    // A query's own filters: yente has none, Vigil says it cannot honour them.
    [InlineData("""{"queries": {"q": {"schema": "Person", "properties": {"name": "X"}, "filters": {"datasets": ["un-sc"]}}}}""", "", HttpStatusCode.BadRequest, "queries.q.filters")]
    [InlineData("""{"params": {"fuzzy": true}, "queries": {"q": {"schema": "Person", "properties": {"name": "X"}}}}""", "", HttpStatusCode.BadRequest, "params.fuzzy")]
    public async Task What_yente_refuses_is_refused_and_what_Vigil_cannot_honour_is_refused_naming_the_field(string body, string query, HttpStatusCode expected, string field)
    {
        var (status, problem) = await Post("/match/default" + query, body);

        Assert.Equal(expected, status);
        Assert.StartsWith(field + ":", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changed_since_keeps_entities_changed_or_seen_after_the_time_and_leaves_out_the_rest()
    {
        // yente/search/queries.py: changed_since filters on last_change.
        var (_, past) = await Post("/match/default?changed_since=2000-01-01", Khalimov);
        var (_, future) = await Post("/match/default?changed_since=2999-01-01T00:00:00", Khalimov);

        Assert.Contains(Results(past), r => r.GetProperty("id").GetString() == "un-sc:QDi.372");
        Assert.Empty(Results(future));
    }

    [Fact]
    public async Task Marbles_body_params_include_datasets_and_exclude_entity_ids_are_honoured()
    {
        // Marble's request body params: include_datasets and exclude_entity_ids beside the queries.
        var (_, onlyOfac) = await Post("/match/default", """{"params": {"include_datasets": ["us-ofac-sdn"]}, "queries": {"q": {"schema": "Person", "properties": {"name": ["Abdul Baqi"]}}}}""");
        var (_, excluded) = await Post("/match/default", """{"params": {"exclude_entity_ids": ["us-ofac-sdn:18634"]}, "queries": {"q": {"schema": "Person", "properties": {"name": ["Gulmurod Khalimov"]}}}}""");

        Assert.NotEmpty(Results(onlyOfac));
        Assert.All(Results(onlyOfac), r => Assert.Contains("us-ofac-sdn", Strings(r.GetProperty("datasets"))));
        // A referent's id leaves out its merged entity (yente/routers/match.py, exclude_entity_ids).
        Assert.DoesNotContain(Results(excluded), r => r.GetProperty("id").GetString() == "un-sc:QDi.372");
    }

    [Fact]
    public async Task Excluding_a_dataset_follows_yente_a_merged_entity_stays_while_another_of_its_datasets_is_in_scope()
    {
        // yente/search/queries.py, filter_query: datasets = scope ∩ include_dataset − exclude_dataset; an entity is
        // kept when one of its datasets is left ("doesn't describe the use case of wanting to screen all the entities
        // from datasets X, Y but not Z"). tests/unit/test_match.py, test_match_include_dataset: including a dataset and
        // excluding it again leaves nothing.
        var (_, withoutOfac) = await Post("/match/default?exclude_dataset=us-ofac-sdn", Khalimov);
        var (_, ofacLessOfac) = await Post("/match/us-ofac-sdn?exclude_dataset=us-ofac-sdn", Khalimov);
        var (_, includedThenExcluded) = await Post("/match/default?include_dataset=un-sc&include_dataset=us-ofac-cons&exclude_dataset=un-sc", Khalimov);

        var merged = Assert.Single(Results(withoutOfac), r => r.GetProperty("id").GetString() == "un-sc:QDi.372");
        Assert.Equal(["un-sc:QDi.372", "us-ofac-sdn:18634"], Strings(merged.GetProperty("referents")));
        Assert.All(Results(withoutOfac), r => Assert.Contains("un-sc", Strings(r.GetProperty("datasets"))));
        Assert.Empty(Results(ofacLessOfac));
        Assert.Empty(Results(includedThenExcluded));
    }

    [Fact]
    public async Task Match_and_search_name_the_snapshots_they_used_in_a_key_yente_clients_ignore()
    {
        var (_, match) = await Post("/match/default", Khalimov);
        var (_, search) = await Get("/search?q=Khalimov");

        foreach (var body in new[] { match, search })
        {
            var snapshots = body.GetProperty("snapshots").EnumerateArray().ToList();
            Assert.Equal(["un-sc", "us-ofac-sdn"], snapshots.Select(s => s.GetProperty("source").GetString()));
            Assert.All(snapshots, s => Assert.True(s.GetProperty("snapshot").GetInt64() > 0));
            Assert.All(snapshots, s => Assert.True(s.TryGetProperty("published", out _)));
        }
    }

    [Fact]
    public async Task The_catalog_lists_the_loaded_datasets_as_Marble_reads_it()
    {
        // Marble, repositories/httpmodels/http_opensanctions_dataset.go: datasets[].name, title, load, index_version,
        // children; a dataset counts when load is true and index_version is set, and its children are walked.
        var (status, body) = await Get("/catalog");

        Assert.Equal(HttpStatusCode.OK, status);
        var datasets = body.GetProperty("datasets").EnumerateArray().ToDictionary(d => d.GetProperty("name").GetString()!);
        Assert.Equal(["un-sc", "us-ofac-sdn"], Strings(datasets["default"].GetProperty("children")));
        foreach (var name in new[] { "default", "un-sc", "us-ofac-sdn" })
        {
            Assert.True(datasets[name].GetProperty("load").GetBoolean());
            Assert.False(string.IsNullOrEmpty(datasets[name].GetProperty("index_version").GetString()));
            Assert.False(string.IsNullOrEmpty(datasets[name].GetProperty("title").GetString()));
        }
        Assert.Contains("un-sc", Strings(body.GetProperty("current")));
        Assert.False(body.GetProperty("index_stale").GetBoolean());
    }

    [Fact]
    public async Task An_entity_is_served_in_yentes_shape_and_a_referent_leads_to_its_canonical_entity()
    {
        // yente/data/common.py, EntityResponse; Marble's EnrichMatch reads /entities/{id} for a match's entity id.
        var (status, entity) = await Get("/entities/un-sc:QDi.372");
        var (viaReferent, merged) = await Get("/entities/us-ofac-sdn:18634");
        var (provenanceStatus, provenance) = await Get("/entities/un-sc:QDi.372/provenance");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Person", entity.GetProperty("schema").GetString());
        Assert.Equal(["un-sc", "us-ofac-sdn"], Strings(entity.GetProperty("datasets")));
        Assert.Contains("sanction", Strings(entity.GetProperty("properties").GetProperty("topics")));
        Assert.Contains("1975-05-14", Strings(entity.GetProperty("properties").GetProperty("birthDate")));
        Assert.True(entity.GetProperty("target").GetBoolean());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$", entity.GetProperty("first_seen").GetString()!);
        Assert.Equal(HttpStatusCode.OK, viaReferent);
        Assert.Equal("un-sc:QDi.372", merged.GetProperty("id").GetString());
        // Vigil's provenance view has its own path.
        Assert.Equal(HttpStatusCode.OK, provenanceStatus);
        Assert.True(provenance.GetProperty("statements").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Search_answers_in_yentes_shape_with_properties_and_facets()
    {
        // yente/data/common.py, SearchResponse: results (EntityResponse), facets (label, values of name, label, count),
        // total, limit, offset.
        var (status, body) = await Get("/search?q=Khalimov&limit=5");

        Assert.Equal(HttpStatusCode.OK, status);
        var top = body.GetProperty("results")[0];
        Assert.Contains("1975-05-14", Strings(top.GetProperty("properties").GetProperty("birthDate")));
        var facets = body.GetProperty("facets");
        var datasets = facets.GetProperty("datasets").GetProperty("values").EnumerateArray().ToList();
        Assert.Contains(datasets, v => v.GetProperty("name").GetString() == "un-sc" && v.GetProperty("count").GetInt32() > 0);
        Assert.Contains(facets.GetProperty("topics").GetProperty("values").EnumerateArray(), v => v.GetProperty("name").GetString() == "sanction");
        var countries = facets.GetProperty("countries").GetProperty("values").EnumerateArray().ToList();
        Assert.Contains(countries, v => v.GetProperty("name").GetString() == "tj" && v.GetProperty("label").GetString() == "Tajikistan");
        // Every result found is counted, not only the page: each has at least one dataset.
        Assert.True(datasets.Sum(v => v.GetProperty("count").GetInt32()) >= body.GetProperty("total").GetProperty("value").GetInt32());
    }

    [Fact]
    public async Task Algorithms_carry_yentes_docs()
    {
        // yente/data/common.py, Algorithm.docs: AlgorithmDocs (name, description, config, features).
        var (_, body) = await Get("/algorithms");

        var docs = body.GetProperty("algorithms")[0].GetProperty("docs");
        Assert.Equal("vigil", docs.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Object, docs.GetProperty("config").ValueKind);
        Assert.True(docs.GetProperty("features").TryGetProperty("name_score", out _));
    }
}

/// <summary>The yente contract suite on SQLite.</summary>
public sealed class SqliteYenteContractTests(SqliteLinkedVigilApp app) : YenteContractTests<SqliteLinkedVigilApp>(app), IClassFixture<SqliteLinkedVigilApp>;

/// <summary>The yente contract suite on PostgreSQL.</summary>
public sealed class PostgresYenteContractTests(PostgresLinkedVigilApp app) : YenteContractTests<PostgresLinkedVigilApp>(app), IClassFixture<PostgresLinkedVigilApp>;
