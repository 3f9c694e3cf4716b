using System.Text.Json;
using System.Xml.Linq;
using Vigil.Core.Sources;
using Vigil.Core.Storage;
using Vigil.Tests.Cli;
using Vigil.Tests.Storage;

namespace Vigil.Tests.Sources;

public class ListUpdaterTests : IDisposable
{
    private readonly LocalFileServer _server = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly string _downloads = Path.Combine(Path.GetTempPath(), "vigil-tests", "downloads-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
        GC.SuppressFinalize(this);
    }

    private ListUpdater NewUpdater(VigilStore store) =>
        new(store, _http, new UpdateOptions { DownloadDirectory = _downloads, RetryDelay = TimeSpan.FromMilliseconds(10), Timeout = TimeSpan.FromSeconds(20) });

    [Fact]
    public async Task A_second_update_sends_the_etag_and_imports_nothing_when_the_server_answers_not_modified()
    {
        var store = VigilStore.Open(StoreFactory.NewSqliteSpec());
        var entry = new CatalogEntry("un-sc", _server.Serve("un.xml", TestData.Path("un/consolidated.xml")));
        var updater = NewUpdater(store);

        var first = await updater.UpdateAsync(entry, TestContext.Current.CancellationToken);
        Assert.Equal(UpdateStatus.Imported, first.Status);
        Assert.Equal(1003, first.Import!.Entities);

        var second = await updater.UpdateAsync(entry, TestContext.Current.CancellationToken);
        Assert.Equal(UpdateStatus.NotModified, second.Status);
        var last = _server.Requests[^1];
        Assert.Equal((304, true), (last.Status, last.IfNoneMatch is not null));
        Assert.Single(store.Lists().Single().Snapshots);
    }

    [Fact]
    public async Task Transient_server_errors_are_retried_until_the_download_succeeds()
    {
        var store = VigilStore.Open(StoreFactory.NewSqliteSpec());
        var entry = new CatalogEntry("un-sc", _server.Serve("un.xml", TestData.Path("un/consolidated.xml")));
        _server.FailNext("un.xml", 2);

        var outcome = await NewUpdater(store).UpdateAsync(entry, TestContext.Current.CancellationToken);

        Assert.Equal(UpdateStatus.Imported, outcome.Status);
        Assert.Equal([503, 503, 200], _server.Requests.Select(r => r.Status));
    }

    [Fact]
    public async Task A_server_that_keeps_failing_is_reported_after_the_last_attempt_and_nothing_is_imported()
    {
        var store = VigilStore.Open(StoreFactory.NewSqliteSpec());
        var entry = new CatalogEntry("un-sc", _server.Serve("un.xml", TestData.Path("un/consolidated.xml")));
        _server.FailNext("un.xml", 10);

        var outcome = await NewUpdater(store).UpdateAsync(entry, TestContext.Current.CancellationToken);

        Assert.Equal(UpdateStatus.Failed, outcome.Status);
        Assert.Contains("503", outcome.Message, StringComparison.Ordinal);
        Assert.Equal(3, _server.Requests.Count);
        Assert.Empty(store.Lists());
    }

    [Fact]
    public async Task A_download_that_drops_more_than_a_fifth_of_the_list_is_quarantined_until_accepted()
    {
        var store = VigilStore.Open(StoreFactory.NewSqliteSpec());
        var updater = NewUpdater(store);
        var url = _server.Serve("un.xml", TestData.Path("un/consolidated.xml"));
        await updater.UpdateAsync(new CatalogEntry("un-sc", url), TestContext.Current.CancellationToken);

        _server.Serve("un.xml", WriteUnListKeeping(700));
        var outcome = await updater.UpdateAsync(new CatalogEntry("un-sc", url), TestContext.Current.CancellationToken);

        Assert.Equal(UpdateStatus.Quarantined, outcome.Status);
        Assert.Contains("1003 -> 700", outcome.Message, StringComparison.Ordinal);
        Assert.Single(store.Lists().Single().Snapshots);
        var held = Assert.Single(store.PendingQuarantine("un-sc"));
        Assert.True(File.Exists(held.Path));

        var accepted = updater.Accept("un-sc");
        Assert.Equal(UpdateStatus.Imported, accepted.Status);
        Assert.Equal(700, accepted.Import!.Entities);
        Assert.Equal(303, accepted.Import.Removed);
        Assert.Empty(store.PendingQuarantine("un-sc"));
    }

