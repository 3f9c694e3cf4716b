using System.Net;
using System.Text.Json;

namespace Vigil.Server.Tests.Api;

/// <summary>The read endpoints: search, entities with provenance, lists, snapshots, diffs, health and metrics.</summary>
public abstract class ReadApiTests<TApp>(TApp app) where TApp : VigilApp
{
    private readonly HttpClient _client = app.ClientForTest();

    private async Task<(HttpStatusCode Status, JsonElement Body)> Get(string path)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task Search_finds_Khalimov_from_a_Cyrillic_spelling()
    {
        // Kestrel refuses raw UTF-8 in a query string, so clients percent-encode it.
        var (status, body) = await Get("/search?q=" + Uri.EscapeDataString("Гулмурод Ҳалимов"));

        Assert.Equal(HttpStatusCode.OK, status);
        var ids = body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Contains("un-sc:QDi.372", ids);
        Assert.True(body.GetProperty("total").GetProperty("value").GetInt32() >= ids.Count);
    }

    [Theory]
    [InlineData("/search?q=Gulmurod+Khalimov&threshold=NaN", "threshold")]
    [InlineData("/search/default?q=Gulmurod+Khalimov&cutoff=NaN", "cutoff")]
    [InlineData("/reconcile?queries=%7B%22q0%22%3A%7B%22query%22%3A%22Gulmurod%20Khalimov%22%7D%7D&threshold=NaN", "threshold")]
    [InlineData("/reconcile?queries=%7B%22q0%22%3A%7B%22query%22%3A%22Gulmurod%20Khalimov%22%7D%7D&cutoff=Infinity", "cutoff")]
    public async Task A_threshold_or_cutoff_where_none_is_taken_is_a_400_problem_not_ignored(string path, string name)
    {
        var (status, body) = await Get(path);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith(name + ":", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_without_a_name_is_a_400_problem_naming_q()
    {
        var (status, body) = await Get("/search?q=");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("q:", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_entity_has_every_statement_with_its_source_and_snapshot()
    {
        var (status, body) = await Get("/entities/un-sc:QDi.372/provenance");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("un-sc:QDi.372", body.GetProperty("id").GetString());
        var births = body.GetProperty("statements").EnumerateArray()
            .Where(s => s.GetProperty("property").GetString() == "birthDate").ToList();
        Assert.Contains(births, s => s.GetProperty("value").GetString() == "1975-05-14");
        Assert.Contains(births, s => s.GetProperty("value").GetString() == "1975~");
        Assert.All(births, s =>
        {
            Assert.Equal("un-sc:QDi.372", s.GetProperty("source").GetString());
            Assert.True(s.GetProperty("snapshot").GetInt64() > 0);
        });
        Assert.Contains(body.GetProperty("designations").EnumerateArray(), d => d.GetProperty("listedOn").GetString() == "2016-02-29");
    }

    [Fact]
    public async Task An_entity_as_of_a_date_before_any_snapshot_is_not_found_and_a_bad_date_is_a_400()
    {
        var (before, _) = await Get("/entities/un-sc:QDi.372/provenance?as_of=2000-01-01");
        var (bad, problem) = await Get("/entities/un-sc:QDi.372/provenance?as_of=yesterday");

        Assert.Equal(HttpStatusCode.NotFound, before);
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.StartsWith("as_of:", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lists_and_snapshots_name_the_imported_file_without_the_servers_path()
    {
        var (_, lists) = await Get("/lists");
        var un = lists.EnumerateArray().Single(l => l.GetProperty("source").GetString() == "un-sc");
        Assert.Equal("consolidated.xml", un.GetProperty("latest").GetProperty("origin").GetString());
        // The OFAC CSV set was imported as a folder: its name is the folder's.
        var ofac = lists.EnumerateArray().Single(l => l.GetProperty("source").GetString() == "us-ofac-sdn");
        Assert.Equal("sdn-csv-2021", ofac.GetProperty("latest").GetProperty("origin").GetString());

        var (_, snapshots) = await Get("/lists/un-sc/snapshots");
        Assert.All(snapshots.EnumerateArray(), s =>
            Assert.DoesNotContain(Path.DirectorySeparatorChar, s.GetProperty("origin").GetString()!));
    }

    [Fact]
    public async Task Lists_snapshots_and_the_diff_show_what_changed_between_the_two_UN_imports()
    {
        var (_, lists) = await Get("/lists");
        var un = lists.EnumerateArray().Single(l => l.GetProperty("source").GetString() == "un-sc");
        Assert.Equal(2, un.GetProperty("snapshotCount").GetInt32());
        Assert.Contains(lists.EnumerateArray(), l => l.GetProperty("source").GetString() == "us-ofac-sdn");

        var (_, snapshots) = await Get("/lists/un-sc/snapshots");
        Assert.Equal(2, snapshots.GetArrayLength());

        var (status, diff) = await Get("/lists/un-sc/diff");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("un-sc:QDi.372", diff.GetProperty("added").EnumerateArray().Select(a => a.GetString()));
        Assert.Contains("un-sc:QDi.999", diff.GetProperty("removed").EnumerateArray().Select(a => a.GetString()));
        Assert.Contains(diff.GetProperty("changed").EnumerateArray(), c => c.GetProperty("id").GetString() == "un-sc:CDi.001");
    }

    [Theory]
    [InlineData("/lists/no-such-list/snapshots", HttpStatusCode.NotFound)]
    [InlineData("/lists/no-such-list/diff", HttpStatusCode.NotFound)]
    [InlineData("/lists/un-sc/diff?from=abc", HttpStatusCode.BadRequest)]
    [InlineData("/lists/un-sc/diff?from=999999", HttpStatusCode.NotFound)]
    [InlineData("/entities/un-sc:nobody", HttpStatusCode.NotFound)]
    public async Task Unknown_or_malformed_references_are_problem_documents(string path, HttpStatusCode expected)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Health_readiness_and_metrics_answer()
    {
        var (health, _) = await Get("/healthz");
        var (ready, readiness) = await Get("/readyz");
        var metrics = await _client.GetStringAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, health);
        Assert.Equal(HttpStatusCode.OK, ready);
        Assert.True(readiness.GetProperty("entities").GetInt32() > 9_000);
        Assert.Contains("vigil_index_entities ", metrics, StringComparison.Ordinal);
        Assert.Contains("vigil_snapshot_age_seconds{source=\"un-sc\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("http_request_duration_seconds_bucket", metrics, StringComparison.Ordinal);
    }
}

/// <summary>The read endpoints on SQLite.</summary>
public sealed class SqliteReadApiTests(SqliteVigilApp app) : ReadApiTests<SqliteVigilApp>(app);

/// <summary>The read endpoints on PostgreSQL.</summary>
public sealed class PostgresReadApiTests(PostgresVigilApp app) : ReadApiTests<PostgresVigilApp>(app);
