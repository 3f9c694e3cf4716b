using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Vigil.Server.Tests.Api;

/// <summary>
/// <c>POST /match/{dataset}</c> answers requests in exactly the form a yente client sends, with the response keys
/// yente clients read. The request body is yente's documented example shape.
/// </summary>
public abstract class MatchApiTests<TApp>(TApp app) where TApp : VigilApp
{
    private readonly HttpClient _client = app.ClientForTest();

    private const string YenteRequest = """
        {
          "queries": {
            "entity1": {
              "schema": "Person",
              "properties": {
                "name": ["Гулмурод Ҳалимов"],
                "birthDate": ["1975-05-14"],
                "nationality": ["tj"]
              }
            },
            "entity2": {
              "schema": "Company",
              "properties": {
                "name": ["Brilliant Amazing Limited"],
                "jurisdiction": ["hk"],
                "registrationNumber": ["84BA99810"]
              }
            }
          }
        }
        """;

    private async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> Post(string path, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        var response = await _client.PostAsync(new Uri(path, UriKind.Relative), content, TestContext.Current.CancellationToken);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return (response.StatusCode, json, response);
    }

    [Fact]
    public async Task A_yente_shaped_request_gets_a_yente_shaped_response_with_Khalimov_first()
    {
        var (status, body, response) = await Post("/match/default?threshold=0.7&limit=5&algorithm=logic-v2", YenteRequest);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("2", response.Headers.GetValues("x-batch-size").Single());
        Assert.Equal(5, body.GetProperty("limit").GetInt32());
        Assert.Equal(JsonValueKind.Object, body.GetProperty("matcher").ValueKind);
        var first = body.GetProperty("responses").GetProperty("entity1");
        Assert.Equal(200, first.GetProperty("status").GetInt32());
        Assert.Equal("eq", first.GetProperty("total").GetProperty("relation").GetString());
        Assert.Equal("Person", first.GetProperty("query").GetProperty("schema").GetString());
        var top = first.GetProperty("results")[0];
        Assert.Equal("un-sc:QDi.372", top.GetProperty("id").GetString());
        Assert.Equal("GULMUROD KHALIMOV", top.GetProperty("caption").GetString());
        Assert.Equal("Person", top.GetProperty("schema").GetString());
        Assert.True(top.GetProperty("match").GetBoolean());
        Assert.InRange(top.GetProperty("score").GetDouble(), 0.7, 1.0);
        Assert.Contains("un-sc", top.GetProperty("datasets").EnumerateArray().Select(d => d.GetString()));
        Assert.Contains("un-sc:QDi.372", top.GetProperty("referents").EnumerateArray().Select(d => d.GetString()));
        Assert.Contains("1975-05-14", top.GetProperty("properties").GetProperty("birthDate").EnumerateArray().Select(d => d.GetString()));
        Assert.True(top.GetProperty("features").GetProperty("name_score").GetDouble() > 0.9);
        Assert.True(top.GetProperty("features").GetProperty("birthDate").GetDouble() > 0);
        // Vigil's explanation rides along: which list name met the query, token by token.
        var explanation = top.GetProperty("explanation");
        Assert.Equal("GULMUROD KHALIMOV", explanation.GetProperty("matchedName").GetString());
        Assert.Contains(explanation.GetProperty("name").GetProperty("pairs").EnumerateArray(),
            p => p.GetProperty("query").GetString() == "halimov" && p.GetProperty("candidate").GetString() == "khalimov");

        var company = body.GetProperty("responses").GetProperty("entity2");
        Assert.All(company.GetProperty("results").EnumerateArray(), r => Assert.False(r.GetProperty("match").GetBoolean()));
    }

