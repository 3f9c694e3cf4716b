using System.Security.Cryptography;
using System.Text;
using Dapper;
using ExcelDataReader;
using Vigil.Core.Jobs;
using Vigil.Core.Screening;
using Vigil.Core.Storage;
using Vigil.Core.Workflow;
using Vigil.Tests.Parts;
using Vigil.Tests.Storage;
using Vigil.Tests.Workflow;

namespace Vigil.Tests.Jobs;

/// <summary>
/// Batch jobs against the real UN list, on SQLite and PostgreSQL alike: every row screened and stored once (no-hit and
/// rejected rows included), leases that a second worker takes over only once they run out, cancellation, the result
/// file's hash, and result tables a spreadsheet cannot run. Tests of a class share one store and run one after the
/// other, so each drains the queue it fills.
/// </summary>
public abstract class BatchJobTests(UnListStore shared)
{
    private const string Khalimov = "un-sc:QDi.372";
    private const string Actor = "test:batch";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A batch file: ordinary rows, the two Khalimov-like customers, bad rows on known lines, and formula cells.</summary>
    private static string BatchFile(params string[] extra)
    {
        var path = StoreFactory.NewFilePath("batch", ".csv");
        File.WriteAllLines(path,
        [
            "id,name,dob,country",
            "b1,Anna Schmidt,1980-01-01,Germany",
            "b2,\"Halimov Gulmurod\",14.05.1975,",
            "b3,Halimov, Gulmurod,1975-05-14,TJ",
            "b4,Gulmurod Khalimov,02.03.1991,DE",
            "b5,John Smith,31.02.1980,US",
            "=cmd|' /C calc'!A0,\"  =HYPERLINK(\"\"http://x\"\")\",1990,GB",
            "b7,  @SUM(1+1),,",
            "b8,Pierre Dubois,1965-07-30,FR",
            .. extra,
        ]);
        return path;
    }

    private async Task<long> Submit(string path, int chunkRows = 2)
    {
        var (store, corpus) = shared.Value;
        return await BatchJobs.SubmitAsync(store, corpus, path, Actor, "kyc", chunkRows: chunkRows, cancellationToken: Cancel);
    }

    private static async Task<List<string>> Lines(VigilStore store, long job)
    {
        var lines = new List<string>();
        await foreach (var line in store.JobResultLinesAsync(job, Cancel))
        {
            lines.Add(line);
        }
        return lines;
    }

    [Fact]
    public async Task A_job_screens_every_row_once_reports_each_rejected_row_with_its_line_and_fixes_its_results_by_their_hash()
    {
        var (store, corpus) = shared.Value;
        var job = await Submit(BatchFile());
        var queued = (await store.GetJobAsync(job, Cancel))!;
        Assert.Equal((JobState.Queued, 8L, 2L, 4), (queued.State, queued.Rows, queued.Rejected, queued.Chunks));

        var worker = new BatchWorker(store, () => corpus, TimeSpan.FromSeconds(30));
        Assert.Equal(4, await worker.DrainAsync(untilFinished: true, Cancel));

        var done = (await store.GetJobAsync(job, Cancel))!;
        Assert.Equal((JobState.Done, 6L, 4), (done.State, done.Screened, done.ChunksDone));
        Assert.Equal((ScreeningKind.Batch, "kyc", 6, 2), (done.Run.Kind, done.Run.Profile, done.Run.Screened, done.Run.Errors));
        Assert.NotNull(done.Run.FinishedAt);
        Assert.Equal(corpus.Snapshots.Select(s => s.Snapshot), done.Run.Snapshots.Select(s => s.Snapshot));
        Assert.Equal([4L, 6L], done.Rejections.Select(r => r.Line));
        Assert.StartsWith("5 cells where the header has 4", done.Rejections[0].Reason, StringComparison.Ordinal);

        var lines = await Lines(store, job);
        var results = lines.Select(JobRowResult.FromJson).ToList();
        Assert.Equal(Enumerable.Range(1, 8).Select(i => (long)i), results.Select(r => r.Row));
        Assert.Equal(Enumerable.Range(2, 8).Select(i => (long)i), results.Select(r => r.Line));
        Assert.Equal(ScreeningOutcome.NoHit, results[0].Outcome);
        Assert.Equal((ScreeningOutcome.Error, "5 cells where the header has 4"), (results[2].Outcome, results[2].Error![..30]));
        Assert.StartsWith("dob: '31.02.1980' is not a date", results[4].Error, StringComparison.Ordinal);
        foreach (var khalimov in new[] { results[1], results[3] })
        {
            Assert.Equal(ScreeningOutcome.Hit, khalimov.Outcome);
            Assert.Contains(Khalimov, khalimov.Hits.SelectMany(h => h.RecordIds));
            Assert.NotNull(khalimov.InputHash);
        }
        var file = Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n")));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(file)), done.ResultHash);

        using var output = new MemoryStream();
        await JobResultWriter.WriteAsync(store, job, output, JobResultFormat.JsonLines, Cancel);
        Assert.Equal(done.ResultHash, Convert.ToHexStringLower(SHA256.HashData(output.ToArray())));
    }

