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
    public async Task The_server_refuses_a_non_loopback_address_while_no_key_is_configured()
    {
        await using var server = VigilServer.Create(new ServerOptions { Store = app.StoreSpec, Urls = ["http://0.0.0.0:18081"] });
        var error = await Assert.ThrowsAsync<ArgumentException>(() => VigilServer.StartAsync(server, TestContext.Current.CancellationToken));

        Assert.Contains("without an API key", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080", true)]
    [InlineData("http://localhost:8080", true)]
    [InlineData("http://[::1]:8080", true)]
    [InlineData("http://0.0.0.0:8080", false)]
    [InlineData("http://*:8080", false)]
    [InlineData("http://10.1.2.3:8080", false)]
    [InlineData("http://loopback:8080", false)]
    [InlineData("http://LOOPBACK:8080", false)]
    [InlineData("http://127.0.0.1:8080/;http://0.0.0.0:8081", false)]
    [InlineData("http://127.0.0.1:8080;http://[::1]:8081", true)]
    public void Loopback_addresses_are_told_apart_from_exposed_ones(string url, bool loopback)
    {
        Assert.Equal(loopback, LoopbackGuard.FirstExposed([url]) is null);
    }

    [Theory]
    [InlineData("http://[::]:43117")]
    [InlineData("http://0.0.0.0:43117")]
    [InlineData("http://my-host.example:43117")]
    public void A_bound_address_beyond_loopback_is_found_among_loopback_ones(string bound)
    {
        // What Kestrel reports once it listens: a name it could not parse as an address is bound to every interface.
        Assert.Equal(bound, LoopbackGuard.FirstExposed(["http://127.0.0.1:43116", bound, "http://localhost:43118"]));
    }

    [Fact]
    public void An_IPv4_mapped_loopback_address_is_refused_with_the_address_to_write_instead()
    {
        var error = Assert.Throws<ArgumentException>(() => LoopbackGuard.FirstExposed(["http://[::ffff:127.0.0.1]:8080"]));

        Assert.Contains("http://127.0.0.1:PORT", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_keys_file_of_comments_only_is_refused_instead_of_serving_without_keys()
    {
        var file = Path.Combine(Path.GetTempPath(), $"vigil-keys-{Guid.NewGuid():N}.txt");
        File.WriteAllLines(file, ["# analysts", "", "   # nobody yet"]);
        try
        {
            var error = Assert.Throws<ArgumentException>(() => Vigil.Server.Hosting.ApiKeys.Load(null, file));
            Assert.Contains("holds no key", error.Message, StringComparison.Ordinal);
            Assert.Throws<ArgumentException>(() => Vigil.Server.Hosting.ApiKeys.Load(" , ", null));
        }
        finally
        {
            File.Delete(file);
        }
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