    [Fact]
    public async Task Results_carry_yente_first_and_last_seen_from_the_snapshots_that_hold_the_records()
    {
        // The fixture imports an older UN list, without Khalimov, before the real one.
        var snapshots = Vigil.Core.Storage.VigilStore.Open(app.StoreSpec).Lists().Single(l => l.Source == "un-sc").Snapshots
            .Select(s => s.ImportedAt).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(2, snapshots.Count);

        var (_, khalimov, _) = await Post("/match/un-sc", YenteRequest);
        var listedLater = khalimov.GetProperty("responses").GetProperty("entity1").GetProperty("results")[0];
        Assert.Equal("un-sc:QDi.372", listedLater.GetProperty("id").GetString());
        Assert.Equal(YenteTime(snapshots[1]), listedLater.GetProperty("first_seen").GetString());
        Assert.Equal(YenteTime(snapshots[1]), listedLater.GetProperty("last_seen").GetString());
        // The lists date their own amendments (the UN's LAST_DAY_UPDATED): the latest is the entity's last change.
        var updated = listedLater.GetProperty("properties").GetProperty("modifiedAt").EnumerateArray().Select(v => v.GetString()!).ToList();
        Assert.Equal(updated.Max(StringComparer.Ordinal) + "T00:00:00", listedLater.GetProperty("last_change").GetString());

        var (_, badege, _) = await Post("/match/un-sc", """{"queries": {"q": {"schema": "Person", "properties": {"name": ["Eric Badege"]}}}}""");
        var listedThroughout = badege.GetProperty("responses").GetProperty("q").GetProperty("results")[0];
        Assert.Equal(YenteTime(snapshots[0]), listedThroughout.GetProperty("first_seen").GetString());
        Assert.Equal(YenteTime(snapshots[1]), listedThroughout.GetProperty("last_seen").GetString());
    }

