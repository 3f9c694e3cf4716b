using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Vigil.Server.Tests.Api;

/// <summary>
/// Every refusal a client can provoke is a problem document that says what to change: a body or query value that
/// does not bind names its field, a missing parameter is 400 rather than 404, and a link the API gives leads somewhere.
/// </summary>
public sealed class ProblemMessageTests(SqliteVigilApp app)
{
    private readonly HttpClient _client = app.ClientForTest();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<string> AssertProblem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        return problem.TryGetProperty("detail", out var detail) ? detail.GetString() ?? "" : "";
    }

    [Fact]
    public async Task A_wrong_typed_field_in_a_match_body_is_named()
    {
        const string Body = """{"queries": {"q1": {"schema": "Person", "properties": {"name": ["Gulmurod Khalimov"]}}}, "weights": {"name_score": "high"}}""";
        using var content = new StringContent(Body, Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync(new Uri("/match/default", UriKind.Relative), content, Cancel);

        var detail = await AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.StartsWith("weights.name_score: expected a number", detail, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Malformed_JSON_in_a_match_body_gives_its_position()
    {
        using var content = new StringContent("""{"queries": {"q1": """, Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync(new Uri("/match/default", UriKind.Relative), content, Cancel);

        var detail = await AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.Contains("not valid JSON at line 1, byte", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_value_that_is_not_a_number_is_named()
    {
        using var content = new StringContent("""{"queries": {"q1": {"schema": "Person", "properties": {"name": ["Bob"]}}}}""", Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync(new Uri("/match/default?limit=many", UriKind.Relative), content, Cancel);

        var detail = await AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.StartsWith("limit: 'many'", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_preview_without_an_id_is_400_naming_it()
    {
        using var response = await _client.GetAsync(new Uri("/reconcile/preview", UriKind.Relative), Cancel);

        var detail = await AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.StartsWith("id:", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_documentation_link_of_the_algorithms_leads_to_the_matching_documentation()
    {
        var algorithms = await _client.GetFromJsonAsync<JsonElement>(new Uri("/algorithms", UriKind.Relative), Cancel);
        var links = algorithms.GetProperty("algorithms").EnumerateArray()
            .SelectMany(a => a.GetProperty("features").EnumerateObject())
            .Select(f => f.Value.GetProperty("url").GetString()!)
            .Distinct()
            .ToList();

        Assert.NotEmpty(links);
        foreach (var link in links)
        {
            using var response = await _client.GetAsync(new Uri(link, UriKind.Relative), Cancel);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("How Vigil matches names", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        }
    }
}
