using System.Net;
using System.Text;
using System.Text.Json;
using Vigil.Core.Storage;
using Vigil.Tests.Parts;
using Vigil.Tests.Storage;

namespace Vigil.Server.Tests.Api;

/// <summary>
/// <c>POST /match?record=true</c> and <c>GET /screenings/{id}</c> over the shared servers (UN and OFAC lists): each query's
/// screening is recorded in one run of kind api, named in the Vigil-Screening-Id header in request order.
/// </summary>
public abstract class ScreeningRecordTests<TApp>(TApp app) where TApp : VigilApp
{
    private readonly HttpClient _client = app.ClientForTest();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    internal const string TwoQueries = """
        {"queries": {
          "zz": {"schema": "Person", "properties": {"name": ["Zzyzx Qwertyuiop"]}},
          "k1": {"schema": "Person", "properties": {"name": ["Gulmurod Khalimov"], "birthDate": ["1975-05-14"]}}
        }}
        """;

    internal static async Task<HttpResponseMessage> Match(HttpClient client, string path, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        return await client.PostAsync(new Uri(path, UriKind.Relative), content, Cancel);
    }

    internal static async Task<(HttpStatusCode Status, JsonElement Body)> Get(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), Cancel);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement.Clone());
    }

    [Fact]
    public async Task Each_query_of_a_recorded_match_is_one_screening_named_in_request_order_and_read_back_with_its_run()
    {
        using var response = await Match(_client, "/match/default?record=true", TwoQueries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ids = Assert.Single(response.Headers.GetValues("Vigil-Screening-Id")).Split(',');
        Assert.Equal(2, ids.Length);
        var (missFound, miss) = await Get(_client, "/screenings/" + ids[0]);
        var (hitFound, hit) = await Get(_client, "/screenings/" + ids[1]);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (missFound, hitFound));
        Assert.Equal(("no_hit", 0), (miss.GetProperty("outcome").GetString(), miss.GetProperty("hits").GetArrayLength()));
        Assert.Equal("hit", hit.GetProperty("outcome").GetString());
        Assert.Contains("un-sc:QDi.372", hit.GetProperty("hits").EnumerateArray().SelectMany(h => h.GetProperty("recordIds").EnumerateArray()).Select(r => r.GetString()));
        Assert.Equal(JsonValueKind.Null, hit.GetProperty("subject").ValueKind);
        Assert.Matches("^[0-9a-f]{64}$", hit.GetProperty("inputHash").GetString());
        Assert.NotEqual(miss.GetProperty("inputHash").GetString(), hit.GetProperty("inputHash").GetString());

        var run = hit.GetProperty("run");
        Assert.Equal(miss.GetProperty("run").GetProperty("id").GetInt64(), run.GetProperty("id").GetInt64());
        Assert.Equal(("api", "api", "default", 2, 1), (run.GetProperty("kind").GetString(), run.GetProperty("actor").GetString(), run.GetProperty("profile").GetString(),
            run.GetProperty("screened").GetInt32(), run.GetProperty("hits").GetInt32()));
        Assert.Equal(0.7, run.GetProperty("threshold").GetDouble(), 3);
        Assert.False(string.IsNullOrEmpty(run.GetProperty("matcherVersion").GetString()));
        Assert.Matches("^[0-9a-f]{64}$", run.GetProperty("configurationHash").GetString());
        var snapshots = run.GetProperty("snapshots").EnumerateArray().ToList();
        Assert.Equal(["un-sc", "us-ofac-sdn"], snapshots.Select(s => s.GetProperty("source").GetString()).Order(StringComparer.Ordinal));
        Assert.All(snapshots, s => Assert.Matches("^[0-9a-f]{64}$", s.GetProperty("contentHash").GetString()));
        Assert.Contains(snapshots, s => s.GetProperty("published").ValueKind == JsonValueKind.String);
    }

    [Fact]
    public async Task A_match_not_asked_to_be_recorded_names_no_screening()
    {
        using var response = await Match(_client, "/match/default", TwoQueries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Vigil-Screening-Id"));
    }

    [Fact]
    public async Task An_unknown_or_unreadable_screening_id_is_a_problem_not_an_empty_answer()
    {
        var (missing, _) = await Get(_client, "/screenings/987654321");
        var (unreadable, problem) = await Get(_client, "/screenings/abc");

        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.Equal(HttpStatusCode.BadRequest, unreadable);
        Assert.Contains("not a screening id", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}

public sealed class SqliteScreeningRecordTests(SqliteVigilApp app) : ScreeningRecordTests<SqliteVigilApp>(app);

public sealed class PostgresScreeningRecordTests(PostgresVigilApp app) : ScreeningRecordTests<PostgresVigilApp>(app);

/// <summary>A server started with <c>--record-screenings</c>, over a store of its own (its tests make the store refuse writes).</summary>
public abstract class RecordingVigilApp : VigilApp
{
    protected override bool RecordScreenings => true;
}

public sealed class SqliteRecordingVigilApp : RecordingVigilApp
{
    protected override StoreKind Kind => StoreKind.Sqlite;
}

[Needs(SystemPart.PostgreSql)]
public sealed class PostgresRecordingVigilApp : RecordingVigilApp
{
    protected override StoreKind Kind => StoreKind.Postgres;
}

/// <summary><c>vigil serve --record-screenings</c>: every match is recorded unless it opts out, and a record the store refuses is a 503, never results.</summary>
public abstract class RecordingServerTests<TApp>(TApp app) where TApp : RecordingVigilApp
{
    private readonly HttpClient _client = app.ClientForTest();

    [Fact]
    public async Task Every_match_is_recorded_unless_it_asks_record_false()
    {
        using var recorded = await ScreeningRecordTests<TApp>.Match(_client, "/match/default", ScreeningRecordTests<TApp>.TwoQueries);
        using var optedOut = await ScreeningRecordTests<TApp>.Match(_client, "/match/default?record=false", ScreeningRecordTests<TApp>.TwoQueries);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (recorded.StatusCode, optedOut.StatusCode));
        var ids = Assert.Single(recorded.Headers.GetValues("Vigil-Screening-Id")).Split(',');
        Assert.Equal(2, ids.Length);
        var (found, screening) = await ScreeningRecordTests<TApp>.Get(_client, "/screenings/" + ids[1]);
        Assert.Equal((HttpStatusCode.OK, "hit"), (found, screening.GetProperty("outcome").GetString()));
        Assert.False(optedOut.Headers.Contains("Vigil-Screening-Id"));
    }

    [Fact]
    public async Task A_screening_the_store_cannot_record_answers_503_and_no_results()
    {
        var store = VigilStore.Open(app.StoreSpec);
        HttpResponseMessage response;
        using (StoreRefusal.On(store, "screenings"))
        {
            response = await ScreeningRecordTests<TApp>.Match(_client, "/match/default", ScreeningRecordTests<TApp>.TwoQueries);
        }
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("Not recorded", JsonDocument.Parse(body).RootElement.GetProperty("title").GetString());
            Assert.DoesNotContain("QDi.372", body, StringComparison.Ordinal);
            Assert.False(response.Headers.Contains("Vigil-Screening-Id"));
        }
    }
}

public sealed class SqliteRecordingServerTests(SqliteRecordingVigilApp app) : RecordingServerTests<SqliteRecordingVigilApp>(app), IClassFixture<SqliteRecordingVigilApp>;

public sealed class PostgresRecordingServerTests(PostgresRecordingVigilApp app) : RecordingServerTests<PostgresRecordingVigilApp>(app), IClassFixture<PostgresRecordingVigilApp>;
