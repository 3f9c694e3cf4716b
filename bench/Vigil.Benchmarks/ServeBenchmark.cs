using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using nietras.SeparatedValues;
using Vigil.Core.Screening;
using Vigil.Core.Storage;
using Vigil.Matching;
using Vigil.Matching.Screening;
using Vigil.Server;
using Vigil.Server.Api;
using Vigil.Server.Hosting;

namespace Vigil.Benchmarks;

/// <summary>
/// HTTP load on the real server over loopback: <c>POST /match/default</c> with real query names at 1, 16 and 64
/// concurrent clients for a fixed time each, against baselines measured in the same run (<c>GET /healthz</c> at the
/// same concurrency: the HTTP stack and client alone; the in-process screener without HTTP), then the same load while
/// another thread imports changed lists so the server swaps its index under traffic; that run must have no error.
/// </summary>
internal static class ServeBenchmark
{
    private static readonly int[] Concurrencies = [1, 16, 64];
    private static readonly int[] PacedRates = [500, 1000, 2000];
    private const int PacedMaxInFlight = 64;
    private const int SwapConcurrency = 16;
    private const int MinimumSwaps = 2;
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(2);

    /// <summary>The swap run goes on past its duration until this many swaps happened, but never past this.</summary>
    private static readonly TimeSpan SwapRunCap = TimeSpan.FromSeconds(300);

