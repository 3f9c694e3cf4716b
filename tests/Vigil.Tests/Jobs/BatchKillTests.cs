using System.Diagnostics;
using Dapper;
using Vigil.Cli;
using Vigil.Core.Jobs;
using Vigil.Core.Storage;
using Vigil.Tests.Storage;

namespace Vigil.Tests.Jobs;

/// <summary>
/// The real <c>vigil</c> program killed with SIGKILL in the middle of a batch job: <c>vigil batch work</c> takes over its
/// chunk once the lease runs out, and the finished job's results are byte for byte those of an uninterrupted run,
/// every row once. On SQLite and PostgreSQL.
/// </summary>
public sealed class BatchKillTests
{
    private const int Rows = 600;
    private const int ChunkRows = 10;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public async Task A_job_killed_mid_run_resumes_and_ends_with_the_results_of_an_uninterrupted_run(StoreKind kind)
    {
        var spec = StoreFactory.NewSpec(kind);
        var store = VigilStore.Open(spec);
        store.Import(TestData.Path("un/consolidated.xml"), cancellationToken: Cancel);
        var file = RowsFile(store);

        var submit = Start("batch", "submit", file, "--profile", "kyc", "--chunk-rows", $"{ChunkRows}", "--lease-seconds", "2", "--db", spec);
        long doneAtKill, heldAtKill;
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (await Chunks(store, "done") < 3)
            {
                if (submit.HasExited)
                {
                    Assert.Fail($"vigil batch submit ended before it was killed (exit {submit.ExitCode}): {await submit.StandardError.ReadToEndAsync(Cancel)}");
                }
                Assert.True(DateTime.UtcNow < deadline, "vigil batch submit committed no three chunks within 120 s");
                await Task.Delay(20, Cancel);
            }
        }
        finally
        {
            // Process.Kill is SIGKILL on Linux: no handler runs, no lease is given back.
            submit.Kill();
            await submit.WaitForExitAsync(Cancel);
            submit.Dispose();
        }
        doneAtKill = await Chunks(store, "done");
        heldAtKill = await Chunks(store, "claimed");
        const int total = (Rows + 3 + ChunkRows - 1) / ChunkRows;
        Assert.InRange(doneAtKill, 3, total - 1);
        var killed = Assert.Single(await store.ListJobsAsync(10, Cancel));
        Assert.Equal(JobState.Running, killed.State);

        var resume = await Vigil("batch", "work", "--lease-seconds", "2", "--db", spec);
        Assert.True(resume.Exit == 0, resume.Error);
        await using (var connection = store.Connect())
        {
            // The chunk the killed process held was screened again, by the new worker, and committed once.
            Assert.Equal(heldAtKill, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM job_chunks WHERE job_id = @job AND attempts > 1", new { job = killed.Id }));
        }

        var again = await Vigil("batch", "submit", file, "--profile", "kyc", "--chunk-rows", $"{ChunkRows}", "--json", "--db", spec);
        Assert.True(again.Exit == 0, again.Error);
        var jobs = await store.ListJobsAsync(10, Cancel);
        Assert.Equal(2, jobs.Count);
        var (uninterrupted, resumed) = (jobs[0], jobs[1]);
        Assert.Equal((JobState.Done, JobState.Done), (resumed.State, uninterrupted.State));
        Assert.Equal(uninterrupted.ResultHash, resumed.ResultHash);
        var lines = await Lines(store, resumed.Id);
        Assert.Equal(await Lines(store, uninterrupted.Id), lines);
        Assert.Equal(Enumerable.Range(1, Rows + 3).Select(i => (long)i), lines.Select(l => JobRowResult.FromJson(l).Row));
        Assert.Equal(Rows + 1L, resumed.Screened);
        Assert.Contains(lines, l => l.Contains("un-sc:QDi.372", StringComparison.Ordinal));
    }

    /// <summary>Rows of real listed names (so many rows hit), some with a birth date, and two rows the reader rejects.</summary>
    private static string RowsFile(VigilStore store)
    {
        using var connection = store.Connect();
        var names = connection.Query<string>("SELECT full_name FROM names ORDER BY record_id, name_key").ToList();
        var path = StoreFactory.NewFilePath("kill", ".csv");
        var lines = new List<string> { "id,name,dob", "kq,Gulmurod Khalimov,1975" };
        for (var i = 0; i < Rows; i++)
        {
            lines.Add($"k{i},\"{names[(i * 7) % names.Count].Replace("\"", "\"\"", StringComparison.Ordinal)}\",{(i % 3 == 0 ? "1975" : "")}");
            if (i == 100 || i == 400)
            {
                lines.Add($"k{i}x,,1980");
            }
        }
        File.WriteAllLines(path, lines);
        return path;
    }

    private static async Task<long> Chunks(VigilStore store, string state)
    {
        await using var connection = store.Connect();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM job_chunks WHERE state = @state", new { state });
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

    private static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "vigil.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.Environment["VIGIL_DB"] = null;
        var process = Process.Start(start)!;
        process.StandardInput.Close();
        return process;
    }

    private static async Task<(int Exit, string Out, string Error)> Vigil(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(180));
        var exit = await VigilCommand.RunAsync(args, stdout, stderr).WaitAsync(timeout.Token);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