    [Fact]
    public async Task A_chunk_is_taken_over_only_after_its_lease_runs_out_and_the_first_holder_then_commits_nothing()
    {
        var (store, corpus) = shared.Value;
        var job = await Submit(BatchFile(), chunkRows: 100);
        var first = (await store.ClaimChunkAsync("worker-a", TimeSpan.FromSeconds(1), Cancel))!;
        Assert.Equal(job, first.JobId);
        Assert.Null(await store.ClaimChunkAsync("worker-b", TimeSpan.FromSeconds(30), Cancel));

        await Task.Delay(TimeSpan.FromSeconds(1.5), Cancel);
        var second = (await store.ClaimChunkAsync("worker-b", TimeSpan.FromSeconds(30), Cancel))!;
        Assert.Equal((first.ChunkId, 2), (second.ChunkId, second.Attempts));
        Assert.False(await store.RenewLeaseAsync(first.ChunkId, "worker-a", TimeSpan.FromSeconds(30), Cancel));

        var rows = await store.ChunkRowsAsync(first, Cancel);
        var configuration = ScreeningConfiguration.For("kyc");
        var results = rows.Select(r => BatchWorker.Screen(corpus, r, configuration)).ToList();
        Assert.False(await store.CompleteChunkAsync(first, "worker-a", results, Cancel));
        Assert.True(await store.CompleteChunkAsync(second, "worker-b", results, Cancel));
        Assert.False(await store.CompleteChunkAsync(second, "worker-b", results, Cancel));

        var done = (await store.GetJobAsync(job, Cancel))!;
        Assert.Equal((JobState.Done, 6L), (done.State, done.Screened));
        Assert.Equal(8, (await Lines(store, job)).Count);
    }

    [Fact]
    public async Task Workers_claiming_at_once_screen_each_chunk_exactly_once()
    {
        var (store, corpus) = shared.Value;
        var rows = Enumerable.Range(1, 60).Select(i => $"w{i},Person Number {i} Khalimov,,");
        var job = await Submit(BatchFile([.. rows]), chunkRows: 3);
        var workers = Enumerable.Range(0, 4).Select(i => new BatchWorker(store, () => corpus, TimeSpan.FromSeconds(30), $"w{i}")).ToList();

        var chunks = await Task.WhenAll(workers.Select(w => Task.Run(() => w.DrainAsync(untilFinished: true, Cancel), Cancel)));

        var done = (await store.GetJobAsync(job, Cancel))!;
        Assert.Equal(done.Chunks, chunks.Sum());
        Assert.Equal((JobState.Done, 66L), (done.State, done.Screened));
        Assert.Equal(Enumerable.Range(1, 68).Select(i => (long)i), (await Lines(store, job)).Select(l => JobRowResult.FromJson(l).Row));
        await using var connection = store.Connect();
        Assert.Equal(1L, await connection.ExecuteScalarAsync<long>("SELECT MAX(attempts) FROM job_chunks WHERE job_id = @job", new { job }));
    }

    [Fact]
    public async Task A_cancelled_job_leaves_its_chunks_unclaimed_and_a_chunk_in_hand_uncommitted()
    {
        var (store, corpus) = shared.Value;
        var job = await Submit(BatchFile(), chunkRows: 3);
        var held = (await store.ClaimChunkAsync("worker-a", TimeSpan.FromSeconds(30), Cancel))!;

        Assert.Equal(JobState.Running, await store.CancelJobAsync(job, Cancel));
        Assert.Equal(JobState.Cancelled, await store.CancelJobAsync(job, Cancel));
        Assert.Null(await store.CancelJobAsync(long.MaxValue, Cancel));
        Assert.Null(await store.ClaimChunkAsync("worker-b", TimeSpan.FromSeconds(30), Cancel));
        var rows = await store.ChunkRowsAsync(held, Cancel);
        Assert.False(await store.CompleteChunkAsync(held, "worker-a", [.. rows.Select(r => BatchWorker.Screen(corpus, r, ScreeningConfiguration.For("kyc")))], Cancel));
        Assert.False(await store.RenewLeaseAsync(held.ChunkId, "worker-a", TimeSpan.FromSeconds(30), Cancel));

        var cancelled = (await store.GetJobAsync(job, Cancel))!;
        Assert.Equal((JobState.Cancelled, 0L, null), (cancelled.State, cancelled.Screened, cancelled.ResultHash));
        Assert.NotNull(cancelled.Run.FinishedAt);
    }