    /// <summary>An import time as yente writes datetimes: UTC to the second, no zone (yente/data/common.py's datetime fields).</summary>
    private static string YenteTime(string iso) =>
        DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Algorithms_are_listed_as_yente_lists_them()
    {
        var body = await _client.GetFromJsonAsync<JsonElement>(new Uri("/algorithms", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal("vigil", body.GetProperty("default").GetString());
        var algorithm = body.GetProperty("algorithms")[0];
        Assert.Equal("vigil", algorithm.GetProperty("name").GetString());
        Assert.True(algorithm.GetProperty("features").TryGetProperty("name_score", out _));
    }

    [Fact]
    public async Task The_same_request_gives_byte_identical_responses()
    {
        var (_, a, _) = await Post("/match/default", YenteRequest);
        var (_, b, _) = await Post("/match/default", YenteRequest);

        Assert.Equal(a.GetRawText(), b.GetRawText());
    }

    [Fact]
    public async Task A_dataset_in_the_path_restricts_results_to_that_list()
    {
        const string Query = """{"queries": {"q": {"schema": "Person", "properties": {"name": ["Gulmurod Khalimov"]}}}}""";

        var (_, onlyOfac, _) = await Post("/match/us-ofac-sdn", Query);

        var results = onlyOfac.GetProperty("responses").GetProperty("q").GetProperty("results").EnumerateArray().ToList();
        Assert.NotEmpty(results);
        Assert.All(results, r => Assert.Contains("us-ofac-sdn", r.GetProperty("datasets").EnumerateArray().Select(d => d.GetString())));
        Assert.Equal("us-ofac-sdn:18634", results[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task Excluded_entity_ids_are_left_out_as_yente_does_for_decided_false_positives()
    {
        const string Query = """{"queries": {"q": {"schema": "Person", "properties": {"name": ["Gulmurod Khalimov"]}}}}""";

        var (_, body, _) = await Post("/match/default?exclude_entity_ids=un-sc:QDi.372", Query);

        var ids = body.GetProperty("responses").GetProperty("q").GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetString());
        Assert.DoesNotContain("un-sc:QDi.372", ids);
    }

    [Theory]
    [InlineData("/match/default", "{", "")]
    [InlineData("/match/default", """{"queries": {}}""", "queries")]
    [InlineData("/match/default", """{"queries": {"q": {"schema": "Person", "properties": {"name": ["X"], "birthDate": ["the fifth of never"]}}}}""", "queries.q.properties.birthDate")]
    [InlineData("/match/default", """{"queries": {"q": {"schema": "Rocket", "properties": {"name": ["X"]}}}}""", "queries.q.schema")]
    [InlineData("/match/default", """{"queries": {"q": {"schema": "Person", "properties": {}}}}""", "queries.q.properties.name")]
    [InlineData("/match/default?limit=0", """{"queries": {"q": {"schema": "Person", "properties": {"name": ["X"]}}}}""", "limit")]
    [InlineData("/match/default?threshold=2", """{"queries": {"q": {"schema": "Person", "properties": {"name": ["X"]}}}}""", "threshold")]
    [InlineData("/match/default?threshold=NaN", """{"queries": {"q": {"schema": "Person", "properties": {"name": ["Gulmurod Khalimov"]}}}}""", "threshold")]
    [InlineData("/match/default?threshold=-Infinity", """{"queries": {"q": {"schema": "Person", "properties": {"name": ["Gulmurod Khalimov"]}}}}""", "threshold")]
    [InlineData("/match/default?cutoff=NaN", """{"queries": {"q": {"schema": "Person", "properties": {"name": ["Gulmurod Khalimov"]}}}}""", "cutoff")]
    [InlineData("/match/default?cutoff=Infinity", """{"queries": {"q": {"schema": "Person", "properties": {"name": ["Gulmurod Khalimov"]}}}}""", "cutoff")]
    [InlineData("/match/default", """{"queries": {"q": {"schema": "Person", "properties": {"name": ["Gulmurod \ud800 Khalimov"]}}}}""", "queries.q.properties.name[0]")]
    [InlineData("/match/default", """{"queries": {"q": {"schema": "Person", "properties": {"name": ["Gulmurod Khalimov"], "birthDate": ["\ud800"]}}}}""", "queries.q.properties.birthDate[0]")]
    [InlineData("/match/default?algorithm=magic", """{"queries": {"q": {"schema": "Person", "properties": {"name": ["X"]}}}}""", "algorithm")]
    public async Task Invalid_requests_get_a_400_problem_naming_the_field(string path, string body, string field)
    {
        var (status, problem, response) = await Post(path, body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        if (field.Length > 0)
        {
            Assert.StartsWith(field + ":", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0xFF, 0xFE })]
    public async Task A_name_of_bytes_that_are_not_UTF8_is_a_400_problem_naming_the_field(byte[] bytes)
    {
        byte[] body = [.. "{\"queries\": {\"q\": {\"schema\": \"Person\", \"properties\": {\"name\": [\"A"u8, .. bytes, .. "\"]}}}}"u8];
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");

        using var response = await _client.PostAsync(new Uri("/match/default", UriKind.Relative), content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.StartsWith("queries.q.properties.name[0]:", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_many_queries_in_one_batch_are_refused()
    {
        var queries = string.Join(",", Enumerable.Range(0, 101).Select(i => $"\"q{i}\": {{\"schema\": \"Person\", \"properties\": {{\"name\": [\"Name {i}\"]}}}}"));

        var (status, problem, _) = await Post("/match/default", "{\"queries\": {" + queries + "}}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("too many queries", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_dataset_is_a_404_problem()
    {
        var (status, problem, _) = await Post("/match/no-such-list", """{"queries": {"q": {"schema": "Person", "properties": {"name": ["X"]}}}}""");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.StartsWith("dataset:", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_refused()
    {
        var huge = new string('a', (int)Vigil.Server.Hosting.ServerDefaults.MaxRequestBodyBytes + 10);
        using var content = new StringContent("{\"queries\": {\"q\": {\"schema\": \"Person\", \"properties\": {\"name\": [\"" + huge + "\"]}}}}", Encoding.UTF8, "application/json");

        using var response = await _client.PostAsync(new Uri("/match/default", UriKind.Relative), content, TestContext.Current.CancellationToken);

        Assert.True(response.StatusCode is HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.BadRequest, $"got {response.StatusCode}");
    }
}

/// <summary>The /match suite on SQLite.</summary>
public sealed class SqliteMatchApiTests(SqliteVigilApp app) : MatchApiTests<SqliteVigilApp>(app);

/// <summary>The /match suite on PostgreSQL.</summary>
public sealed class PostgresMatchApiTests(PostgresVigilApp app) : MatchApiTests<PostgresVigilApp>(app);
