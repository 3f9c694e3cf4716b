using System.Net;
using System.Net.Http.Headers;
using Vigil.Core.Storage;
using Vigil.Server.Hosting;
using Vigil.Tests.Storage;

namespace Vigil.Server.Tests.Hosting;

/// <summary>
/// <c>/metrics</c> is open by default, as Prometheus scrapers expect; <c>--metrics-requires-key</c> makes it ask for a
/// key like the lists themselves.
/// </summary>
public sealed class MetricsAccessTests
{
    private const string Key = "operator-key-for-metrics-test";

    private static async Task<HttpStatusCode> Metrics(bool requireKey, string? key)
    {
        var spec = StoreFactory.NewSpec(StoreKind.Sqlite);
        VigilStore.Open(spec, StoreAccess.CreateIfMissing);
        await using var factory = new VigilFactory(new ServerOptions { Store = spec, ApiKeys = [Key], MetricsRequireKey = requireKey });
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/metrics", UriKind.Relative));
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    [Fact]
    public async Task By_default_metrics_need_no_key()
    {
        Assert.Equal(HttpStatusCode.OK, await Metrics(requireKey: false, key: null));
    }

    [Fact]
    public async Task When_required_metrics_refuse_a_caller_without_a_key_and_answer_one_with_a_key()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await Metrics(requireKey: true, key: null));
        Assert.Equal(HttpStatusCode.Unauthorized, await Metrics(requireKey: true, key: "guess"));
        Assert.Equal(HttpStatusCode.OK, await Metrics(requireKey: true, key: Key));
    }
}