    /// <summary>A request that takes longer than this is counted as an error rather than holding the run open.</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    public static int Run(string[] args)
    {
        var data = args is [var first, ..] && !first.StartsWith("--", StringComparison.Ordinal) ? first : Path.Combine("..", "shared", "data");
        var seconds = int.Parse(BenchSupport.Option(args, "--seconds") ?? "10", CultureInfo.InvariantCulture);
        var lists = BenchSupport.Option(args, "--lists") == "un" ? ["un/consolidated.xml"] : ScreeningBenchmark.Lists;
        var duration = TimeSpan.FromSeconds(seconds);

        // Fail-safe: whatever hangs (a build, a client, the server), the process ends within a bound that every
        // phase fits in with room: store build, 2 x 3 timed runs, the in-process baselines and the capped swap run.
        var limit = TimeSpan.FromMinutes(10) + (duration + Warmup) * 12 + SwapRunCap;
        using var watchdog = new Timer(_ =>
        {
            Console.Error.WriteLine($"serve benchmark: overall time limit of {limit.TotalMinutes:F0} min reached; aborting");
            Environment.Exit(3);
        }, null, limit, Timeout.InfiniteTimeSpan);

        // The server logs through configuration too; Warning keeps index-build lines out of the table.
        Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "Warning");
        var dir = Directory.CreateTempSubdirectory("vigil-bench-serve-");
        try
        {
            return RunAsync(data, lists, duration, Path.Combine(dir.FullName, "vigil.db")).GetAwaiter().GetResult();
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static async Task<int> RunAsync(string data, string[] lists, TimeSpan duration, string db)
    {
        var clock = Stopwatch.StartNew();
        var store = BenchSupport.ImportLists(data, db, lists);
        var importSeconds = clock.Elapsed.TotalSeconds;
        var queries = Queries(data).ToList();
        var bodies = queries.Select(Body).ToArray();

        await using var app = VigilServer.Create(new ServerOptions
        {
            Store = db,
            Urls = ["http://127.0.0.1:0"],
            RefreshEvery = TimeSpan.FromSeconds(1),
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Concurrencies.Max() * 2,
            UseProxy = false,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(address), Timeout = RequestTimeout };
        clock.Restart();
        var ready = await WaitUntilReady(client);
        var host = app.Services.GetRequiredService<ScreeningIndexHost>();
        var corpus = host.Current!.Corpus;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"# serve benchmark: {string.Join(", ", lists)}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"# {corpus.EntityCount:N0} entities, {corpus.Index.NameCount:N0} names; imported in {importSeconds:F1} s, index ready in {ready.TotalSeconds:F1} s; {queries.Count:N0} distinct queries ({queries.Count(q => q.Kind == PartyKind.Organization)} organisations); {Environment.ProcessorCount} cores; {duration.TotalSeconds:F0} s per run after {Warmup.TotalSeconds:F0} s warm-up"));
        Console.WriteLine($"# server at {address}; client and server share this process and its cores");

        // The matcher's hot loops reach their optimised (tier-1) code only after many calls; without this the first
        // /match run measures the JIT, and reads as if HTTP cost as much as screening.
        using (var jit = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await Drive(client, i => MatchRequest(bodies[i % bodies.Length]), Environment.ProcessorCount, jit.Token);
        }
        var match = new Dictionary<int, LoadResult>();
        var health = new Dictionary<int, LoadResult>();
        Console.WriteLine();
        Console.WriteLine($"{"endpoint",-20} {"clients",7} {"requests",9} {"req/s",8} {"p50 ms",8} {"p99 ms",8} {"max ms",8} {"errors",7} {"GC %",5} {"KB/req",7}");
        foreach (var concurrency in Concurrencies)
        {
            health[concurrency] = await Load(client, _ => new HttpRequestMessage(HttpMethod.Get, "/healthz"), concurrency, duration);
            Print("GET /healthz", concurrency, health[concurrency]);
            match[concurrency] = await Load(client, i => MatchRequest(bodies[i % bodies.Length]), concurrency, duration);
            Print("POST /match/default", concurrency, match[concurrency]);
        }

        // The closed-loop rows above hold N requests in flight, so by Little's law their latency is N / throughput:
        // 64 clients can only see p99 <= 10 ms at >= 6,400 requests/s. What a deployment sees at a given traffic is an
        // open-loop run: requests issued at a fixed rate whatever the answers, latency counted from when each was due.
        Console.WriteLine();
        foreach (var rate in PacedRates)
        {
            var paced = await Paced(client, i => MatchRequest(bodies[i % bodies.Length]), rate, PacedMaxInFlight, duration);
            Print($"/match @{rate}/s", PacedMaxInFlight, paced);
        }

        var inProcess = new Dictionary<int, LoadResult>();
        var options = new MatchOptions { Cutoff = Math.Min(MatchDefaults.ResultCutoff, MatchDefaults.Threshold), Limit = Math.Max(ServerDefaults.MatchLimit * 4, 20) };
        foreach (var threads in new[] { 1, Environment.ProcessorCount })
        {
            inProcess[threads] = InProcess(threads, duration, i => corpus.Screen(queries[(int)(i % queries.Count)], options));
            Print("in-process Screen", threads, inProcess[threads]);
        }

        Console.WriteLine();
        Console.WriteLine("# ratios (same run): /match over /healthz = the share of the HTTP stack's capacity screening leaves;");
        Console.WriteLine("# /match over in-process Screen = what HTTP, properties lookup and JSON cost on top of screening");
        Console.WriteLine($"{"clients",7} {"match/healthz req/s",20} {"match/healthz p99",18} {"match/in-process req/s",23}");
        foreach (var concurrency in Concurrencies)
        {
            var threads = Math.Min(concurrency, Environment.ProcessorCount);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{concurrency,7} {match[concurrency].PerSecond / health[concurrency].PerSecond,20:F3} {match[concurrency].P99 / health[concurrency].P99,18:F1} {match[concurrency].PerSecond / inProcess[threads].PerSecond,23:F3}"));
        }

        Console.WriteLine();
        Breakdown(store, host.Current!, queries, options, duration, match[1]);

        Console.WriteLine();
        var altered = WriteAlteredUnList(Path.Combine(data, "un", "consolidated.xml"));
        try
        {
            return await SwapRun(client, db, [altered, Path.Combine(data, "un", "consolidated.xml")], bodies, duration);
        }
        finally
        {
            File.Delete(altered);
            // Stopped before disposed, as `vigil serve` is: disposing a running host cancels its refresher's timer under it.
            await app.StopAsync();
        }
    }

    /// <summary>
    /// Where one /match request's time goes, single-threaded, in process: screening, the per-result properties
    /// lookup that /match makes for each returned entity (through the server's cache of the current index, filled by
    /// the runs before, as /match reads it), and JSON writing of a response of that shape.
    /// </summary>
    private static void Breakdown(VigilStore store, LoadedCorpus loaded, List<ScreeningQuery> queries, MatchOptions options, TimeSpan duration, LoadResult http)
    {
        var corpus = loaded.Corpus;
        long screenTicks = 0, propertiesTicks = 0, jsonTicks = 0, lookups = 0, n = 0;
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < end)
        {
            var query = queries[(int)(n++ % queries.Count)];
            var t0 = Stopwatch.GetTimestamp();
            var hits = corpus.Screen(query, options);
            var t1 = Stopwatch.GetTimestamp();
            var results = new List<ScoredEntity>();
            foreach (var hit in hits.Take(ServerDefaults.MatchLimit))
            {
                results.Add(MatchApi.Scored(hit, loaded.Properties.GetOrRead(hit.Entity, store.Latest), options.Threshold));
                lookups++;
            }
            var t2 = Stopwatch.GetTimestamp();
            var response = new MatchResponse(new() { ["q"] = new EntityMatches(200, results, new TotalSpec(hits.Count, "eq"), new QueryEcho(null, "Person", new Dictionary<string, IReadOnlyList<string>>())) }, [], ServerDefaults.MatchLimit, corpus.Snapshots);
            JsonSerializer.SerializeToUtf8Bytes(response, Json);
            var t3 = Stopwatch.GetTimestamp();
            screenTicks += t1 - t0;
            propertiesTicks += t2 - t1;
            jsonTicks += t3 - t2;
        }
        double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency / n;
        var total = Ms(screenTicks + propertiesTicks + jsonTicks);
        Console.WriteLine($"# where one /match request's time goes (1 thread, in process, {n:N0} queries, {(double)lookups / n:F1} results each)");
        Console.WriteLine($"{"part",-44} {"mean ms",8} {"share",6}");
        Row("screening (ScreeningCorpus.Screen)", Ms(screenTicks));
        Row("properties (server's cache, else the store)", Ms(propertiesTicks));
        Row("JSON of the response", Ms(jsonTicks));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"sum in process",-44} {total,8:F3}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"POST /match at 1 client, mean",-44} {http.Mean,8:F3}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"  of which HTTP, binding, client (the rest)",-44} {http.Mean - total,8:F3}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"properties and seen times per result",-44} {Ms(propertiesTicks) * n / Math.Max(lookups, 1),8:F3}"));

        void Row(string part, double ms) =>
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{part,-44} {ms,8:F3} {ms / http.Mean,6:P0}"));
    }

    /// <summary>
    /// Load at <see cref="SwapConcurrency"/> clients while another thread imports an altered UN list, then the real
    /// one, and so on, waiting for each swap: at least <see cref="MinimumSwaps"/> swaps must happen and no request fail.
    /// </summary>
    private static async Task<int> SwapRun(HttpClient client, string db, string[] files, byte[][] bodies, TimeSpan duration)
    {
        var importer = VigilStore.Open(db);
        var before = await Swaps(client);
        using var stop = new CancellationTokenSource(SwapRunCap);
        var started = Stopwatch.StartNew();
        var imports = 0;
        var importing = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var swaps = await Swaps(client) - before;
                if (swaps >= MinimumSwaps && started.Elapsed >= duration)
                {
                    await stop.CancelAsync();
                    return;
                }
                if (swaps >= imports && (imports < MinimumSwaps || started.Elapsed < duration - TimeSpan.FromSeconds(1)))
                {
                    importer.Import(files[imports++ % files.Length]);
                }
                await Task.Delay(100);
            }
        });
        // No warm-up: the server is warm from the runs before, and the first swap should land under load.
        var result = await Drive(client, i => MatchRequest(bodies[i % bodies.Length]), SwapConcurrency, stop.Token);
        await importing;
        var swapped = await Swaps(client) - before;
        var lastBuild = await Metric(client, "vigil_index_build_seconds");
        Console.WriteLine($"# swap run: {SwapConcurrency} clients while another thread imports altered and real UN lists into the same store");
        Console.WriteLine($"{"endpoint",-20} {"clients",7} {"requests",9} {"req/s",8} {"p50 ms",8} {"p99 ms",8} {"max ms",8} {"errors",7} {"GC %",5} {"KB/req",7} {"imports",8} {"swaps",6}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"POST /match/default",-20} {SwapConcurrency,7} {result.Requests,9} {result.PerSecond,8:F0} {result.P50,8:F2} {result.P99,8:F2} {result.Max,8:F2} {result.Errors,7} {result.GcPause * 100,5:F0} {result.KbPerRequest,7:F0} {imports,8} {swapped,6}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# {started.Elapsed.TotalSeconds:F0} s in all; the last index rebuild took {lastBuild:F1} s under this load"));
        if (result.FirstError is not null)
        {
            Console.WriteLine($"# first error: {result.FirstError}");
        }
        if (result.Errors > 0 || swapped < MinimumSwaps)
        {
            Console.Error.WriteLine($"serve benchmark: swap run failed: {result.Errors} errors, {swapped} swaps (at least {MinimumSwaps} needed)");
            return 1;
        }
        return 0;
    }

    /// <summary>
    /// <paramref name="concurrency"/> clients for a warm-up, then for <paramref name="duration"/>: each sends its next
    /// request as soon as the last one's response is read; every latency is kept, so percentiles are exact.
    /// </summary>
    private static async Task<LoadResult> Load(HttpClient client, Func<int, HttpRequestMessage> request, int concurrency, TimeSpan duration)
    {
        using (var warm = new CancellationTokenSource(Warmup))
        {
            await Drive(client, request, concurrency, warm.Token);
        }
        using var timed = new CancellationTokenSource(duration);
        return await Drive(client, request, concurrency, timed.Token);
    }

    private static async Task<LoadResult> Drive(HttpClient client, Func<int, HttpRequestMessage> request, int concurrency, CancellationToken stop)
    {
        var latencies = new List<long>[concurrency];
        var errors = 0;
        var next = -1;
        string? firstError = null;
        var gc = GcMark.Now();
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = new List<long>(4096);
            while (!stop.IsCancellationRequested)
            {
                using var message = request(Interlocked.Increment(ref next));
                var t0 = Stopwatch.GetTimestamp();
                string? error;
                try
                {
                    // The whole body is read before the clock stops: a client sees nothing useful sooner.
                    using var response = await client.SendAsync(message, HttpCompletionOption.ResponseContentRead);
                    error = response.StatusCode == HttpStatusCode.OK ? null : $"{(int)response.StatusCode} {message.RequestUri}: {await response.Content.ReadAsStringAsync()}";
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    error = $"{message.RequestUri}: {e.GetType().Name}: {e.Message}";
                }
                mine.Add(Stopwatch.GetTimestamp() - t0);
                if (error is not null && Interlocked.Increment(ref errors) == 1)
                {
                    firstError = error;
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        return LoadResult.Of(latencies, errors, firstError, Stopwatch.GetElapsedTime(started), gc);
    }

    /// <summary>
    /// Requests issued at <paramref name="rate"/> per second with at most <paramref name="maxInFlight"/> outstanding,
    /// each latency measured from when the request was due, so time spent waiting for a free slot counts (no
    /// coordinated omission).
    /// </summary>
    private static async Task<LoadResult> Paced(HttpClient client, Func<int, HttpRequestMessage> request, int rate, int maxInFlight, TimeSpan duration)
    {
        var total = (int)(rate * duration.TotalSeconds);
        var latencies = new long[total];
        var errors = 0;
        string? firstError = null;
        using var slots = new SemaphoreSlim(maxInFlight);
        var gc = GcMark.Now();
        var started = Stopwatch.GetTimestamp();
        var sends = new Task[total];
        for (var i = 0; i < total; i++)
        {
            var due = started + (long)((double)i * Stopwatch.Frequency / rate);
            var early = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            // Timer resolution is about a millisecond: shorter waits are caught up by issuing the due requests at once.
            if (early > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(early);
            }
            await slots.WaitAsync();
            var index = i;
            sends[i] = Task.Run(async () =>
            {
                using var message = request(index);
                try
                {
                    using var response = await client.SendAsync(message, HttpCompletionOption.ResponseContentRead);
                    if (response.StatusCode != HttpStatusCode.OK && Interlocked.Increment(ref errors) == 1)
                    {
                        firstError = $"{(int)response.StatusCode} {message.RequestUri}";
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    if (Interlocked.Increment(ref errors) == 1)
                    {
                        firstError = $"{message.RequestUri}: {e.GetType().Name}: {e.Message}";
                    }
                }
                finally
                {
                    latencies[index] = Stopwatch.GetTimestamp() - due;
                    slots.Release();
                }
            });
        }
        await Task.WhenAll(sends);
        return LoadResult.Of([[.. latencies]], errors, firstError, Stopwatch.GetElapsedTime(started), gc);
    }

    /// <summary>The screener called directly on <paramref name="threads"/> threads: the ceiling /match could reach.</summary>
    private static LoadResult InProcess(int threads, TimeSpan duration, Action<long> screen)
    {
        for (var i = 0; i < 50; i++)
        {
            screen(i);
        }
        var latencies = new List<long>[threads];
        long next = -1;
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var gc = GcMark.Now();
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, threads).Select(w => new Thread(() =>
        {
            var mine = latencies[w] = new List<long>(65536);
            while (Stopwatch.GetTimestamp() < end)
            {
                var t0 = Stopwatch.GetTimestamp();
                screen(Interlocked.Increment(ref next));
                mine.Add(Stopwatch.GetTimestamp() - t0);
            }
        })).ToList();
        workers.ForEach(t => t.Start());
        workers.ForEach(t => t.Join());
        return LoadResult.Of(latencies, 0, null, Stopwatch.GetElapsedTime(started), gc);
    }

    private static async Task<TimeSpan> WaitUntilReady(HttpClient client)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(5))
        {
            using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return clock.Elapsed;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("the server's index was not ready within 5 minutes");
    }

    /// <summary>The server's own count of indexes built and swapped in, from its Prometheus metrics.</summary>
    private static async Task<int> Swaps(HttpClient client) => (int)await Metric(client, "vigil_index_swaps_total");

    private static async Task<double> Metric(HttpClient client, string name)
    {
        var text = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var line = text.Split('\n').First(l => l.StartsWith(name + " ", StringComparison.Ordinal));
        return double.Parse(line.AsSpan(name.Length + 1), CultureInfo.InvariantCulture);
    }

    /// <summary>The real UN list less its first individual, in a temporary file: an import that changes the index.</summary>
    private static string WriteAlteredUnList(string unFile)
    {
        var document = XDocument.Load(unFile);
        document.Descendants("INDIVIDUAL").First().Remove();
        var path = Path.Combine(Path.GetTempPath(), $"vigil-bench-altered-un-{Guid.NewGuid():N}.xml");
        document.Save(path);
        return path;
    }

    /// <summary>
    /// Persons from the screening benchmark's names (every other one with its date of birth, as clients send it
    /// sometimes) and organisations from the name benchmark cases, shuffled with a fixed seed.
    /// </summary>
    private static ScreeningQuery[] Queries(string data)
    {
        var persons = ScreeningBenchmark.QueryNames(data).Select((q, i) => i % 2 == 0 ? q : q with { BirthDate = null });
        var organisations = new List<ScreeningQuery>();
        using (var reader = Sep.Reader(o => o with { Unescape = true }).FromFile(Path.Combine(data, "names", "nomenklatura-name_bench-cases.csv")))
        {
            foreach (var row in reader)
            {
                if (row["schema"].ToString() is "Organization" or "Company" or "LegalEntity")
                {
                    organisations.Add(new ScreeningQuery(row["name1"].ToString(), PartyKind.Organization));
                }
            }
        }
        var all = persons.Concat(organisations.DistinctBy(o => o.Name)).ToArray();
        new Random(20261125).Shuffle(all);
        return all;
    }

    /// <summary>A yente-shaped body: one query keyed "q1" with a schema, a name and sometimes a birth date.</summary>
    private static byte[] Body(ScreeningQuery query)
    {
        var properties = new Dictionary<string, string[]> { ["name"] = [query.Name] };
        if (query.BirthDate is { } date)
        {
            properties["birthDate"] = [date];
        }
        var schema = query.Kind == PartyKind.Organization ? "Organization" : "Person";
        return JsonSerializer.SerializeToUtf8Bytes(new { queries = new Dictionary<string, object> { ["q1"] = new { schema, properties } } });
    }

    private static HttpRequestMessage MatchRequest(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        return new HttpRequestMessage(HttpMethod.Post, "/match/default") { Content = content };
    }

    /// <summary>The response JSON options /match uses (camelCase keys, FtM property names kept).</summary>
    private static readonly JsonSerializerOptions Json = new(ExplanationJson.Options)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never,
        DictionaryKeyPolicy = null,
    };

    private static void Print(string endpoint, int concurrency, LoadResult r)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{endpoint,-20} {concurrency,7} {r.Requests,9} {r.PerSecond,8:F0} {r.P50,8:F2} {r.P99,8:F2} {r.Max,8:F2} {r.Errors,7} {r.GcPause * 100,5:F0} {r.KbPerRequest,7:F0}"));
        if (r.FirstError is not null)
        {
            Console.WriteLine($"# first error: {r.FirstError}");
        }
    }

    /// <summary>The process's garbage collections so far: a run's share of time in GC pauses and its allocation per request.</summary>
    private readonly record struct GcMark(TimeSpan Pause, long Allocated)
    {
        public static GcMark Now() => new(GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes());
    }

    private readonly record struct LoadResult(int Requests, int Errors, string? FirstError, double PerSecond, double Mean, double P50, double P99, double Max, double GcPause, double KbPerRequest)
    {
        public static LoadResult Of(List<long>[] perWorker, int errors, string? firstError, TimeSpan elapsed, GcMark since)
        {
            var gc = GcMark.Now();
            var pause = (gc.Pause - since.Pause) / elapsed;
            var all = perWorker.SelectMany(l => l).Select(t => t * 1000.0 / Stopwatch.Frequency).ToArray();
            Array.Sort(all);
            return all.Length == 0
                ? new LoadResult(0, errors, firstError, 0, 0, 0, 0, 0, pause, 0)
                : new LoadResult(all.Length, errors, firstError, all.Length / elapsed.TotalSeconds, all.Average(), BenchSupport.Percentile(all, 0.50), BenchSupport.Percentile(all, 0.99), all[^1],
                    pause, (gc.Allocated - since.Allocated) / 1024.0 / all.Length);
        }
    }
}
