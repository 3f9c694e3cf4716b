using System.Net;
using System.Text.Json;

namespace Vigil.Server.Tests.Api;

/// <summary>
/// <c>/subjects</c>: PUT, bulk POST, GET and DELETE over the shared server (UN and OFAC lists). Subjects do not change
/// what screening reads, so these tests share the read-only suites' store, each with references of its own.
/// </summary>
public abstract class SubjectsApiTests<TApp>(TApp app) where TApp : VigilApp
{
    private readonly HttpClient _client = app.ClientForTest();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string NewReference() => "api-" + Guid.NewGuid().ToString("N")[..10];

    private static async Task<(HttpStatusCode Status, JsonElement Body)> Read(HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(Cancel);
            return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
        }
    }

    private async Task<(HttpStatusCode, JsonElement)> Put(string reference, string json)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        return await Read(await _client.PutAsync(new Uri("/subjects/" + Uri.EscapeDataString(reference), UriKind.Relative), content, Cancel));
    }

    private async Task<(HttpStatusCode, JsonElement)> Post(string json)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        return await Read(await _client.PostAsync(new Uri("/subjects", UriKind.Relative), content, Cancel));
    }

    private async Task<(HttpStatusCode, JsonElement)> Get(string reference) =>
        await Read(await _client.GetAsync(new Uri("/subjects/" + Uri.EscapeDataString(reference), UriKind.Relative), Cancel));

    [Fact]
    public async Task A_subject_put_is_screened_read_back_with_its_snapshot_set_edited_and_deleted_with_its_history_kept()
    {
        var reference = NewReference();
        var (created, body) = await Put(reference, """{"schema": "Person", "names": ["Гулмурод Ҳалимов"], "birthDates": ["14.05.1975"], "countries": ["Tajikistan"]}""");

        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal(("created", 1, "alert"), (body.GetProperty("change").GetString(), body.GetProperty("version").GetInt32(), body.GetProperty("screening").GetProperty("outcome").GetString()));
        Assert.Contains("un-sc:QDi.372", body.GetProperty("screening").GetProperty("hits").EnumerateArray()
            .SelectMany(h => h.GetProperty("recordIds").EnumerateArray()).Select(r => r.GetString()));

        var (same, unchanged) = await Put(reference, """{"schema": "person", "names": ["ГУЛМУРОД  ҲАЛИМОВ"], "birthDates": ["1975-05-14"], "countries": ["TJ"]}""");
        Assert.Equal((HttpStatusCode.OK, "unchanged"), (same, unchanged.GetProperty("change").GetString()));
        Assert.Equal(JsonValueKind.Null, unchanged.GetProperty("screening").ValueKind);

        var (edited, changed) = await Put(reference, """{"schema": "Person", "names": ["Anna Schmidt"]}""");
        Assert.Equal((HttpStatusCode.OK, "changed", 2), (edited, changed.GetProperty("change").GetString(), changed.GetProperty("version").GetInt32()));
        Assert.Equal("no_hit", changed.GetProperty("screening").GetProperty("outcome").GetString());

        var (found, subject) = await Get(reference);
        Assert.Equal(HttpStatusCode.OK, found);
        Assert.Equal(2, subject.GetProperty("versions").GetArrayLength());
        var screenings = subject.GetProperty("screenings").EnumerateArray().ToList();
        Assert.Equal(["no_hit", "alert"], screenings.Select(s => s.GetProperty("outcome").GetString()));
        Assert.Equal(["subject_update", "onboarding"], screenings.Select(s => s.GetProperty("run").GetProperty("kind").GetString()));
        foreach (var s in screenings)
        {
            var sources = s.GetProperty("run").GetProperty("snapshots").EnumerateArray().Select(n => n.GetProperty("source").GetString()).ToList();
            Assert.Equal(["un-sc", "us-ofac-sdn"], sources.Order(StringComparer.Ordinal));
            Assert.All(s.GetProperty("run").GetProperty("snapshots").EnumerateArray(), n => Assert.Equal(64, n.GetProperty("contentHash").GetString()!.Length));
        }

        var (deleted, _) = await Read(await _client.DeleteAsync(new Uri("/subjects/" + reference, UriKind.Relative), Cancel));
        Assert.Equal(HttpStatusCode.NoContent, deleted);
        var (again, _) = await Read(await _client.DeleteAsync(new Uri("/subjects/" + reference, UriKind.Relative), Cancel));
        Assert.Equal(HttpStatusCode.NotFound, again);
        var (_, history) = await Get(reference);
        Assert.False(history.GetProperty("monitored").GetBoolean());
        Assert.Equal(3, history.GetProperty("versions").GetArrayLength());
        Assert.Equal(2, history.GetProperty("screenings").GetArrayLength());
    }

    [Fact]
    public async Task A_bulk_post_writes_every_subject_and_counts_them()
    {
        var a = NewReference();
        var b = NewReference();
        var (status, body) = await Post($$"""
            {"subjects": [
              {"reference": "{{a}}", "names": ["Gulmurod Khalimov"], "birthDates": ["02.03.1991"], "countries": ["DE"], "profile": "kyc"},
              {"reference": "{{b}}", "names": ["Pierre Dubois"], "countries": ["Atlantis"]}
            ]}
            """);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((2, 0, 2, 1), (body.GetProperty("created").GetInt32(), body.GetProperty("unchanged").GetInt32(), body.GetProperty("screened").GetInt32(), body.GetProperty("hits").GetInt32()));
        Assert.Equal(["Atlantis"], body.GetProperty("subjects")[1].GetProperty("unresolvedCountries").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(HttpStatusCode.OK, (await Get(a)).Item1);
    }

    [Fact]
    public async Task Bad_subjects_too_many_subjects_and_unknown_references_are_problems_naming_the_field()
    {
        var (noName, problem) = await Put(NewReference(), """{"names": []}""");
        Assert.Equal(HttpStatusCode.BadRequest, noName);
        Assert.StartsWith("name:", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var (badDate, dateProblem) = await Post($$"""
            {"subjects": [{"reference": "{{NewReference()}}", "names": ["Anna"]}, {"reference": "{{NewReference()}}", "names": ["Anna"], "birthDates": ["31.02.1980"]}]}
            """);
        Assert.Equal(HttpStatusCode.BadRequest, badDate);
        Assert.StartsWith("subjects[1].dob:", dateProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var many = string.Join(",", Enumerable.Range(0, Vigil.Server.Api.SubjectsApi.MaxBatch + 1).Select(i => $$"""{"reference": "r{{i}}", "names": ["A"]}"""));
        var (tooMany, _) = await Post($$"""{"subjects": [{{many}}]}""");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooMany);

        Assert.Equal(HttpStatusCode.NotFound, (await Get("nobody-" + Guid.NewGuid().ToString("N"))).Item1);
    }
}

public sealed class SqliteSubjectsApiTests(SqliteVigilApp app) : SubjectsApiTests<SqliteVigilApp>(app);

public sealed class PostgresSubjectsApiTests(PostgresVigilApp app) : SubjectsApiTests<PostgresVigilApp>(app);
