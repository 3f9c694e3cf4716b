using System.Net.Http.Json;
using System.Text.Json;
using Vigil.Server.Hosting;
using Vigil.Tests;
using Vigil.Tests.Sources;
using Vigil.Tests.Storage;

namespace Vigil.Server.Tests.Api;

/// <summary><c>--update-every</c>: the server fetches the lists itself and serves what it fetched without a restart.</summary>
public sealed class BackgroundUpdateTests
{
    [Fact]
    public async Task A_server_started_on_an_empty_store_fetches_the_UN_list_and_becomes_searchable()
    {
        var cancellation = TestContext.Current.CancellationToken;
        using var publisher = new LocalFileServer();
        var url = publisher.Serve("/un.xml", TestData.Path("un/consolidated.xml"));
        var work = Path.Combine(Path.GetTempPath(), "vigil-tests", $"update-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        var catalog = Path.Combine(work, "catalog.json");
        await File.WriteAllTextAsync(catalog, JsonSerializer.Serialize(new { sources = new[] { new { source = "un-sc", url } } }), cancellation);
        var options = new ServerOptions
        {
            Store = StoreFactory.NewSqliteSpec(),
            RefreshEvery = TimeSpan.FromMilliseconds(200),
            UpdateEvery = TimeSpan.FromHours(6),
            Catalog = catalog,
            Downloads = Path.Combine(work, "downloads"),
        };
        await using var factory = new VigilFactory(options);
        using var client = factory.CreateClient();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        var entities = 0;
        while (entities == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, cancellation);
            using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative), cancellation);
            entities = (await response.Content.ReadFromJsonAsync<JsonElement>(cancellation)).GetProperty("entities").GetInt32();
        }

        Assert.Equal(1003, entities);
        Assert.Contains(publisher.Requests, r => r.Path.EndsWith("un.xml", StringComparison.Ordinal) && r.Status == 200);
        var search = await client.GetFromJsonAsync<JsonElement>(new Uri("/search?q=Gulmurod+Khalimov", UriKind.Relative), cancellation);
        Assert.Equal("un-sc:QDi.372", search.GetProperty("results")[0].GetProperty("id").GetString());
        Directory.Delete(work, recursive: true);
    }
}
