using System.Net;
using Vigil.Core.Storage;
using Vigil.Server.Hosting;
using Vigil.Tests.Storage;

namespace Vigil.Server.Tests.Hosting;

/// <summary>Behind a TLS-terminating proxy the session cookie stays Secure, but only when the proxy is one the server trusts.</summary>
public sealed class TrustedProxyTests
{
    private const string Key = "operator-key-for-proxy-test";

    private static async Task<string> SignInCookie(IReadOnlyList<IPAddress> proxies)
    {
        var cancel = TestContext.Current.CancellationToken;
        var spec = StoreFactory.NewSpec(StoreKind.Sqlite);
        VigilStore.Open(spec, StoreAccess.CreateIfMissing);
        await using var server = VigilServer.Create(new ServerOptions { Store = spec, Urls = ["http://127.0.0.1:0"], ApiKeys = [Key], TrustedProxies = proxies });
        var bound = await VigilServer.StartAsync(server, cancel);
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(bound[0]) };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/login", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent([new("key", Key), new("next", "/")]),
            Headers = { { "Sec-Fetch-Site", "same-origin" }, { "X-Forwarded-Proto", "https" }, { "X-Forwarded-For", "203.0.113.9" } },
        };
        using var response = await client.SendAsync(request, cancel);
        await server.StopAsync(cancel);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").Single();
    }

    [Fact]
    public async Task A_trusted_proxy_saying_https_makes_the_session_cookie_secure()
    {
        Assert.Contains("secure", await SignInCookie([IPAddress.Loopback]), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Forwarded_headers_from_an_untrusted_address_are_ignored()
    {
        Assert.DoesNotContain("secure", await SignInCookie([]), StringComparison.OrdinalIgnoreCase);
    }
}
