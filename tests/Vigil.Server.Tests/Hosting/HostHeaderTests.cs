using System.Net;
using Vigil.Core.Storage;
using Vigil.Server.Hosting;
using Vigil.Tests.Storage;

namespace Vigil.Server.Tests.Hosting;

/// <summary>
/// A server without keys answers its own machine as an administrator, so a web page whose name an attacker rebinds to
/// 127.0.0.1 must not reach it: while no credential exists only loopback Host names on the bound port are answered.
/// </summary>
public sealed class HostHeaderTests
{
    private const string Key = "operator-key-for-host-test";

    private static async Task<(HttpStatusCode Status, string? MediaType, int Port)> Get(string host, IReadOnlyList<string> keys)
    {
        var cancel = TestContext.Current.CancellationToken;
        var spec = StoreFactory.NewSpec(StoreKind.Sqlite);
        VigilStore.Open(spec, StoreAccess.CreateIfMissing);
        await using var server = VigilServer.Create(new ServerOptions { Store = spec, Urls = ["http://127.0.0.1:0"], ApiKeys = keys });
        var bound = new Uri((await VigilServer.StartAsync(server, cancel))[0]);
        using var client = new HttpClient { BaseAddress = bound, Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/healthz", UriKind.Relative));
        request.Headers.Host = host.Replace("PORT", bound.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        using var response = await client.SendAsync(request, cancel);
        await server.StopAsync(cancel);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, bound.Port);
    }

    [Theory]
    [InlineData("rebound.example:PORT")]
    [InlineData("rebound.example")]
    [InlineData("localhost.rebound.example:PORT")]
    [InlineData("10.0.0.1:PORT")]
    [InlineData("localhost:1")]
    public async Task Without_a_credential_another_host_name_gets_400_with_a_problem(string host)
    {
        var (status, mediaType, _) = await Get(host, []);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", mediaType);
    }

    [Theory]
    [InlineData("localhost:PORT")]
    [InlineData("LOCALHOST:PORT")]
    [InlineData("127.0.0.1:PORT")]
    [InlineData("[::1]:PORT")]
    public async Task Without_a_credential_the_loopback_names_on_the_bound_port_are_answered(string host)
    {
        Assert.Equal(HttpStatusCode.OK, (await Get(host, [])).Status);
    }

    [Fact]
    public async Task Once_a_key_is_required_any_host_name_is_answered()
    {
        // Every request then proves who it is, and a rebound page cannot: the browser holds no key for its name.
        Assert.Equal(HttpStatusCode.OK, (await Get("vigil.bank.example", [Key])).Status);
    }
}
