using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Vigil.Tests.Parts;

namespace Vigil.Server.Tests.Jobs;

/// <summary>
/// <c>/jobs</c> over the shared server (UN and OFAC lists): an uploaded file is queued (202 and its address), the
/// server's own worker screens it, and the results come back as the JSON lines whose SHA-256 the job records, or as a
/// CSV whose formula cells are neutralised. Jobs do not change what screening reads, so these tests share the store.
/// </summary>
public abstract class JobsApiTests<TApp>(TApp app) where TApp : VigilApp
{
    private readonly HttpClient _client = app.ClientForTest();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private const string Rows = """
        id,name,dob,country
        j1,Anna Schmidt,1980-01-01,Germany
        j2,"Halimov Gulmurod",14.05.1975,
        j3,Halimov, Gulmurod,1975-05-14,TJ
        =1+2,"=HYPERLINK(""http://x"")",1990,GB
        """;

    private async Task<(HttpStatusCode Status, JsonElement Body, Uri? Location)> Post(HttpContent content, string query = "")
    {
        using var response = await _client.PostAsync(new Uri("/jobs" + query, UriKind.Relative), content, Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone(), response.Headers.Location);
    }

    private async Task<JsonElement> UntilFinished(Uri location)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var job = JsonDocument.Parse(await _client.GetStringAsync(location, Cancel)).RootElement.Clone();
            if (job.GetProperty("state").GetString() is "done" or "cancelled" || DateTime.UtcNow > deadline)
            {
                return job;
            }
            await Task.Delay(100, Cancel);
        }
    }

    [Fact]
    public async Task An_uploaded_file_is_queued_screened_by_the_server_and_its_results_match_the_recorded_hash()
    {
        using var content = new StringContent(Rows, Encoding.UTF8, "text/csv");
        var (status, body, location) = await Post(content, "?profile=kyc&name=customers.csv");

        Assert.Equal(HttpStatusCode.Accepted, status);
        var id = body.GetProperty("id").GetInt64();
        Assert.Equal($"/jobs/{id}", location?.ToString());
        Assert.Equal(("customers.csv", 4, 1), (body.GetProperty("fileName").GetString(), body.GetProperty("rows").GetInt32(), body.GetProperty("rejected").GetInt32()));
        Assert.Equal(("batch", "kyc"), (body.GetProperty("run").GetProperty("kind").GetString(), body.GetProperty("run").GetProperty("profile").GetString()));
        var sources = body.GetProperty("run").GetProperty("snapshots").EnumerateArray().Select(s => s.GetProperty("source").GetString()).ToList();
        Assert.Equal(2, sources.Count);
        Assert.Contains("un-sc", sources);

        var job = await UntilFinished(location!);
        Assert.Equal(("done", 3), (job.GetProperty("state").GetString(), job.GetProperty("screened").GetInt32()));
        Assert.Equal(4, job.GetProperty("rejections")[0].GetProperty("line").GetInt32());

        using var results = await _client.GetAsync(new Uri($"/jobs/{id}/results", UriKind.Relative), Cancel);
        Assert.Equal("application/x-ndjson", results.Content.Headers.ContentType?.MediaType);
        var bytes = await results.Content.ReadAsByteArrayAsync(Cancel);
        Assert.Equal(job.GetProperty("resultHash").GetString(), Convert.ToHexStringLower(SHA256.HashData(bytes)));
        var lines = Encoding.UTF8.GetString(bytes).TrimEnd('\n').Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["no_hit", "hit", "error", "no_hit"], lines.Select(l => l.GetProperty("outcome").GetString()));
        Assert.Contains("un-sc:QDi.372", lines[1].GetProperty("hits").EnumerateArray().SelectMany(h => h.GetProperty("recordIds").EnumerateArray()).Select(r => r.GetString()));

        var csv = await _client.GetStringAsync(new Uri($"/jobs/{id}/results?format=csv", UriKind.Relative), Cancel);
        Assert.Contains("\n4,5,'=1+2,\"'=HYPERLINK(\"\"http://x\"\")\",no_hit,", csv, StringComparison.Ordinal);

        using var cancel = await _client.DeleteAsync(new Uri($"/jobs/{id}", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.Conflict, cancel.StatusCode);
    }

    [Fact]
    public async Task A_workbook_uploaded_as_a_multipart_form_is_read_as_xlsx()
    {
        var path = Path.Combine(Path.GetTempPath(), $"vigil-jobs-{Guid.NewGuid():N}.xlsx");
        try
        {
            Vigil.Tests.Workflow.MinimalXlsx.Write(path, [["id", "name", "dob"], ["x1", "Gulmurod Khalimov", "1975-05-14"], ["x2", "Anna Schmidt", null]]);
            using var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(await File.ReadAllBytesAsync(path, Cancel));
            file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            form.Add(file, "file", "customers.xlsx");
            var (status, body, location) = await Post(form);

            Assert.Equal(HttpStatusCode.Accepted, status);
            Assert.Equal(("customers.xlsx", 2), (body.GetProperty("fileName").GetString(), body.GetProperty("rows").GetInt32()));
            var job = await UntilFinished(location!);
            Assert.Equal(("done", 1), (job.GetProperty("state").GetString(), job.GetProperty("hits").GetInt32()));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_file_without_an_id_or_name_column_an_unknown_profile_or_job_and_an_unfinished_job_are_refused()
    {
        using var noHeader = new StringContent("who,what\na,b\n", Encoding.UTF8, "text/csv");
        var (status, body, _) = await Post(noHeader);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("the header needs an id column", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("vigil-upload", body.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var rows = new StringContent(Rows, Encoding.UTF8, "text/csv");
        Assert.Equal(HttpStatusCode.BadRequest, (await Post(rows, "?profile=lenient")).Status);

        using var missing = await _client.GetAsync(new Uri("/jobs/987654321", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var format = await _client.GetAsync(new Uri("/jobs/1/results?format=pdf", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, format.StatusCode);

        // Cancelled at once, before the worker can finish it: its results are never served as if complete.
        using var again = new StringContent(Rows, Encoding.UTF8, "text/csv");
        var (_, queued, location) = await Post(again);
        using var cancel = await _client.DeleteAsync(location!, Cancel);
        // The worker may finish the job first: then cancelling it is a conflict, with a problem document.
        var answer = JsonDocument.Parse(await cancel.Content.ReadAsStringAsync(Cancel)).RootElement;
        var state = cancel.StatusCode == HttpStatusCode.OK ? answer.GetProperty("state").GetString() : answer.GetProperty("detail").GetString();
        Assert.True(cancel.StatusCode == HttpStatusCode.OK && state == "cancelled" || cancel.StatusCode == HttpStatusCode.Conflict && state!.Contains("already done", StringComparison.Ordinal), $"{cancel.StatusCode} {state}");
        if (cancel.StatusCode == HttpStatusCode.OK)
        {
            using var results = await _client.GetAsync(new Uri($"/jobs/{queued.GetProperty("id").GetInt64()}/results", UriKind.Relative), Cancel);
            Assert.Equal(HttpStatusCode.Conflict, results.StatusCode);
        }
    }
}

public sealed class SqliteJobsApiTests(SqliteVigilApp app) : JobsApiTests<SqliteVigilApp>(app);

[Needs(SystemPart.PostgreSql)]
public sealed class PostgresJobsApiTests(PostgresVigilApp app) : JobsApiTests<PostgresVigilApp>(app);
