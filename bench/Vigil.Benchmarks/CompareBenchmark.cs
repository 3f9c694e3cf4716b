using System.Diagnostics;
using System.Globalization;
using nietras.SeparatedValues;
using Vigil.Core.Model;
using Vigil.Core.Screening;
using Vigil.Matching;
using Vigil.Matching.Screening;

namespace Vigil.Benchmarks;

/// <summary>
/// Vigil against two baselines on the same labelled queries over the same six real lists: a brute-force
/// Jaro-Winkler scan of every name and a Lucene.NET fuzzy query per token. Time per query, allocation, index build
/// and recall of the expected entity at 1 and at 10.
/// </summary>
internal static class CompareBenchmark
{
    private const int Limit = 10;
    private const int Seed = 20240503;
    private static readonly TimeSpan WarmupTime = TimeSpan.FromSeconds(3);

    /// <summary>One row of yente's UN positives whose expected UN record is known, with that record's canonical entity.</summary>
    private sealed record LabelledQuery(string Set, int Row, string Name, string? BirthDate, string? Country, string ExpectedRecord, string Expected);

    /// <summary>One method's run: latencies sorted, and per query whether the expected entity came first or in the top 10.</summary>
    private sealed record Measured(string Label, double[] SortedMs, double KbPerQuery, bool[] First, bool[] InTop, List<string>[] Results)
    {
        public int Count => First.Length;

        public double Mean => SortedMs.Average();

        public double RecallAt1 => (double)First.Count(f => f) / Count;

        public double RecallAt10 => (double)InTop.Count(f => f) / Count;
    }

    public static int Run(string[] args)
    {
        var data = BenchSupport.Data(args);
        var queryCount = int.Parse(BenchSupport.Option(args, "--queries") ?? "300", CultureInfo.InvariantCulture);
        var cap = TimeSpan.FromSeconds(int.Parse(BenchSupport.Option(args, "--cap-seconds") ?? "240", CultureInfo.InvariantCulture));
        // Import (~30 s), three builds, the capped brute-force loop and the fast methods fit well within this.
        using var watchdog = BenchSupport.Watchdog("compare benchmark", TimeSpan.FromMinutes(5) + cap * 2);
        var folder = Directory.CreateTempSubdirectory("vigil-bench-compare-");
        try
        {
            return Run(data, queryCount, cap, folder.FullName);
        }
        finally
        {
            BenchSupport.DeleteStoreFolder(folder);
        }
    }

