using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Screening;
using Vigil.Core.Storage;
using Vigil.Server.Hosting;
using Vigil.Tests;
using Vigil.Tests.Storage;

namespace Vigil.Server.Tests.Hosting;

public sealed class EntityPropertiesCacheTests
{
    private static ScreenedEntity Entity(string id) => new(id, [id, id + "-linked"], id, "Person", ["un-sc"], ["sanction"], []);

    private static LatestEntity Properties(IReadOnlyList<string> referents) =>
        new(new Dictionary<string, IReadOnlyList<string>> { ["name"] = [.. referents] }, "2026-01-01T00:00:00.000Z", "2026-02-01T00:00:00.000Z");

    [Fact]
    public void Reads_an_entity_once_and_answers_later_asks_from_memory()
    {
        var cache = new EntityPropertiesCache(10);
        var reads = 0;
        LatestEntity Read(IReadOnlyList<string> referents)
        {
            reads++;
            return Properties(referents);
        }

        var first = cache.GetOrRead(Entity("un-sc:QDi.1"), Read);
        var second = cache.GetOrRead(Entity("un-sc:QDi.1"), Read);

        Assert.Equal(1, reads);
        Assert.Same(first, second);
        Assert.Equal(["un-sc:QDi.1", "un-sc:QDi.1-linked"], first.Properties["name"]);
    }

    [Fact]
    public void Past_its_capacity_still_answers_correctly_but_keeps_nothing_more()
    {
        var cache = new EntityPropertiesCache(2);
        var reads = 0;
        LatestEntity Read(IReadOnlyList<string> referents)
        {
            reads++;
            return Properties(referents);
        }

        foreach (var id in new[] { "a", "b", "c", "c", "a" })
        {
            Assert.Equal(id, cache.GetOrRead(Entity(id), Read).Properties["name"][0]);
        }

        Assert.Equal(2, cache.Count);
        Assert.Equal(4, reads);
    }

    [Fact]
    public void Concurrent_asks_never_exceed_the_bound_by_more_than_the_racing_threads()
    {
        var cache = new EntityPropertiesCache(100);
        Parallel.For(0, 10_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => cache.GetOrRead(Entity($"e{i % 1000}"), Properties));

        Assert.InRange(cache.Count, 100, 108);
    }

    /// <summary>
    /// The real server over its own store of the UN list, as <c>vigil serve</c> starts it: /match answers from the
    /// cache the same properties the store holds, and a new snapshot swaps in an index with an empty cache.
    /// </summary>
    [Fact]
    public async Task Match_answers_what_the_store_holds_before_and_after_a_new_snapshot_is_swapped_in()
    {
        var cancel = TestContext.Current.CancellationToken;
        var spec = StoreFactory.NewSpec(StoreKind.Sqlite);
        var store = VigilStore.Open(spec);
        store.Import(TestData.Path("un/consolidated.xml"), cancellationToken: cancel);
        await using var server = VigilServer.Create(new ServerOptions { Store = spec, Urls = ["http://127.0.0.1:0"], RefreshEvery = TimeSpan.FromMilliseconds(200) });
        await server.StartAsync(cancel);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(server.Urls.First()) };
            await VigilApp.WaitUntilReady(client, cancel);
            var host = server.Services.GetRequiredService<ScreeningIndexHost>();

            // The second answer comes from the cache the first filled.
            await AssertPropertiesAsStored(client, store, cancel);
            await AssertPropertiesAsStored(client, store, cancel);
            var before = host.Current!;
            Assert.NotEqual(0, before.Properties.Count);

            var older = UnListVariants.WriteOlderList();
            store.Import(older, cancellationToken: cancel);
            File.Delete(older);
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (ReferenceEquals(host.Current, before) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, cancel);
            }

            Assert.NotSame(before, host.Current);
            Assert.Equal(0, host.Current!.Properties.Count);
            await AssertPropertiesAsStored(client, store, cancel);
        }
        finally
        {
            await server.StopAsync(cancel);
        }
    }

    private static async Task AssertPropertiesAsStored(HttpClient client, VigilStore store, CancellationToken cancel)
    {
        var body = new { queries = new { q1 = new { schema = "Person", properties = new { name = new[] { "Eric Badege" } } } } };
        using var response = await client.PostAsJsonAsync("/match/default", body, cancel);
        response.EnsureSuccessStatusCode();
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(cancel);
        var results = json.GetProperty("responses").GetProperty("q1").GetProperty("results").EnumerateArray().ToList();
        Assert.NotEmpty(results);
        foreach (var result in results)
        {
            var referents = result.GetProperty("referents").EnumerateArray().Select(r => r.GetString()!).ToList();
            var expected = store.LatestProperties(referents);
            // The stored properties are split between FtM's (with the topics derived from the designations) and Vigil's own.
            var actual = result.GetProperty("properties").Deserialize<Dictionary<string, List<string>>>()!
                .Concat(result.GetProperty("vigil_properties").Deserialize<Dictionary<string, List<string>>>()!)
                .Where(p => p.Key != "topics")
                .ToDictionary();
            Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
            Assert.All(expected, p => Assert.Equal(p.Value, actual[p.Key]));
        }
    }
}
