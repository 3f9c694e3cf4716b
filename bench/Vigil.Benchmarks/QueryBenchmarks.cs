using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Vigil.Core.Screening;
using Vigil.Core.Storage;
using Vigil.Matching;
using Vigil.Matching.Screening;

namespace Vigil.Benchmarks;

/// <summary>
/// BenchmarkDotNet: one screening query against the six real lists, Vigil against the brute-force Jaro-Winkler scan
/// and the Lucene.NET fuzzy query, with the memory allocated per query. Started by the <c>bdn</c> mode.
/// </summary>
[MemoryDiagnoser]
public class QueryBenchmarks
{
    /// <summary>The shared data folder, for a benchmark process BenchmarkDotNet starts in a folder of its own.</summary>
    public const string DataVariable = "VIGIL_BENCH_DATA";

    /// <summary>A store the <c>bdn</c> mode imported once, so each benchmark process only loads it.</summary>
    public const string StoreVariable = "VIGIL_BENCH_STORE";

    private const int Limit = 10;

    // A query in each script the lists hold most, a spelling variant, common tokens, two companies and a name on no list.
    private static readonly Dictionary<string, PartyKind> Representative = new(StringComparer.Ordinal)
    {
        ["Gulmurod Khalimov"] = PartyKind.Person,
        ["Гулмурод Ҳалимов"] = PartyKind.Person,
        ["عزت ابراهيم الدوري"] = PartyKind.Person,
        ["Abu Bakr al-Bagdadi"] = PartyKind.Person,
        ["Mohammad Ali Hassan"] = PartyKind.Person,
        ["Patricia Lucas Wheeler"] = PartyKind.Person,
        ["Bank Melli Iran"] = PartyKind.Organization,
        ["Mahan Airlines"] = PartyKind.Organization,
    };

    // One build per process: an in-process run measures every case against the same corpus instead of rebuilding it
    // (about ten seconds) for each of them.
    private static Corpora? s_corpora;

    private Corpora _corpora = null!;
    private ScreeningQuery _query = new("");

    [ParamsSource(nameof(Queries))]
    public string Query { get; set; } = "";

    public static IEnumerable<string> Queries => Representative.Keys;

    [GlobalSetup]
    public void Setup()
    {
        _corpora = s_corpora ??= Corpora.Build();
        _query = new ScreeningQuery(Query, Representative[Query]);
    }

    [Benchmark(Baseline = true)]
    public int Vigil() => _corpora.Corpus.Screen(_query, new MatchOptions { Limit = Limit }).Count;

    [Benchmark]
    public int BruteForce() => _corpora.BruteForce.Search(Query, Limit).Count;

    [Benchmark]
    public int Lucene() => _corpora.Lucene.Search(Query, Limit).Count;

    /// <summary>The <c>bdn</c> mode: imports the lists once, then hands every other argument to BenchmarkDotNet.</summary>
    internal static int Run(string[] args)
    {
        var data = Path.GetFullPath(BenchSupport.Option(args, "--data") ?? BenchSupport.DefaultData);
        var i = Array.IndexOf(args, "--data");
        var rest = i < 0 ? args : [.. args[..i], .. args[Math.Min(args.Length, i + 2)..]];
        var folder = Directory.CreateTempSubdirectory("vigil-bench-bdn-");
        try
        {
            var db = Path.Combine(folder.FullName, "vigil.db");
            BenchSupport.ImportLists(data, db);
            // Benchmark processes inherit the environment, and nothing else of ours.
            Environment.SetEnvironmentVariable(DataVariable, data);
            Environment.SetEnvironmentVariable(StoreVariable, db);
            // Wide enough for every query in full: the default cuts "Patricia Lucas Wheeler" to "Patri(...)eeler".
            var config = DefaultConfig.Instance.WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(40));
            var summary = BenchmarkRunner.Run<QueryBenchmarks>(config, rest);
            return summary.HasCriticalValidationErrors || summary.Reports.Any(r => !r.Success) ? 1 : 0;
        }
        finally
        {
            BenchSupport.DeleteStoreFolder(folder);
        }
    }

    /// <summary>The corpus and both baselines over its subjects.</summary>
    private sealed record Corpora(ScreeningCorpus Corpus, BruteForceJaroWinkler BruteForce, LuceneFuzzyIndex Lucene)
    {
        public static Corpora Build()
        {
            var store = Environment.GetEnvironmentVariable(StoreVariable) is { } db && File.Exists(db)
                ? VigilStore.Open(db)
                : Import();
            var corpus = ScreeningCorpus.Load(store);
            return new Corpora(corpus, new BruteForceJaroWinkler(corpus.Index.Subjects), new LuceneFuzzyIndex(corpus.Index.Subjects));
        }

        /// <summary>Without the <c>bdn</c> mode's store (a runner of its own started the class): an import of our own.</summary>
        private static VigilStore Import()
        {
            var folder = Directory.CreateTempSubdirectory("vigil-bench-bdn-");
            AppDomain.CurrentDomain.ProcessExit += (_, _) => BenchSupport.DeleteStoreFolder(folder);
            var data = Environment.GetEnvironmentVariable(DataVariable) ?? BenchSupport.DefaultData;
            return BenchSupport.ImportLists(data, Path.Combine(folder.FullName, "vigil.db"));
        }
    }
}
