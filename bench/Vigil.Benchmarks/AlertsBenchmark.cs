using System.Diagnostics;
using System.Globalization;
using Vigil.Core.Screening;
using Vigil.Core.Workflow;
using Vigil.Matching;

namespace Vigil.Benchmarks;

/// <summary>
/// <c>GET /alerts</c> at scale: a store holding the shared lists and customers named after listed persons (so that
/// nearly every one alerts, through the real rules), then pages of 50 alerts read the ways an analyst reads them:
/// the newest open ones, one kind, one subject's, and twenty pages deep. Reports p50/p95 per page against the
/// baseline of reading one subject (<c>GET /subjects/{ref}</c>) from the same store.
/// </summary>
internal static class AlertsBenchmark
{
    private const int Seed = 2016_02_29;
    private const int Pages = 200;

    public static int Run(string[] args)
    {
        var data = BenchSupport.Data(args);
        var subjects = int.Parse(BenchSupport.Option(args, "--subjects") ?? "40000", CultureInfo.InvariantCulture);
        using var watchdog = BenchSupport.Watchdog("alerts benchmark", TimeSpan.FromMinutes(40));
        var folder = Directory.CreateTempSubdirectory("vigil-bench-alerts-");
        try
        {
            var db = BenchSupport.Option(args, "--db") ?? Path.Combine(folder.FullName, "vigil.db");
            var store = BenchSupport.ImportLists(data, db);
            var corpus = ScreeningCorpus.Load(store);
            var clock = Stopwatch.StartNew();
            var file = WriteCustomers(folder.FullName, corpus, subjects);
            var summary = SubjectImport.RunAsync(store, corpus, file, "bench").GetAwaiter().GetResult();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"# alerts benchmark: {summary.Created:N0} customers named after listed persons imported in {clock.Elapsed.TotalSeconds:F0} s, {summary.Alerts:N0} alerts raised; {store.Kind}; {Environment.ProcessorCount} cores"));

            var random = new Random(Seed);
            var baseline = Time(() => store.GetSubjectAsync($"c{random.Next(subjects)}").GetAwaiter().GetResult());
            Report("GET /subjects/{ref} (baseline)", baseline, baseline);
            Report("GET /alerts (newest open, 50)", Time(() => store.ListAlertsAsync(new AlertQuery(OpenOnly: true)).GetAwaiter().GetResult()), baseline);
            Report("GET /alerts?kind=new_match&status=all", Time(() => store.ListAlertsAsync(new AlertQuery(Kind: AlertKind.NewMatch)).GetAwaiter().GetResult()), baseline);
            Report("GET /alerts?subject=REF", Time(() => store.ListAlertsAsync(new AlertQuery(Subject: $"c{random.Next(subjects)}")).GetAwaiter().GetResult()), baseline);
            var newest = store.ListAlertsAsync(new AlertQuery(Limit: 1)).GetAwaiter().GetResult()[0].Id;
            Report("GET /alerts?before=ID (any page)", Time(() => store.ListAlertsAsync(new AlertQuery(OpenOnly: true, Before: random.NextInt64(50, newest))).GetAwaiter().GetResult()), baseline);
            return 0;
        }
        finally
        {
            BenchSupport.DeleteStoreFolder(folder);
        }
    }

    private static List<double> Time(Action read)
    {
        read();
        var times = new List<double>(Pages);
        for (var i = 0; i < Pages; i++)
        {
            var clock = Stopwatch.StartNew();
            read();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times;
    }

    private static void Report(string what, List<double> times, List<double> baseline) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what,-45} p50 {BenchSupport.Percentile(times, 0.5),7:F2} ms  p95 {BenchSupport.Percentile(times, 0.95),7:F2} ms  ({BenchSupport.Percentile(times, 0.95) / BenchSupport.Percentile(baseline, 0.95):F2}x baseline p95)"));

    /// <summary>Customers named exactly as listed persons are, each with a birth date of its own: most alert, on one or more lists.</summary>
    private static string WriteCustomers(string folder, ScreeningCorpus corpus, int rows)
    {
        var names = corpus.Index.Subjects.Where(s => s.Kind == PartyKind.Person).SelectMany(s => s.Names.Take(1)).Select(n => n.Text)
            .Where(n => !n.Contains(',', StringComparison.Ordinal) && !n.Contains('"', StringComparison.Ordinal)).ToList();
        var random = new Random(Seed);
        var path = Path.Combine(folder, "customers.csv");
        using var file = new StreamWriter(path);
        file.WriteLine("id,name,dob");
        for (var i = 0; i < rows; i++)
        {
            file.WriteLine(string.Create(CultureInfo.InvariantCulture, $"c{i},{names[random.Next(names.Count)]},{random.Next(1940, 2004)}"));
        }
        return path;
    }
}