    [Fact]
    public async Task A_download_that_fails_to_parse_is_quarantined_with_the_parse_error()
    {
        var store = VigilStore.Open(StoreFactory.NewSqliteSpec());
        var entry = new CatalogEntry("un-sc", _server.Serve("un.xml", UnListVariants.WriteTruncatedList()), "un-sc-xml");

        var outcome = await NewUpdater(store).UpdateAsync(entry, TestContext.Current.CancellationToken);

        Assert.Equal(UpdateStatus.Quarantined, outcome.Status);
        Assert.Contains("malformed XML", outcome.Message, StringComparison.Ordinal);
        Assert.Empty(store.Lists());
    }

    [Fact]
    public void The_update_command_reads_a_catalog_file_and_exits_4_when_a_download_needs_attention()
    {
        var cli = new CliRunner();
        var catalog = Path.Combine(Path.GetTempPath(), "vigil-tests", $"catalog-{Guid.NewGuid():N}.json");
        File.WriteAllText(catalog, JsonSerializer.Serialize(new
        {
            sources = new object[]
            {
                new { source = "un-sc", url = _server.Serve("un.xml", TestData.Path("un/consolidated.xml")), format = "un-sc-xml" },
                new { source = "eu-fsf", url = _server.BaseUrl + "missing.xml" },
            },
        }));

        var (exit, output, _) = cli.Run("update", "--catalog", catalog, "--downloads", _downloads, "--json");

        Assert.Equal(4, exit);
        var results = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
        Assert.Equal(("un-sc", "imported", 1003), (results[0].GetProperty("source").GetString(), results[0].GetProperty("status").GetString(), results[0].GetProperty("entities").GetInt32()));
        Assert.Equal(("eu-fsf", "failed"), (results[1].GetProperty("source").GetString(), results[1].GetProperty("status").GetString()));
        Assert.Contains("404", results[1].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_catalog_file_with_a_source_lacking_its_address_is_refused_naming_the_entry()
    {
        var catalog = Path.Combine(Path.GetTempPath(), "vigil-tests", $"catalog-{Guid.NewGuid():N}.json");
        File.WriteAllText(catalog, """{"sources":[{"source":"un-sc"}]}""");
        var e = Assert.Throws<ListFormatException>(() => SourceCatalog.Load(catalog));
        Assert.Contains("sources[0]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_built_in_catalog_points_every_source_at_its_publisher_over_https()
    {
        Assert.All(SourceCatalog.BuiltIn.Entries, e => Assert.StartsWith("https://", e.Url, StringComparison.Ordinal));
        Assert.Equal(
            ["un-sc", "us-ofac-sdn", "us-ofac-cons", "eu-fsf", "gb-hmt", "au-dfat", "ca-sema", "ch-seco", "us-bis-dpl"],
            SourceCatalog.BuiltIn.Entries.Select(e => e.Source));
    }

    /// <summary>The real UN list cut to its first <paramref name="keep"/> records (a suspicious shrink).</summary>
    private static string WriteUnListKeeping(int keep)
    {
        var doc = XDocument.Load(TestData.Path("un/consolidated.xml"));
        var records = doc.Root!.Elements().SelectMany(group => group.Elements()).ToList();
        foreach (var extra in records.Skip(keep))
        {
            extra.Remove();
        }
        var path = Path.Combine(Path.GetTempPath(), "vigil-tests", $"un-shrunk-{Guid.NewGuid():N}.xml");
        doc.Save(path);
        return path;
    }
}
