using Vigil.Core.Storage;
using Vigil.Core.Workflow;

namespace Vigil.Server.Hosting;

/// <summary>
/// Monitoring in the background: whenever the index in use holds the snapshots that queued work is about (an import
/// by this server or another process, a link decision, a scheduled full re-screen), the subjects it can affect are
/// re-screened and the alert rules applied. Checks as often as the index is refreshed; a failed pass is logged and
/// its work stays queued for the next.
/// </summary>
internal sealed class MonitoringService(
    VigilStore store,
    ScreeningIndexHost host,
    ServerOptions options,
    ILogger<MonitoringService> logger) : BackgroundService
{
    private const string Actor = "monitor";

    /// <summary>How often the full re-screen's schedule is checked: it counts every subject, too much for each refresh tick.</summary>
    private static readonly TimeSpan ScheduleCheckEvery = TimeSpan.FromMinutes(10);

    private DateTimeOffset _nextScheduleCheck = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        using var timer = new PeriodicTimer(options.RefreshEvery);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "monitoring failed; its work stays queued for the next pass");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        if (host.Current is not { Corpus.HasLists: true } loaded)
        {
            return;
        }
        var now = DateTimeOffset.UtcNow;
        if (options.FullRescreenEvery is { } every && now >= _nextScheduleCheck)
        {
            _nextScheduleCheck = now + ScheduleCheckEvery;
            await SubjectMonitor.ScheduleFullRescreenAsync(store, every, now, cancellationToken);
        }
        var monitor = new SubjectMonitor(store, loaded.Corpus, Actor);
        if ((await monitor.ReadyWorkAsync(cancellationToken)).Count == 0)
        {
            return;
        }
        var report = await monitor.RunAsync(cancellationToken: cancellationToken);
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("monitoring ({Kind}): {Screened} of {Monitored} subjects screened, {Alerts} alerts raised in {Seconds:F1} s",
                WorkflowNames.Name(report.Kind), report.Screened, report.MonitoredSubjects, report.AlertsRaised, report.Elapsed.TotalSeconds);
        }
    }
}
