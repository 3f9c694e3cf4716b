using Vigil.Core.Jobs;
using Vigil.Core.Storage;

namespace Vigil.Server.Hosting;

/// <summary>
/// The server's in-process batch worker: claims queued chunks from the store (also those of jobs another process
/// submitted, and those a killed process left once their lease ends) and screens them with the index the server
/// holds, or with the job's own snapshot set when the lists have moved on since it was submitted.
/// </summary>
internal sealed class BatchWorkerService(VigilStore store, ScreeningIndexHost host, ILogger<BatchWorkerService> logger) : BackgroundService
{
    /// <summary>How often an idle worker looks for queued chunks.</summary>
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var worker = new BatchWorker(store, () => host.Current?.Corpus, BatchJobs.DefaultLease);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (host.Current is null || !await worker.TryOneAsync(stoppingToken))
                {
                    await Task.Delay(PollEvery, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "batch worker {Worker}: a chunk failed; its lease runs out and it is claimed again", worker.Id);
                await Task.Delay(PollEvery * 4, stoppingToken);
            }
        }
    }
}
