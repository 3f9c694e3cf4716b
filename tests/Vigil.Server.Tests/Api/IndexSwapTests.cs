using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Vigil.Core.Storage;
using Vigil.Server.Hosting;
using Vigil.Tests;
using Vigil.Tests.Storage;

namespace Vigil.Server.Tests.Api;

/// <summary>
/// A snapshot imported by another writer while requests are in flight: the server builds the new index beside the
/// old one and swaps it in; no request fails and the new listing becomes searchable without a restart.
/// </summary>
public sealed class IndexSwapTests
{
    [Fact]
    public async Task Requests_keep_succeeding_while_a_new_snapshot_is_imported_and_swapped_in()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var spec = StoreFactory.NewSqliteSpec();
        var store = VigilStore.Open(spec);
        var older = UnListVariants.WriteOlderList();
        store.Import(older, cancellationToken: cancellation);
        File.Delete(older);
        await using var factory = new VigilFactory(new ServerOptions { Store = spec, RefreshEvery = TimeSpan.FromMilliseconds(100) });
        using var client = factory.CreateClient();
        await VigilApp.WaitUntilReady(client, cancellation);
        var before = await client.GetFromJsonAsync<JsonElement>(new Uri("/readyz", UriKind.Relative), cancellation);
        // Khalimov is not in the older list.
        Assert.Empty(await MatchIds(client, cancellation));

        var failures = 0;
        var requests = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var load = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var content = new StringContent(Body, Encoding.UTF8, "application/json");
                using var response = await client.PostAsync(new Uri("/match/default", UriKind.Relative), content, CancellationToken.None);
                Interlocked.Increment(ref requests);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }, CancellationToken.None)).ToList();

        store.Import(TestData.Path("un/consolidated.xml"), cancellationToken: cancellation);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        JsonElement after;
        do
        {
            await Task.Delay(100, cancellation);
            after = await client.GetFromJsonAsync<JsonElement>(new Uri("/readyz", UriKind.Relative), cancellation);
        }
        while (after.GetProperty("builtAt").GetString() == before.GetProperty("builtAt").GetString() && DateTime.UtcNow < deadline);
        // Let requests run against the new index for a moment too.
        await Task.Delay(300, cancellation);
        await stop.CancelAsync();
        await Task.WhenAll(load);

        Assert.NotEqual(before.GetProperty("builtAt").GetString(), after.GetProperty("builtAt").GetString());
        Assert.True(requests > 4, $"only {requests} requests ran");
        Assert.Equal(0, failures);
        Assert.Contains("un-sc:QDi.372", await MatchIds(client, cancellation));
    }

    private const string Body = """{"queries": {"q": {"schema": "Person", "properties": {"name": ["Gulmurod Khalimov"], "birthDate": ["1975-05-14"]}}}}""";

    private static async Task<List<string?>> MatchIds(HttpClient client, CancellationToken cancellation)
    {
        using var content = new StringContent(Body, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("/match/default", UriKind.Relative), content, cancellation);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellation);
        return body.GetProperty("responses").GetProperty("q").GetProperty("results").EnumerateArray()
            .Where(r => r.GetProperty("match").GetBoolean())
            .Select(r => r.GetProperty("id").GetString()).ToList();
    }
}
