using Vigil.Core.Storage;

namespace Vigil.Server.Hosting;

/// <summary>
/// Signs an audit checkpoint on a schedule whenever the log has grown since the last one, so that the log is
/// never far ahead of a signed statement of its root. A failed signing is logged and tried again at the next tick.
/// </summary>
internal sealed class CheckpointService(VigilStore store, AuditKeyHolder keys, ServerOptions options, ILogger<CheckpointService> logger) : BackgroundService
{
    private const string Actor = "checkpointer";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        if (keys.Key is not { } key)
        {
            logger.LogWarning("no audit signing key: {Reason}; no checkpoint is signed until one is given", keys.Missing);
            return;
        }
        using var timer = new PeriodicTimer(options.CheckpointEvery);
        do
        {
            try
            {
                var latest = await store.LatestCheckpointAsync(stoppingToken);
                var size = await store.AuditSizeAsync(stoppingToken);
                // The checkpoint's own entry is the one entry a fresh checkpoint leaves uncovered.
                if (latest is null || size > latest.TreeSize + 1)
                {
                    var checkpoint = await store.SignCheckpointAsync(key, Actor, stoppingToken);
                    if (logger.IsEnabled(LogLevel.Information))
                    {
                        logger.LogInformation("audit checkpoint signed: {Size} entries, root {Root}", checkpoint.TreeSize, Convert.ToBase64String(checkpoint.Root));
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "signing an audit checkpoint failed; trying again at the next tick");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