    private static int Run(string data, int queryCount, TimeSpan cap, string folder)
    {
        var clock = Stopwatch.StartNew();
        var store = BenchSupport.ImportLists(data, Path.Combine(folder, "all.db"));
        var importSeconds = clock.Elapsed.TotalSeconds;
        // vigil eval's mapping reads every list in the store and drops a name two records carry, so it gets a store
        // with the UN list alone, exactly as eval gives it.
        var unStore = BenchSupport.ImportLists(data, Path.Combine(folder, "un.db"), ["un/consolidated.xml"]);
        var expected = Evaluation.ExpectedUnEntities(unStore, Path.Combine(data, "names", "yente-positives_un_untreated.csv"));

        var heap = BenchSupport.HeapMegabytes();
        clock.Restart();
        var corpus = ScreeningCorpus.Load(store);
        var vigilBuild = clock.Elapsed.TotalSeconds;
        var vigilHeap = BenchSupport.HeapMegabytes() - heap;
        var subjects = corpus.Index.Subjects;
        clock.Restart();
        ScreeningIndex.Build(subjects);
        var indexOnly = clock.Elapsed.TotalSeconds;

        heap = BenchSupport.HeapMegabytes();
        clock.Restart();
        var brute = new BruteForceJaroWinkler(subjects);
        var bruteBuild = clock.Elapsed.TotalSeconds;
        var bruteHeap = BenchSupport.HeapMegabytes() - heap;

        heap = BenchSupport.HeapMegabytes();
        clock.Restart();
        using var lucene = new LuceneFuzzyIndex(subjects);
        var luceneBuild = clock.Elapsed.TotalSeconds;
        var luceneHeap = BenchSupport.HeapMegabytes() - heap;

        var labelled = Labelled(data, expected, corpus).ToArray();
        new Random(Seed).Shuffle(labelled);
        var sample = labelled.Take(queryCount).ToList();

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"# compare benchmark: {corpus.EntityCount:N0} entities, {corpus.Index.NameCount:N0} names, from {ScreeningBenchmark.Lists.Length} lists imported in {importSeconds:F1} s; {Environment.ProcessorCount} cores"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"# {labelled.Length:N0} labelled queries (yente UN positives whose UN record is known), {sample.Count} drawn (seed {Seed}): {sample.Count(q => q.Set == "treated")} treated, {sample.Count(q => q.Set == "untreated")} untreated; top {Limit}, one thread"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"# Vigil's index alone (without reading the store) builds in {indexOnly:F2} s"));

        // Brute force first: it is the one the time cap can stop, and the others then run on the same queries, uncapped
        // (the watchdog still bounds the run).
        var drawn = sample.Count;
        var bruteRun = Measure("brute-force jaro-winkler", sample, q => brute.Search(q.Name, Limit), cap, warmup: 3);
        sample = sample.Take(bruteRun.Count).ToList();
        var vigil = Measure("vigil", sample, q => Ids(corpus.Screen(new ScreeningQuery(q.Name, PartyKind.Person), new MatchOptions { Limit = Limit })), TimeSpan.MaxValue, warmup: 20, WarmupTime);
        var vigilAll = Measure("vigil, cutoff 0", sample, q => Ids(corpus.Screen(new ScreeningQuery(q.Name, PartyKind.Person), new MatchOptions { Limit = Limit, Cutoff = 0 })), TimeSpan.MaxValue, warmup: 20, WarmupTime);
        var vigilFacts = Measure("vigil, +dob +country", sample, q => Ids(corpus.Screen(new ScreeningQuery(q.Name, PartyKind.Person, q.BirthDate, q.Country), new MatchOptions { Limit = Limit })), TimeSpan.MaxValue, warmup: 20, WarmupTime);
        var luceneRun = Measure("lucene fuzzy per token", sample, q => lucene.Search(q.Name, Limit), TimeSpan.MaxValue, warmup: 20, WarmupTime);

        Console.WriteLine();
        Console.WriteLine($"{"method",-26} {"build s",7} {"heap MB",7} {"names",7} {"queries",7} {"mean ms",8} {"p50 ms",8} {"p99 ms",8} {"KB/query",8} {"recall@1",8} {"recall@10",9} {"x vigil",7}");
        Row(vigil, vigilBuild, vigilHeap, corpus.Index.NameCount, vigil);
        Row(vigilAll, null, null, null, vigil);
        Row(vigilFacts, null, null, null, vigil);
        Row(luceneRun, luceneBuild, luceneHeap, lucene.NameCount, vigil);
        Row(bruteRun, bruteBuild, bruteHeap, brute.NameCount, vigil);
        if (bruteRun.Count < drawn)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"# brute force reached the {cap.TotalSeconds:F0} s cap after {bruteRun.Count} of {drawn} queries; every method ran those {bruteRun.Count}"));
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"brute-force mean / vigil mean  {bruteRun.Mean / vigil.Mean,8:F0}x   (target >= 50x; recall@10 {Percent(vigil.RecallAt10)} vs {Percent(bruteRun.RecallAt10)})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"lucene mean / vigil mean       {luceneRun.Mean / vigil.Mean,8:F1}x   (target > 1x at equal recall; recall@10 {Percent(vigil.RecallAt10)} vs {Percent(luceneRun.RecallAt10)})"));

        Console.WriteLine();
        Console.WriteLine($"{"recall@10 by set",-26} {"queries",7} {"vigil",7} {"cutoff0",7} {"+facts",7} {"lucene",7} {"brute",7}");
        foreach (var set in new[] { "untreated", "treated" })
        {
            var rows = Enumerable.Range(0, sample.Count).Where(i => sample[i].Set == set).ToList();
            Console.WriteLine($"{set,-26} {rows.Count,7} {SetRecall(vigil, rows),7} {SetRecall(vigilAll, rows),7} {SetRecall(vigilFacts, rows),7} {SetRecall(luceneRun, rows),7} {SetRecall(bruteRun, rows),7}");
        }

        // Where a baseline finds what Vigil does not is where the matcher has something to learn.
        Console.WriteLine();
        var misses = Enumerable.Range(0, sample.Count).Where(i => !vigil.InTop[i]).ToList();
        Console.WriteLine($"# vigil misses at 10: {misses.Count} (found there by lucene: {misses.Count(i => luceneRun.InTop[i])}, by brute force: {misses.Count(i => bruteRun.InTop[i])})");
        foreach (var i in misses)
        {
            var q = sample[i];
            var entity = corpus.Entity(q.Expected);
            var found = string.Join(", ", new[] { (vigilAll, "cutoff0"), (vigilFacts, "+facts"), (luceneRun, "lucene"), (bruteRun, "brute") }
                .Where(m => m.Item1.InTop[i]).Select(m => m.Item2));
            var top = vigil.Results[i] is [var first, ..] ? corpus.Entity(first).Caption : "(nothing)";
            Console.WriteLine($"#   {q.Set,-9} row {q.Row,3}: {q.Name}  ->  expected {q.Expected} {entity.Caption}; vigil's first: {top}; found by: {(found.Length == 0 ? "none" : found)}");
        }
        return 0;
    }

    private static Measured Measure(string label, List<LabelledQuery> queries, Func<LabelledQuery, List<string>> search, TimeSpan cap, int warmup, TimeSpan warmupTime = default)
    {
        // The hot loops reach tier-1 code only after many calls (a first run measured right after a short warm-up came
        // out twice as slow as the same code run next), so fast methods warm up for a while, not for a count.
        var warming = Stopwatch.StartNew();
        for (var i = 0; i < warmup || warming.Elapsed < warmupTime; i++)
        {
            search(queries[i % queries.Count]);
        }
        var ms = new List<double>(queries.Count);
        var results = new List<List<string>>(queries.Count);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        foreach (var q in queries)
        {
            var start = Stopwatch.GetTimestamp();
            var ids = search(q);
            ms.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            results.Add(ids);
            if (clock.Elapsed > cap)
            {
                break;
            }
        }
        var kb = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1024.0 / results.Count;
        var first = results.Select((ids, i) => ids.Count > 0 && ids[0] == queries[i].Expected).ToArray();
        var inTop = results.Select((ids, i) => ids.Take(Limit).Contains(queries[i].Expected)).ToArray();
        var sorted = ms.ToArray();
        Array.Sort(sorted);
        return new Measured(label, sorted, kb, first, inTop, [.. results]);
    }

    private static List<string> Ids(IReadOnlyList<ScreeningHit> hits)
    {
        var ids = new List<string>(hits.Count);
        foreach (var hit in hits)
        {
            ids.Add(hit.Entity.Id);
        }
        return ids;
    }

    /// <summary>
    /// The rows of both yente UN files whose expected record vigil eval's mapping knows (the same row of the untreated
    /// file names it), with the entity that record belongs to in this corpus.
    /// </summary>
    private static IEnumerable<LabelledQuery> Labelled(string data, Dictionary<int, string> expected, ScreeningCorpus corpus)
    {
        foreach (var set in new[] { "untreated", "treated" })
        {
            using var reader = Sep.Reader(o => o with { Unescape = true }).FromFile(Path.Combine(data, "names", $"yente-positives_un_{set}.csv"));
            var row = 0;
            foreach (var r in reader)
            {
                if (expected.TryGetValue(row, out var record) && corpus.CanonicalId(record) is { } entity)
                {
                    var country = r["nationality"].ToString();
                    yield return new LabelledQuery(set, row, r["full_name"].ToString(), PartialDate.Parse(r["date_of_birth"].ToString()),
                        BatchScreening.NormalizeCountry(string.IsNullOrWhiteSpace(country) ? null : country), record, entity);
                }
                row++;
            }
        }
    }

    private static void Row(Measured m, double? buildSeconds, double? heapMb, int? names, Measured vigil)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{m.Label,-26} {Optional(buildSeconds, "F2"),7} {Optional(heapMb, "F0"),7} {Optional(names, "D"),7} {m.Count,7} {m.Mean,8:F2} {BenchSupport.Percentile(m.SortedMs, 0.50),8:F2} {BenchSupport.Percentile(m.SortedMs, 0.99),8:F2} {m.KbPerQuery,8:F1} {Percent(m.RecallAt1),8} {Percent(m.RecallAt10),9} {m.Mean / vigil.Mean,7:F1}"));
    }

    private static string Optional(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "-";

    private static string Optional(int? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "-";

    private static string Percent(double share) => (100 * share).ToString("F1", CultureInfo.InvariantCulture) + "%";

    private static string SetRecall(Measured m, List<int> rows) =>
        rows.Count == 0 ? "-" : Percent((double)rows.Count(i => m.InTop[i]) / rows.Count);
}
