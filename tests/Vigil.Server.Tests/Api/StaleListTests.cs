using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Vigil.Core.Screening;
using Vigil.Core.Storage;
using Vigil.Server.Hosting;
using Vigil.Tests;
using Vigil.Tests.Storage;

namespace Vigil.Server.Tests.Api;

/// <summary>
/// A list older than its maximum age: /readyz turns 503 naming it, /metrics flags it, and the search page marks it in
/// the snapshot set the results came from. The clock runs 72 hours ahead, so the list imported now is 72 hours old.
/// </summary>
public sealed class StaleListTests : IAsyncLifetime
{
    private static readonly TimeProvider Later = new ShiftedClock(TimeSpan.FromHours(72));
    private readonly string _spec = StoreFactory.NewSqliteSpec();

    public ValueTask InitializeAsync()
    {
        VigilStore.Open(_spec, StoreAccess.CreateIfMissing).Import(TestData.Path("un/consolidated.xml"), cancellationToken: TestContext.Current.CancellationToken);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        foreach (var file in new[] { _spec, _spec + "-wal", _spec + "-shm" })
        {
            File.Delete(file);
        }
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task A_list_older_than_the_maximum_age_makes_readiness_503_naming_it_and_metrics_flag_it()
    {
        await using var server = await Start(ListFreshness.Parse(["48h"], Later));

        var (status, ready) = await Ready(server.Client);
        var metrics = await server.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.False(ready.GetProperty("ready").GetBoolean());
        Assert.Equal(["un-sc"], ready.GetProperty("stale").EnumerateArray().Select(s => s.GetString()));
        Assert.Contains("un-sc", ready.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var list = Assert.Single(ready.GetProperty("lists").EnumerateArray());
        Assert.True(list.GetProperty("stale").GetBoolean());
        Assert.Equal(48 * 3600, list.GetProperty("maxAgeSeconds").GetDouble());
        Assert.InRange(list.GetProperty("ageSeconds").GetDouble(), 72 * 3600 - 600, 72 * 3600 + 600);
        Assert.Contains("vigil_list_stale{source=\"un-sc\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("vigil_list_max_age_seconds{source=\"un-sc\"} 172800", metrics, StringComparison.Ordinal);
        // Still answered (a stale list is not no list), and the snapshot set says which data answered.
        using var match = await server.Client.PostAsync(new Uri("/match/default", UriKind.Relative),
            new StringContent("""{"queries": {"q": {"schema": "Person", "properties": {"name": ["Gulmurod Halimov"]}}}}""", Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, match.StatusCode);
    }

    [Fact]
    public async Task A_per_source_maximum_overrides_the_default_for_that_source()
    {
        await using var server = await Start(ListFreshness.Parse(["48h", "un-sc=96h"], Later));

        var (status, ready) = await Ready(server.Client);
        var metrics = await server.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(ready.GetProperty("stale").EnumerateArray());
        Assert.Contains("vigil_list_stale{source=\"un-sc\"} 0", metrics, StringComparison.Ordinal);
        Assert.Contains("vigil_list_max_age_seconds{source=\"un-sc\"} 345600", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readiness_names_the_snapshot_set_with_publication_and_import_times()
    {
        await using var server = await Start(ListFreshness.Unlimited);

        var (status, ready) = await Ready(server.Client);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(ready.GetProperty("ready").GetBoolean());
        var list = Assert.Single(ready.GetProperty("lists").EnumerateArray());
        Assert.Equal("un-sc", list.GetProperty("source").GetString());
        Assert.Equal(ready.GetProperty("snapshots")[0].GetInt64(), list.GetProperty("snapshot").GetInt64());
        Assert.Equal("2026-02-27T00:00:09.554Z", list.GetProperty("published").GetString());
        Assert.True(list.GetProperty("imported").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddHours(-1));
        Assert.Equal(JsonValueKind.Null, list.GetProperty("maxAgeSeconds").ValueKind);
    }

    [Fact]
    public async Task The_search_page_states_the_snapshot_set_and_marks_a_stale_list()
    {
        await using var server = await Start(ListFreshness.Parse(["48h"], Later));

        var html = await server.Client.GetStringAsync(new Uri("/?name=Gulmurod+Khalimov", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Contains("id=\"screened-against\"", html, StringComparison.Ordinal);
        Assert.Matches("<li class=\"stale\" data-source=\"un-sc\">", html);
        Assert.Contains("published 2026-02-27T00:00:09.554Z", html, StringComparison.Ordinal);
        Assert.Contains("STALE: older than 48h", html, StringComparison.Ordinal);
    }

    private async Task<Server> Start(ListFreshness freshness)
    {
        var factory = new VigilFactory(new ServerOptions { Store = _spec, RefreshEvery = TimeSpan.FromMilliseconds(200), Freshness = freshness });
        var client = factory.CreateClient();
        // Bounded wait until the index is built (ready or not, /readyz then names the lists).
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && (await Ready(client)).Body.GetProperty("entities").GetInt32() == 0)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        return new Server(factory, client);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> Ready(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative), TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken));
    }

    private sealed record Server(VigilFactory Factory, HttpClient Client) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await Factory.DisposeAsync();
        }
    }
}
