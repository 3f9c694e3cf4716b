using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Vigil.Core.Storage;
using Vigil.Server.Hosting;
using Vigil.Tests.Storage;

namespace Vigil.Server.Tests.Api;

/// <summary>
/// A server over a store that holds no list: it is not ready, and every screening endpoint and the search page refuse
/// with 503 instead of answering every name with an empty all-clear.
/// </summary>
public sealed class NoListsTests : IAsyncLifetime
{
    private readonly string _spec = StoreFactory.NewSqliteSpec();
    private VigilFactory _factory = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        VigilStore.Open(_spec, StoreAccess.CreateIfMissing);
        _factory = new VigilFactory(new ServerOptions { Store = _spec, RefreshEvery = TimeSpan.FromMilliseconds(200) });
        _client = _factory.CreateClient();
        // Bounded wait until the (empty) index is built and /readyz says why it is not ready.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && (await Ready()).GetProperty("reason").GetString()?.Contains("no list", StringComparison.Ordinal) != true)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        foreach (var file in new[] { _spec, _spec + "-wal", _spec + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Readiness_is_503_saying_no_list_is_loaded()
    {
        using var response = await _client.GetAsync(new Uri("/readyz", UriKind.Relative), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.False(body.GetProperty("ready").GetBoolean());
        Assert.Contains("no list is loaded", body.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, body.GetProperty("entities").GetInt32());
    }

    [Theory]
    [InlineData("POST", "/match/default")]
    [InlineData("GET", "/search/default?q=Gulmurod+Halimov")]
    [InlineData("GET", "/search?q=Gulmurod+Halimov")]
    [InlineData("GET", "/reconcile?queries=%7B%22q0%22%3A%7B%22query%22%3A%22Gulmurod%20Halimov%22%7D%7D")]
    [InlineData("POST", "/reconcile")]
    [InlineData("PUT", "/subjects/k1")]
    [InlineData("POST", "/subjects")]
    public async Task Screening_endpoints_answer_503_with_a_problem_document_naming_the_missing_lists(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        request.Content = path switch
        {
            "/match/default" => new StringContent("""{"queries": {"q": {"schema": "Person", "properties": {"name": ["Gulmurod Halimov"]}}}}""", Encoding.UTF8, "application/json"),
            "/reconcile" => new FormUrlEncodedContent([new("queries", """{"q0": {"query": "Gulmurod Halimov"}}""")]),
            "/subjects/k1" => new StringContent("""{"schema": "Person", "names": ["Gulmurod Halimov"]}""", Encoding.UTF8, "application/json"),
            "/subjects" => new StringContent("""{"subjects": [{"reference": "k1", "schema": "Person", "names": ["Gulmurod Halimov"]}]}""", Encoding.UTF8, "application/json"),
            _ => null,
        };
        using var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("No lists loaded", body.GetProperty("title").GetString());
    }

    [Fact]
    public async Task The_search_page_says_no_lists_are_loaded_instead_of_no_results()
    {
        using var response = await _client.GetAsync(new Uri("/?name=Gulmurod+Halimov", UriKind.Relative), TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("No lists are loaded", html, StringComparison.Ordinal);
        Assert.DoesNotContain("No results", html, StringComparison.Ordinal);
    }

    private async Task<JsonElement> Ready()
    {
        using var response = await _client.GetAsync(new Uri("/readyz", UriKind.Relative), TestContext.Current.CancellationToken);
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }
}
