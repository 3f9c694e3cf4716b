using System.Net;
using System.Net.Http.Headers;
using Vigil.Core.Storage;
using Vigil.Server.Hosting;

namespace Vigil.Server.Tests.Api;

/// <summary>A server with API keys configured: the store as the shared fixture's, but keys required.</summary>
public sealed class KeyedVigilApp : VigilApp
{
    public const string Key = "test-key-7f3a9c";

    protected override StoreKind Kind => StoreKind.Sqlite;

    protected override IReadOnlyList<string> ApiKeys => [Key, "second-key"];
}

/// <summary>API keys guard every endpoint but health, readiness and metrics, in each form clients send them.</summary>
public sealed class SecurityTests(KeyedVigilApp app) : IClassFixture<KeyedVigilApp>
{
    private static async Task<HttpStatusCode> Send(HttpClient client, string path, Action<HttpRequestMessage>? authorize = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        authorize?.Invoke(request);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    [Theory]
    [InlineData("/search?q=Khalimov")]
    [InlineData("/entities/un-sc:QDi.372")]
    [InlineData("/lists")]
    [InlineData("/openapi/v1.json")]
    public async Task Without_a_key_the_API_answers_401_with_a_problem(string path)
    {
        using var response = await app.Client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_wrong_key_is_refused()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await Send(app.Client, "/lists", r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "guess")));
    }

    [Fact]
    public async Task The_key_works_as_a_bearer_token_as_a_yente_ApiKey_header_and_as_a_query_parameter()
    {
        Assert.Equal(HttpStatusCode.OK, await Send(app.Client, "/lists", r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", KeyedVigilApp.Key)));
        Assert.Equal(HttpStatusCode.OK, await Send(app.Client, "/lists", r => r.Headers.Authorization = new AuthenticationHeaderValue("ApiKey", "second-key")));
        Assert.Equal(HttpStatusCode.OK, await Send(app.Client, "/lists?api_key=" + KeyedVigilApp.Key));
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    [InlineData("/metrics")]
    public async Task Health_readiness_and_metrics_need_no_key(string path)
    {
        Assert.Equal(HttpStatusCode.OK, await Send(app.Client, path));
    }

    [Fact]
    public void The_server_refuses_a_non_loopback_address_while_no_key_is_configured()
    {
        var error = Assert.Throws<ArgumentException>(() => VigilServer.Create(new ServerOptions { Store = app.StoreSpec, Urls = ["http://0.0.0.0:18081"] }));

        Assert.Contains("without an API key", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080", true)]
    [InlineData("http://localhost:8080", true)]
    [InlineData("http://[::1]:8080", true)]
    [InlineData("http://0.0.0.0:8080", false)]
    [InlineData("http://*:8080", false)]
    [InlineData("http://10.1.2.3:8080", false)]
    public void Loopback_addresses_are_told_apart_from_exposed_ones(string url, bool loopback)
    {
        Assert.Equal(loopback, Vigil.Server.Hosting.ApiKeys.AllLoopback([url], out _));
    }

    [Fact]
    public void Keys_come_from_the_environment_and_a_keys_file_without_comments_or_blanks()
    {
        var file = Path.Combine(Path.GetTempPath(), $"vigil-keys-{Guid.NewGuid():N}.txt");
        File.WriteAllLines(file, ["# analysts", "alpha", "", "  beta  "]);
        try
        {
            Assert.Equal(["one", "two", "alpha", "beta"], Vigil.Server.Hosting.ApiKeys.Load("one, two", file));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
