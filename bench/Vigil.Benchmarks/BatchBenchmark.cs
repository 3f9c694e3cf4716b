using System.Diagnostics;
using System.Globalization;
using Vigil.Core.Jobs;
using Vigil.Core.Screening;
using Vigil.Matching.Screening;

namespace Vigil.Benchmarks;

/// <summary>
/// <c>vigil batch</c> throughput: the synthetic customers of the subjects benchmark submitted as a job and screened by
/// one in-process worker (chunks claimed, leased, committed with their results, the result file hashed), against the
/// baseline of <c>vigil screen --input</c> on the same rows (screening only, nothing stored), in the same run.
/// </summary>
internal static class BatchBenchmark
{
    public static int Run(string[] args)
    {
        var data = BenchSupport.Data(args);
        var rows = int.Parse(BenchSupport.Option(args, "--rows") ?? "10000", CultureInfo.InvariantCulture);
        using var watchdog = BenchSupport.Watchdog("batch benchmark", TimeSpan.FromMinutes(30));
        var folder = Directory.CreateTempSubdirectory("vigil-bench-batch-");
        try
        {
            var clock = Stopwatch.StartNew();
            var store = BenchSupport.ImportLists(data, Path.Combine(folder.FullName, "vigil.db"));
            var corpus = ScreeningCorpus.Load(store);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"# batch benchmark: {rows:N0} synthetic rows; lists {string.Join(", ", corpus.Snapshots.Select(s => s.Source))} ({corpus.EntityCount:N0} entities) loaded in {clock.Elapsed.TotalSeconds:F1} s; SQLite; {Environment.ProcessorCount} cores"));
            var (subjects, queries) = SubjectsBenchmark.WriteFiles(folder.FullName, corpus, rows);

            clock.Restart();
            var screened = BatchScreening.Run(corpus, queries, TextWriter.Null, MatchOptions.Profile("default"));
            var baseline = clock.Elapsed;
            Report("screen --input (baseline: screening only)", screened.Screened, baseline);

            clock.Restart();
            var job = BatchJobs.SubmitAsync(store, corpus, subjects, "bench").GetAwaiter().GetResult();
            var submitted = clock.Elapsed;
            var worker = new BatchWorker(store, () => corpus, BatchJobs.DefaultLease);
            worker.DrainAsync(untilFinished: true).GetAwaiter().GetResult();
            var total = clock.Elapsed;
            var done = store.GetJobAsync(job).GetAwaiter().GetResult()!;
            Report($"batch submit (store {done.Rows:N0} rows in {done.Chunks:N0} chunks)", done.Rows, submitted);
            Report($"batch submit + work ({done.Hits:N0} with hits, state {done.State})", done.Rows, total);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"# a batch job takes {total.TotalSeconds / baseline.TotalSeconds:F2}x the time of screening alone; peak working set {BenchSupport.PeakWorkingSetMegabytes():F0} MB"));
            return 0;
        }
        finally
        {
            BenchSupport.DeleteStoreFolder(folder);
        }
    }

    private static void Report(string what, long rows, TimeSpan elapsed) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what,-60} {rows,8:N0} rows {elapsed.TotalSeconds,8:F1} s {rows / elapsed.TotalSeconds,10:N0} rows/s"));
}
