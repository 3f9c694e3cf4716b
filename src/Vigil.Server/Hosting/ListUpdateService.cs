using Vigil.Core.Sources;
using Vigil.Core.Storage;

namespace Vigil.Server.Hosting;

/// <summary>
/// <c>--update-every</c>: fetches every list from its publisher on a schedule, as <c>vigil update</c> does; the
/// index refresher then picks up what was imported. Quarantined or failed downloads are logged, never imported.
/// </summary>
internal sealed class ListUpdateService(VigilStore store, ServerOptions options, IHttpClientFactory http, ILogger<ListUpdateService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.UpdateEvery is not { } every)
        {
            return;
        }
        var catalog = options.Catalog is null ? SourceCatalog.BuiltIn : SourceCatalog.Load(options.Catalog);
        using var timer = new PeriodicTimer(every);
        do
        {
            var updater = new ListUpdater(store, http.CreateClient(nameof(ListUpdateService)),
                options.Downloads is null ? null : new UpdateOptions { DownloadDirectory = options.Downloads });
            foreach (var entry in catalog.Entries)
            {
                try
                {
                    var outcome = await updater.UpdateAsync(entry, stoppingToken);
                    var level = outcome.Status is UpdateStatus.Quarantined or UpdateStatus.Failed ? LogLevel.Warning : LogLevel.Information;
                    if (logger.IsEnabled(level))
                    {
                        logger.Log(level, "update {Source}: {Status} {Message}", outcome.Source, outcome.Status, outcome.Message);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "update {Source} failed", entry.Source);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
