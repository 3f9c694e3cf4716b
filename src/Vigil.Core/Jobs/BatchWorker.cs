using Vigil.Core.Screening;
using Vigil.Core.Storage;
using Vigil.Core.Workflow;

namespace Vigil.Core.Jobs;

/// <summary>
/// Screens batch jobs chunk by chunk: claims a chunk, renews its lease while screening its rows with
/// <see cref="SubjectScreener"/>, and commits the results with the chunk's completion. Each job is screened against
/// the snapshot set its run recorded, so a job resumed after a list update still answers for the lists it was
/// submitted against. Several workers (threads or processes) may share the store.
/// </summary>
public sealed class BatchWorker
{
    private readonly VigilStore _store;
    private readonly Func<ScreeningCorpus?> _current;
    private readonly TimeSpan _lease;
    private readonly Dictionary<long, (string Profile, string Key)> _jobs = [];
    private (string Key, ScreeningCorpus Corpus)? _pinned;

    /// <param name="current">The corpus the process already holds (the server's index), used when its snapshot set is the job's; may return null.</param>
    /// <param name="lease">How long a claimed chunk stays this worker's without renewal; renewed every third of it.</param>
    public BatchWorker(VigilStore store, Func<ScreeningCorpus?> current, TimeSpan lease, string? id = null)
    {
        _store = store;
        _current = current;
        _lease = lease;
        Id = id ?? $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";
    }

    /// <summary>This worker's name in <c>job_chunks.claimed_by</c>.</summary>
    public string Id { get; }

    /// <summary>Rows committed by this worker so far.</summary>
    public long RowsDone { get; private set; }

    /// <summary>Chunks committed by this worker so far.</summary>
    public int ChunksDone { get; private set; }

    /// <summary>
    /// Claims and screens chunks until none is claimable. With <paramref name="untilFinished"/> it then waits for the
    /// chunks other workers hold, taking over any whose lease runs out, and returns when every queued or running job is
    /// finished; otherwise it returns at once. Returns the number of chunks this call committed.
    /// </summary>
    public async Task<int> DrainAsync(bool untilFinished, CancellationToken cancellationToken = default)
    {
        var before = ChunksDone;
        while (true)
        {
            if (await TryOneAsync(cancellationToken))
            {
                continue;
            }
            if (!untilFinished || await _store.OpenChunksAsync(cancellationToken) == 0)
            {
                return ChunksDone - before;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(500, _lease.TotalMilliseconds / 4)), cancellationToken);
        }
    }

    /// <summary>Claims one chunk and screens it; false when no chunk was claimable (true also when the chunk's lease was lost meanwhile).</summary>
    public async Task<bool> TryOneAsync(CancellationToken cancellationToken = default)
    {
        if (await _store.ClaimChunkAsync(Id, _lease, cancellationToken) is not { } chunk)
        {
            return false;
        }
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var renewing = new CancellationTokenSource();
        var renewal = RenewAsync(chunk, lost, renewing.Token);
        try
        {
            var (profile, corpus) = await CorpusAsync(chunk.JobId, lost.Token);
            var configuration = ScreeningConfiguration.For(profile);
            var rows = await _store.ChunkRowsAsync(chunk, lost.Token);
            var results = new JobRowResult[rows.Count];
            await Task.Run(() => Parallel.For(0, rows.Count, new ParallelOptions { CancellationToken = lost.Token }, i => results[i] = Screen(corpus, rows[i], configuration)), lost.Token);
            await renewing.CancelAsync();
            await renewal;
            if (lost.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return true;
            }
            if (await _store.CompleteChunkAsync(chunk, Id, results, cancellationToken))
            {
                RowsDone += results.Length;
                ChunksDone++;
            }
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The lease was lost (the job cancelled, or the chunk taken over after a stall): another worker owns the rows.
            return true;
        }
        finally
        {
            await renewing.CancelAsync();
            await renewal;
        }
    }

    /// <summary>One row's result: its screening against the job's lists, or an error result when its fields no longer read.</summary>
    internal static JobRowResult Screen(ScreeningCorpus corpus, JobRow row, ScreeningConfiguration configuration)
    {
        string? error = row.Error;
        if (row.Input is null || SubjectFields.TryCreate(row.Input, out error) is not { } fields)
        {
            return new JobRowResult(row.Row, row.Line, row.Reference, row.Input?.Names is [var first, ..] ? first : null, ScreeningOutcome.Error, null, null, [], error);
        }
        var screening = SubjectScreener.Screen(corpus, fields, configuration);
        var hits = screening.Hits.Select(h => new JobHit(h.EntityId, corpus.Entity(h.EntityId).Caption, h.RecordIds, h.Score, h.Band, h.ExplanationHash)).ToList();
        return new JobRowResult(row.Row, row.Line, row.Reference, row.Input.Names[0], screening.Outcome, SubjectInputHash.Compute(fields), screening.TopScore, hits, null);
    }

    private async Task RenewAsync(ChunkClaim chunk, CancellationTokenSource lost, CancellationToken stop)
    {
        try
        {
            using var timer = new PeriodicTimer(_lease / 3);
            while (await timer.WaitForNextTickAsync(stop))
            {
                if (!await _store.RenewLeaseAsync(chunk.ChunkId, Id, _lease, stop))
                {
                    await lost.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Screening finished (or the worker stopped): no more renewals.
        }
    }

    private async Task<(string Profile, ScreeningCorpus Corpus)> CorpusAsync(long job, CancellationToken cancellationToken)
    {
        if (!_jobs.TryGetValue(job, out var known))
        {
            var (_, profile, snapshots) = await _store.JobContextAsync(job, cancellationToken);
            known = (profile, Key(snapshots));
            _jobs[job] = known;
        }
        if (_current() is { } current && Key(current.Snapshots.Select(s => s.Snapshot)) == known.Key)
        {
            return (known.Profile, current);
        }
        if (_pinned is not { } pinned || pinned.Key != known.Key)
        {
            var ids = known.Key.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).ToList();
            pinned = (known.Key, await Task.Run(() => ScreeningCorpus.Load(_store, ids), cancellationToken));
            _pinned = pinned;
        }
        return (known.Profile, pinned.Corpus);
    }

    private static string Key(IEnumerable<long> snapshots) =>
        string.Join(",", snapshots.Order().Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
