using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Vigil.Core.Audit;
using Vigil.Core.Jobs;
using Vigil.Core.Workflow;

namespace Vigil.Core.Storage;

/// <summary>
/// Batch jobs: a job's input rows, its chunks with a lease each, and the result rows each chunk commits in the same
/// transaction that marks it done, so a row's result exists exactly once whatever process dies when.
/// </summary>
public sealed partial class VigilStore
{
    /// <summary>Rejected rows a job's status lists; the result file has them all.</summary>
    public const int JobRejectionsShown = 100;

    /// <summary>
    /// Stores a job over <paramref name="rows"/> (read once, streaming) in one transaction: the input rows, the
    /// rejected rows' results (an error line each), and chunks of <paramref name="chunkRows"/> rows. A job without
    /// rows is done at once.
    /// </summary>
    internal async Task<long> InsertJobAsync(long run, string fileName, string fileHash, string profile, string actor, IEnumerable<SubjectRow> rows, int chunkRows, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        var now = Clock.NowText();
        var job = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO jobs (kind, run_id, state, file_name, file_hash, profile, created_by, created_at, finished_at, row_count, rejected, chunk_count, result_hash)
            VALUES ('batch', @run, @state, @fileName, @fileHash, @profile, @actor, @now, NULL, 0, 0, 0, NULL) RETURNING id
            """,
            new { run, state = Text(JobState.Queued), fileName, fileHash, profile, actor, now }, transaction, cancellationToken: cancellationToken));
        long count = 0, rejected = 0;
        using (var inputs = new BatchInserter(connection, transaction, "job_rows", "job_id", "row_no", "line", "reference", "input", "error"))
        using (var results = new BatchInserter(connection, transaction, "job_results", "job_id", "row_no", "outcome", "top_score", "result"))
        {
            foreach (var row in rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                count++;
                var reference = row.Input?.Reference.Trim() ?? "";
                inputs.Add(job, count, row.Line, reference, row.Input is null ? null : JsonSerializer.Serialize(row.Input, WorkflowJson.Compact), row.Error);
                if (row.Input is null)
                {
                    rejected++;
                    var result = new JobRowResult(count, row.Line, reference, null, ScreeningOutcome.Error, null, null, [], row.Error);
                    results.Add(job, count, Text(ScreeningOutcome.Error), null, result.ToJson());
                }
            }
            inputs.Flush();
            results.Flush();
        }
        var chunks = (int)((count + chunkRows - 1) / chunkRows);
        using (var inserter = new BatchInserter(connection, transaction, "job_chunks", "job_id", "seq", "first_row", "row_count", "state", "claimed_by", "lease_until", "attempts", "done_at"))
        {
            for (var seq = 0; seq < chunks; seq++)
            {
                var first = 1 + ((long)seq * chunkRows);
                inserter.Add(job, seq, first, (int)Math.Min(chunkRows, count - first + 1), Text(ChunkState.Pending), null, null, 0, null);
            }
            inserter.Flush();
        }
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE jobs SET row_count = @count, rejected = @rejected, chunk_count = @chunks WHERE id = @job",
            new { job, count, rejected, chunks }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE screening_runs SET errors = errors + @rejected WHERE id = @run", new { run, rejected }, transaction, cancellationToken: cancellationToken));
        if (chunks == 0)
        {
            await FinishJobAsync(connection, transaction, job, run, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return job;
    }

    /// <summary>
    /// Claims the next chunk no one holds: a pending one, or one whose holder's lease has run out (a killed worker).
    /// One statement; on PostgreSQL the candidate row is locked with <c>FOR UPDATE SKIP LOCKED</c>, so workers in
    /// several processes never claim the same chunk nor wait on each other; on SQLite the write lock serialises them.
    /// </summary>
    internal async Task<ChunkClaim?> ClaimChunkAsync(string worker, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        var now = DateTimeOffset.UtcNow;
        var claim = await connection.QuerySingleOrDefaultAsync<(long Id, long Job, long Seq, long First, long Count, long Attempts)?>(new CommandDefinition(
            $"""
            UPDATE job_chunks SET state = @claimed, claimed_by = @worker, lease_until = @until, attempts = attempts + 1
            WHERE id = (
                SELECT c.id FROM job_chunks c JOIN jobs j ON j.id = c.job_id
                WHERE j.state IN (@queued, @running)
                  AND (c.state = @pending OR (c.state = @claimed AND c.lease_until < @now))
                ORDER BY c.job_id, c.seq
                LIMIT 1{(Kind == StoreKind.Postgres ? " FOR UPDATE OF c SKIP LOCKED" : "")})
            RETURNING id, job_id, seq, first_row, row_count, attempts
            """,
            new
            {
                worker,
                now = Clock.Text(now),
                until = Clock.Text(now + lease),
                claimed = Text(ChunkState.Claimed),
                pending = Text(ChunkState.Pending),
                queued = Text(JobState.Queued),
                running = Text(JobState.Running),
            },
            transaction, cancellationToken: cancellationToken));
        if (claim is not { } c)
        {
            return null;
        }
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE jobs SET state = @running WHERE id = @job AND state = @queued",
            new { job = c.Job, running = Text(JobState.Running), queued = Text(JobState.Queued) }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new ChunkClaim(c.Id, c.Job, (int)c.Seq, c.First, (int)c.Count, (int)c.Attempts);
    }

    /// <summary>Extends a held chunk's lease; false when the worker no longer holds it (taken over, or the job cancelled).</summary>
    internal async Task<bool> RenewLeaseAsync(long chunk, string worker, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE job_chunks SET lease_until = @until WHERE id = @chunk AND claimed_by = @worker AND state = @claimed",
            new { chunk, worker, until = Clock.Text(DateTimeOffset.UtcNow + lease), claimed = Text(ChunkState.Claimed) },
            cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>What a worker needs to screen a job's rows: its run, profile and the snapshot set the run recorded.</summary>
    internal async Task<(long Run, string Profile, IReadOnlyList<long> Snapshots)> JobContextAsync(long job, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var (run, profile) = await connection.QuerySingleAsync<(long Run, string Profile)>(new CommandDefinition(
            "SELECT run_id, profile FROM jobs WHERE id = @job", new { job }, cancellationToken: cancellationToken));
        var snapshots = await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT snapshot_id FROM screening_run_snapshots WHERE run_id = @run ORDER BY snapshot_id", new { run }, cancellationToken: cancellationToken));
        return (run, profile, [.. snapshots]);
    }

    /// <summary>A chunk's input rows that were read (rejected rows have their results already).</summary>
    internal async Task<List<JobRow>> ChunkRowsAsync(ChunkClaim chunk, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Row, long Line, string Reference, string Input)>(new CommandDefinition(
            "SELECT row_no, line, reference, input FROM job_rows WHERE job_id = @job AND row_no >= @first AND row_no < @end AND input IS NOT NULL ORDER BY row_no",
            new { job = chunk.JobId, first = chunk.FirstRow, end = chunk.FirstRow + chunk.RowCount }, cancellationToken: cancellationToken));
        return rows.Select(r => new JobRow(r.Row, r.Line, r.Reference, JsonSerializer.Deserialize<SubjectInput>(r.Input, WorkflowJson.Compact), null)).ToList();
    }

    /// <summary>
    /// Commits a chunk's results and marks it done, in one transaction, only while <paramref name="worker"/> still
    /// holds it: a worker whose lease ran out and was taken over writes nothing (false), so every row is stored once.
    /// The last chunk of a job finishes it: the result file's SHA-256 is recorded and the run marked finished.
    /// </summary>
    internal async Task<bool> CompleteChunkAsync(ChunkClaim chunk, string worker, IReadOnlyList<JobRowResult> results, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        var run = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            // The job row is locked first, so two workers finishing a job's last two chunks at once take turns and the
            // second sees the first's chunk done.
            "SELECT run_id FROM jobs WHERE id = @job" + (Kind == StoreKind.Postgres ? " FOR UPDATE" : ""),
            new { job = chunk.JobId }, transaction, cancellationToken: cancellationToken));
        var now = Clock.NowText();
        var held = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE job_chunks SET state = @done, done_at = @now, lease_until = NULL WHERE id = @chunk AND claimed_by = @worker AND state = @claimed",
            new { chunk = chunk.ChunkId, worker, now, done = Text(ChunkState.Done), claimed = Text(ChunkState.Claimed) },
            transaction, cancellationToken: cancellationToken));
        if (held != 1)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }
        using (var inserter = new BatchInserter(connection, transaction, "job_results", "job_id", "row_no", "outcome", "top_score", "result"))
        {
            foreach (var r in results)
            {
                inserter.Add(chunk.JobId, r.Row, Text(r.Outcome), r.TopScore, r.ToJson());
            }
            inserter.Flush();
        }
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE screening_runs SET screened = screened + @screened, hits = hits + @hits WHERE id = @run",
            new { run, screened = results.Count, hits = results.Count(r => r.Hits.Count > 0) }, transaction, cancellationToken: cancellationToken));
        var open = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM job_chunks WHERE job_id = @job AND state <> @done",
            new { job = chunk.JobId, done = Text(ChunkState.Done) }, transaction, cancellationToken: cancellationToken));
        if (open == 0)
        {
            await FinishJobAsync(connection, transaction, chunk.JobId, run, cancellationToken);
        }
        await CommitAsync(connection, transaction, cancellationToken);
        return true;
    }

    /// <summary>Records the result file's SHA-256 (each result line and a line feed, in row order) and marks the job and its run finished.</summary>
    private static async Task FinishJobAsync(DbConnection connection, DbTransaction transaction, long job, long run, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // Each result line is also a leaf of the result file's Merkle tree, so one row's result is provable from the seal.
        var tree = new MerkleAccumulator();
        var lines = connection.QueryUnbufferedAsync<string>(
            "SELECT result FROM job_results WHERE job_id = @job ORDER BY row_no", new { job }, transaction);
        await foreach (var line in lines.WithCancellation(cancellationToken))
        {
            var bytes = Encoding.UTF8.GetBytes(line);
            hash.AppendData(bytes);
            hash.AppendData("\n"u8);
            tree.Add(AuditHashes.Leaf(bytes));
        }
        var now = Clock.NowText();
        var resultHash = Convert.ToHexStringLower(hash.GetHashAndReset());
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE jobs SET state = @done, finished_at = @now, result_hash = @hash WHERE id = @job",
            new { job, now, done = Text(JobState.Done), hash = resultHash }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE screening_runs SET finished_at = @now WHERE id = @run", new { run, now }, transaction, cancellationToken: cancellationToken));
        var file = await connection.QuerySingleAsync<(string Name, string Hash)>(new CommandDefinition(
            "SELECT file_name, file_hash FROM jobs WHERE id = @job", new { job }, transaction, cancellationToken: cancellationToken));
        await SealRunAsync(connection, transaction, run, new Dictionary<string, object?>
        {
            ["job"] = job,
            ["input_file"] = file.Name,
            ["input_sha256"] = file.Hash,
            ["result_rows"] = tree.Count,
            ["result_sha256"] = resultHash,
            ["result_root"] = Convert.ToBase64String(tree.Root()),
        }, cancellationToken);
    }

    /// <summary>
    /// Cancels a queued or running job: its unfinished chunks are not screened, and a chunk being screened is not
    /// committed. Returns the job's state before (a done or cancelled job stays as it is), or null for no such job.
    /// </summary>
    public async Task<JobState?> CancelJobAsync(long job, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(string State, long Run)?>(new CommandDefinition(
            "SELECT state, run_id FROM jobs WHERE id = @job" + (Kind == StoreKind.Postgres ? " FOR UPDATE" : ""),
            new { job }, transaction, cancellationToken: cancellationToken));
        if (row is not { } r)
        {
            return null;
        }
        var state = Parse<JobState>(r.State);
        if (state is JobState.Queued or JobState.Running)
        {
            var now = Clock.NowText();
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE jobs SET state = @cancelled, finished_at = @now WHERE id = @job",
                new { job, now, cancelled = Text(JobState.Cancelled) }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE job_chunks SET state = @cancelled, lease_until = NULL WHERE job_id = @job AND state <> @done",
                new { job, cancelled = Text(ChunkState.Cancelled), done = Text(ChunkState.Done) }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE screening_runs SET finished_at = @now WHERE id = @run", new { run = r.Run, now }, transaction, cancellationToken: cancellationToken));
        }
        await transaction.CommitAsync(cancellationToken);
        return state;
    }

    /// <summary>Chunks of queued or running jobs that are not done: pending, or held under a lease (perhaps by a dead worker).</summary>
    internal async Task<long> OpenChunksAsync(CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM job_chunks c JOIN jobs j ON j.id = c.job_id WHERE j.state IN (@queued, @running) AND c.state IN (@pending, @claimed)",
            new { queued = Text(JobState.Queued), running = Text(JobState.Running), pending = Text(ChunkState.Pending), claimed = Text(ChunkState.Claimed) },
            cancellationToken: cancellationToken));
    }

    /// <summary>A job with its run, progress and first rejected rows; null when unknown.</summary>
    public async Task<Job?> GetJobAsync(long job, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var jobs = await JobsAsync(connection, "j.id = @job", new { job }, 1, cancellationToken);
        if (jobs.Count == 0)
        {
            return null;
        }
        var rejections = await connection.QueryAsync<(long Line, string Reference, string Error)>(new CommandDefinition(
            $"SELECT line, reference, error FROM job_rows WHERE job_id = @job AND error IS NOT NULL ORDER BY row_no LIMIT {JobRejectionsShown}",
            new { job }, cancellationToken: cancellationToken));
        return jobs[0] with { Rejections = [.. rejections.Select(r => new RowIssue(r.Line, r.Reference, r.Error))] };
    }

    /// <summary>The latest jobs, newest first (without their rejected rows).</summary>
    public async Task<IReadOnlyList<Job>> ListJobsAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        return await JobsAsync(connection, "1 = 1", new { }, limit, cancellationToken);
    }

    private static async Task<List<Job>> JobsAsync(DbConnection connection, string where, object args, int limit, CancellationToken cancellationToken)
    {
        var rows = (await connection.QueryAsync<JobRecord>(new CommandDefinition(
            $"""
            SELECT j.id AS Id, j.run_id AS Run, j.state AS State, j.file_name AS FileName, j.file_hash AS FileHash, j.profile AS Profile,
                   j.created_by AS CreatedBy, j.created_at AS CreatedAt, j.finished_at AS FinishedAt, j.row_count AS RowCount,
                   j.rejected AS Rejected, j.chunk_count AS ChunkCount, j.result_hash AS ResultHash,
                   (SELECT COUNT(*) FROM job_chunks c WHERE c.job_id = j.id AND c.state = 'done') AS ChunksDone
            FROM jobs j WHERE {where} ORDER BY j.id DESC LIMIT {limit.ToString(CultureInfo.InvariantCulture)}
            """,
            args, cancellationToken: cancellationToken))).ToList();
        if (rows.Count == 0)
        {
            return [];
        }
        var runs = await RunsAsync(connection, $"id IN ({string.Join(", ", rows.Select(r => r.Run.ToString(CultureInfo.InvariantCulture)))})", new { }, cancellationToken);
        return rows.Select(r =>
        {
            var run = runs[r.Run];
            return new Job(r.Id, Parse<JobState>(r.State), r.FileName, r.FileHash, r.Profile, r.CreatedBy, r.CreatedAt, r.FinishedAt,
                r.RowCount, r.Rejected, run.Screened, run.Hits, (int)r.ChunkCount, (int)r.ChunksDone, r.ResultHash, run, []);
        }).ToList();
    }

    /// <summary>The job's result lines in row order, streamed (rows of chunks not yet done are absent).</summary>
    public async IAsyncEnumerable<string> JobResultLinesAsync(long job, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var lines = connection.QueryUnbufferedAsync<string>("SELECT result FROM job_results WHERE job_id = @job ORDER BY row_no", new { job });
        await foreach (var line in lines.WithCancellation(cancellationToken))
        {
            yield return line;
        }
    }

    /// <summary>A jobs row as Dapper reads it (by column name, converting each engine's integer type).</summary>
    private sealed class JobRecord
    {
        public long Id { get; set; }
        public long Run { get; set; }
        public string State { get; set; } = "";
        public string FileName { get; set; } = "";
        public string FileHash { get; set; } = "";
        public string Profile { get; set; } = "";
        public string CreatedBy { get; set; } = "";
        public string CreatedAt { get; set; } = "";
        public string? FinishedAt { get; set; }
        public long RowCount { get; set; }
        public long Rejected { get; set; }
        public long ChunkCount { get; set; }
        public long ChunksDone { get; set; }
        public string? ResultHash { get; set; }
    }
}
