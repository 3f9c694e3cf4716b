using System.Net;
using Vigil.Core.Storage;
using Vigil.Server.Hosting;
using Vigil.Tests.Storage;

namespace Vigil.Server.Tests.Hosting;

/// <summary>
/// An address longer than Vigil takes is refused with a problem document on a real connection, rather than with the
/// empty 414 Kestrel gives a request line beyond its own limit.
/// </summary>
public sealed class KestrelProblemTests
{
    [Fact]
    public async Task An_address_over_16_KiB_is_414_with_a_problem()
    {
        var cancel = TestContext.Current.CancellationToken;
        var spec = StoreFactory.NewSpec(StoreKind.Sqlite);
        VigilStore.Open(spec, StoreAccess.CreateIfMissing);
        await using var server = VigilServer.Create(new ServerOptions { Store = spec, Urls = ["http://127.0.0.1:0"] });
        var bound = (await VigilServer.StartAsync(server, cancel))[0];
        using var client = new HttpClient { BaseAddress = new Uri(bound), Timeout = TimeSpan.FromSeconds(30) };

        using var response = await client.GetAsync(new Uri("/search?q=" + new string('a', 20_000), UriKind.Relative), cancel);
        await server.StopAsync(cancel);

        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
