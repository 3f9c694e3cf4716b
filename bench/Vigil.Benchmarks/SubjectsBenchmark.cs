using System.Diagnostics;
using System.Globalization;
using Vigil.Core.Screening;
using Vigil.Core.Workflow;
using Vigil.Matching;
using Vigil.Matching.Screening;

namespace Vigil.Benchmarks;

/// <summary>
/// <c>vigil subjects import</c> throughput: synthetic customers made of real name parts (given and family names of the
/// listed persons), imported into a store holding the six shared lists, each screened and recorded; against the
/// baseline of <c>vigil screen --input</c> on the same rows (screening only, nothing stored), a re-import of
/// the unchanged file (compare and skip), and a full monitoring re-screen of every subject with the alert rules.
/// </summary>
internal static class SubjectsBenchmark
{
    private const int Seed = 1975_05_14;
    private static readonly string[] CountryNames = ["Germany", "FR", "ES", "Japan", "TJ", "RU", "US", "GB", "Italy", "NG"];

    public static int Run(string[] args)
    {
        var data = BenchSupport.Data(args);
        var rows = int.Parse(BenchSupport.Option(args, "--rows") ?? "10000", CultureInfo.InvariantCulture);
        using var watchdog = BenchSupport.Watchdog("subjects benchmark", TimeSpan.FromMinutes(30));
        var folder = Directory.CreateTempSubdirectory("vigil-bench-subjects-");
        try
        {
            var clock = Stopwatch.StartNew();
            var store = BenchSupport.ImportLists(data, Path.Combine(folder.FullName, "vigil.db"));
            var corpus = ScreeningCorpus.Load(store);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"# subjects benchmark: {rows:N0} synthetic customers; lists {string.Join(", ", corpus.Snapshots.Select(s => s.Source))} ({corpus.EntityCount:N0} entities) loaded in {clock.Elapsed.TotalSeconds:F1} s; SQLite; {Environment.ProcessorCount} cores"));
            var (subjects, queries) = WriteFiles(folder.FullName, corpus, rows);

            clock.Restart();
            var cpu = BenchSupport.CpuSeconds();
            var screened = BatchScreening.Run(corpus, queries, TextWriter.Null, MatchOptions.Profile("default"));
            var baseline = clock.Elapsed;
            var baselineCpu = BenchSupport.CpuSeconds() - cpu;
            Report("screen --input (baseline: screening only)", screened.Screened, baseline, baselineCpu);

            cpu = BenchSupport.CpuSeconds();
            var summary = SubjectImport.RunAsync(store, corpus, subjects, "bench").GetAwaiter().GetResult();
            Report($"subjects import, new ({summary.Created:N0} created, {summary.Hits:N0} with hits)", summary.Read, summary.Elapsed, BenchSupport.CpuSeconds() - cpu);
            cpu = BenchSupport.CpuSeconds();
            var again = SubjectImport.RunAsync(store, corpus, subjects, "bench").GetAwaiter().GetResult();
            Report($"subjects import, unchanged ({again.Unchanged:N0} unchanged)", again.Read, again.Elapsed, BenchSupport.CpuSeconds() - cpu);
            cpu = BenchSupport.CpuSeconds();
            var full = new SubjectMonitor(store, corpus, "bench").RunAsync(full: true).GetAwaiter().GetResult();
            var fullCpu = BenchSupport.CpuSeconds() - cpu;
            Report($"monitor run --full ({full.Hits:N0} with hits, {full.AlertsRaised:N0} alerts raised)", full.Screened, full.Elapsed, fullCpu);
            // The machine is shared: CPU seconds say what the work costs; all cores busy with it is the rate it can reach.
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"# CPU per row: screening {1000 * baselineCpu / screened.Screened:F2} ms, full re-screen {1000 * fullCpu / Math.Max(1, full.Screened):F2} ms; with {Environment.ProcessorCount} cores to itself a full re-screen would reach {Environment.ProcessorCount * full.Screened / Math.Max(fullCpu, 1e-9):N0} rows/s (load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]})"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"# a full re-screen takes {full.Elapsed.TotalSeconds / baseline.TotalSeconds:F2}x the time of screening alone"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"# import of new subjects takes {summary.Elapsed.TotalSeconds / baseline.TotalSeconds:F2}x the time of screening alone; peak working set {BenchSupport.PeakWorkingSetMegabytes():F0} MB"));
            return 0;
        }
        finally
        {
            BenchSupport.DeleteStoreFolder(folder);
        }
    }

    private static void Report(string what, long rows, TimeSpan elapsed, double cpu) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what,-60} {rows,8:N0} rows {elapsed.TotalSeconds,8:F1} s {rows / elapsed.TotalSeconds,10:N0} rows/s; CPU {cpu,7:F1} s"));

    /// <summary>The same rows twice: with the header <c>subjects import</c> reads and with the one <c>screen --input</c> reads.</summary>
    internal static (string Subjects, string Queries) WriteFiles(string folder, ScreeningCorpus corpus, int rows)
    {
        var (given, family) = NameParts(corpus);
        var random = new Random(Seed);
        var subjects = Path.Combine(folder, "subjects.csv");
        var queries = Path.Combine(folder, "queries.csv");
        using var s = new StreamWriter(subjects);
        using var q = new StreamWriter(queries);
        s.WriteLine("id,name,dob,country");
        q.WriteLine("query_id,name,dob,country");
        for (var i = 0; i < rows; i++)
        {
            var row = string.Create(CultureInfo.InvariantCulture,
                $"c{i},{given[random.Next(given.Count)]} {family[random.Next(family.Count)]},{random.Next(1940, 2004)}-{random.Next(1, 13):D2}-{random.Next(1, 29):D2},{CountryNames[random.Next(CountryNames.Length)]}");
            s.WriteLine(row);
            q.WriteLine(row);
        }
        return (subjects, queries);
    }

    /// <summary>The given and family names of listed persons' Latin-script names, for synthetic customers made of real name parts.</summary>
    internal static (List<string> Given, List<string> Family) NameParts(ScreeningCorpus corpus)
    {
        var given = new List<string>();
        var family = new List<string>();
        foreach (var subject in corpus.Index.Subjects.Where(s => s.Kind == PartyKind.Person))
        {
            foreach (var name in subject.Names)
            {
                var parts = name.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length >= 2 && parts.All(p => p.All(c => char.IsAsciiLetter(c) || c == '-')))
                {
                    given.Add(parts[0]);
                    family.Add(parts[^1]);
                }
            }
        }
        return (given, family);
    }
}
