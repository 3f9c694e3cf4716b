using System.Diagnostics;
using Prometheus;
using Vigil.Core.Screening;
using Vigil.Core.Storage;

namespace Vigil.Server.Hosting;

/// <summary>
/// The screening index every request reads. A new one is built beside the current one and swapped in with one
/// reference write, so a request sees either the old index or the new one, never a half-built one.
/// </summary>
public sealed class ScreeningIndexHost
{
    private volatile LoadedCorpus? _current;

    /// <summary>The index with what it was built from; null until the first build finishes.</summary>
    public LoadedCorpus? Current => _current;

    public bool Ready => _current is not null;

    internal void Swap(LoadedCorpus corpus) => _current = corpus;
}

/// <summary>A built index, the store generation it reflects and when it was built.</summary>
public sealed record LoadedCorpus(ScreeningCorpus Corpus, string Generation, DateTimeOffset BuiltAt, TimeSpan BuildTime)
{
    internal EntityPropertiesCache Properties { get; } = new(ServerDefaults.PropertiesCacheEntries);
}

/// <summary>
/// Builds the index at start and rebuilds it whenever another process imports a snapshot or changes a link, checking
/// the store's generation every few seconds. A failed rebuild keeps the current index and is logged.
/// </summary>
internal sealed class IndexRefresher(
    VigilStore store,
    ScreeningIndexHost host,
    ServerOptions options,
    ServerMetrics metrics,
    ILogger<IndexRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Yield first, so the host starts listening (and /readyz answers false) while the first index is built.
        await Task.Yield();
        using var timer = new PeriodicTimer(options.RefreshEvery);
        do
        {
            try
            {
                await Task.Run(RefreshIfChanged, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "rebuilding the screening index failed; the current index stays in use");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Rebuilds when the store has changed since the current index; true when it did.</summary>
    public bool RefreshIfChanged()
    {
        var generation = store.ScreeningGeneration();
        if (host.Current?.Generation == generation)
        {
            return false;
        }
        var clock = Stopwatch.StartNew();
        var corpus = ScreeningCorpus.Load(store);
        var loaded = new LoadedCorpus(corpus, generation, DateTimeOffset.UtcNow, clock.Elapsed);
        host.Swap(loaded);
        metrics.IndexBuilt(loaded, store);
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("screening index built: {Entities} entities, {Names} names from {Snapshots} snapshots in {Ms:F0} ms",
                corpus.EntityCount, corpus.Index.NameCount, corpus.Snapshots.Count, clock.Elapsed.TotalMilliseconds);
        }
        return true;
    }
}

/// <summary>The server's own Prometheus metrics, in a registry of its own so that two servers in one process stay apart.</summary>
public sealed class ServerMetrics
{
    private readonly Gauge _entities;
    private readonly Gauge _names;
    private readonly Gauge _buildSeconds;
    private readonly Gauge _snapshotImported;
    private readonly Gauge _snapshotAge;
    private readonly Gauge _maxAge;
    private readonly Gauge _stale;
    private readonly Counter _swaps;
    private readonly ListFreshness _freshness;
    private Dictionary<string, DateTimeOffset> _imported = [];
    private IReadOnlyList<ScreenedSnapshot> _snapshots = [];

    public ServerMetrics(ServerOptions options)
    {
        _freshness = options.Freshness;
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        _entities = factory.CreateGauge("vigil_index_entities", "Canonical entities in the screening index");
        _names = factory.CreateGauge("vigil_index_names", "Names in the screening index");
        _buildSeconds = factory.CreateGauge("vigil_index_build_seconds", "Time the current index took to build");
        _swaps = factory.CreateCounter("vigil_index_swaps_total", "Indexes built and swapped in since start");
        _snapshotImported = factory.CreateGauge("vigil_snapshot_imported_timestamp_seconds",
            "When the latest snapshot of each source was imported (Unix time); age = time() - value", "source");
        _snapshotAge = factory.CreateGauge("vigil_snapshot_age_seconds", "Seconds since the latest snapshot of each source was imported", "source");
        _maxAge = factory.CreateGauge("vigil_list_max_age_seconds", "The most each source's list may age before it is stale (--max-list-age); absent when unlimited", "source");
        _stale = factory.CreateGauge("vigil_list_stale", "1 while the list in use of a source is older than its maximum age (/readyz answers 503), else 0", "source");
        Registry.AddBeforeCollectCallback(UpdateAges);
    }

    public CollectorRegistry Registry { get; }

    internal void IndexBuilt(LoadedCorpus loaded, VigilStore store)
    {
        _entities.Set(loaded.Corpus.EntityCount);
        _names.Set(loaded.Corpus.Index.NameCount);
        _buildSeconds.Set(loaded.BuildTime.TotalSeconds);
        _swaps.Inc();
        var imported = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var source in store.Lists())
        {
            if (DateTimeOffset.TryParse(source.Snapshots[^1].ImportedAt, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal, out var at))
            {
                imported[source.Source] = at;
                _snapshotImported.WithLabels(source.Source).Set(at.ToUnixTimeSeconds());
            }
        }
        _imported = imported;
        _snapshots = loaded.Corpus.Snapshots;
    }

    private void UpdateAges()
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var (source, at) in _imported)
        {
            _snapshotAge.WithLabels(source).Set((now - at).TotalSeconds);
        }
        foreach (var age in _freshness.Check(_snapshots))
        {
            if (age.MaxAge is { } max)
            {
                _maxAge.WithLabels(age.Snapshot.Source).Set(max.TotalSeconds);
            }
            _stale.WithLabels(age.Snapshot.Source).Set(age.Stale ? 1 : 0);
        }
    }
}