    [Fact]
    public async Task Result_tables_show_formula_cells_as_text_in_csv_and_xlsx()
    {
        var (store, corpus) = shared.Value;
        var job = await Submit(BatchFile());
        await new BatchWorker(store, () => corpus, TimeSpan.FromSeconds(30)).DrainAsync(untilFinished: true, Cancel);

        using var csv = new MemoryStream();
        await JobResultWriter.WriteAsync(store, job, csv, JobResultFormat.Csv, Cancel);
        var lines = Encoding.UTF8.GetString(csv.ToArray()).Split('\n');
        Assert.Equal(string.Join(",", JobResultWriter.Columns), lines[0]);
        Assert.StartsWith("6,7,'=cmd|' /C calc'!A0,\"'=HYPERLINK(\"\"http://x\"\")\",no_hit,", lines[6], StringComparison.Ordinal);
        Assert.StartsWith("7,8,b7,'@SUM(1+1),", lines[7], StringComparison.Ordinal);
        Assert.StartsWith("2,3,b2,Halimov Gulmurod,hit,1,1,un-sc:QDi.372,un-sc:QDi.372,", lines[2], StringComparison.Ordinal);

        var xlsx = StoreFactory.NewFilePath("results", ".xlsx");
        await using (var file = File.Create(xlsx))
        {
            await JobResultWriter.WriteAsync(store, job, file, JobResultFormat.Xlsx, Cancel);
        }
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        await using var stream = File.OpenRead(xlsx);
        using var reader = ExcelReaderFactory.CreateOpenXmlReader(stream);
        var table = new List<object?[]>();
        while (reader.Read())
        {
            table.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetValue).ToArray());
        }
        Assert.Equal(9, table.Count);
        Assert.Equal(JobResultWriter.Columns, table[0].Select(c => (string?)c));
        Assert.Equal(("'=cmd|' /C calc'!A0", "'=HYPERLINK(\"http://x\")"), (table[6][2], table[6][3]));
        Assert.Equal("'@SUM(1+1)", table[7][3]);
        Assert.Equal((2d, "hit", 1d), (table[2][0], table[2][4], table[2][5]));
    }

    [Theory]
    [InlineData("  =1+1", "'  =1+1")]
    [InlineData(" -2+3", "' -2+3")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r@x", "'\r@x")]
    [InlineData("+49 30 1234", "'+49 30 1234")]
    [InlineData("Anna = Anne", "Anna = Anne")]
    [InlineData("   ", "   ")]
    public void A_cell_a_spreadsheet_would_run_as_a_formula_even_after_leading_spaces_is_neutralised(string cell, string written) =>
        Assert.Equal(written, CsvCell.Neutralise(cell));

    [Fact]
    public async Task A_job_resumed_after_a_list_update_is_screened_against_the_snapshots_it_was_submitted_against()
    {
        var (store, corpus) = shared.Value;
        var job = await Submit(BatchFile());
        // A corpus the worker holds that is not the job's (no lists at all): the worker builds the job's own instead.
        var empty = ScreeningCorpus.Load(store, []);
        Assert.False(empty.HasLists);
        await new BatchWorker(store, () => empty, TimeSpan.FromSeconds(30)).DrainAsync(untilFinished: true, Cancel);

        var reference = await Submit(BatchFile());
        await new BatchWorker(store, () => corpus, TimeSpan.FromSeconds(30)).DrainAsync(untilFinished: true, Cancel);
        Assert.Equal((await store.GetJobAsync(reference, Cancel))!.ResultHash, (await store.GetJobAsync(job, Cancel))!.ResultHash);
    }
}

public sealed class SqliteBatchJobTests(SqliteUnListStore shared) : BatchJobTests(shared), IClassFixture<SqliteUnListStore>;

[Needs(SystemPart.PostgreSql)]
public sealed class PostgresBatchJobTests(PostgresUnListStore shared) : BatchJobTests(shared), IClassFixture<PostgresUnListStore>;
