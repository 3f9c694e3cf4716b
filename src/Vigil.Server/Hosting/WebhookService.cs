using Vigil.Core.Webhooks;

namespace Vigil.Server.Hosting;

/// <summary>
/// Sends due webhook messages every few seconds until none is due. Replicas on one PostgreSQL share the work: each
/// delivery is claimed by one of them at a time. A failed round is logged and the next tick tries again.
/// </summary>
internal sealed class WebhookService(WebhookDispatcher dispatcher, ServerOptions options, ILogger<WebhookService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        using var timer = new PeriodicTimer(options.WebhooksEvery);
        do
        {
            try
            {
                await dispatcher.DeliverAllDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "sending webhook messages failed; trying again at the next tick");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
