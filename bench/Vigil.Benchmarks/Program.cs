using System.Globalization;
using Vigil.Benchmarks;

// Timed harness (not BenchmarkDotNet: one import is seconds of I/O and SQL, and peak memory must be read per process),
// and one BenchmarkDotNet class for the allocation and time of a single query (mode bdn).
// Usage: vigil-bench import [--data ../shared/data] [--repeat N] [--large-mb 100]
//        vigil-bench screen [DATA [QUERIES BASELINE-QUERIES]]   (BASELINE-QUERIES 0 skips the brute-force baseline)
//        vigil-bench screen DATA QUERIES BASELINE-QUERIES DUMP   (also writes every query's results and explanations to DUMP)
//        vigil-bench serve [DATA] [--seconds 10] [--lists un]
//        vigil-bench compare [DATA] [--queries 300] [--cap-seconds 240]
//        vigil-bench synthetic [DATA] [--names 1000000] [--budget-seconds 600]
//        vigil-bench subjects [DATA] [--rows 10000]
//        vigil-bench alerts [DATA] [--subjects 40000] [--alerts N] [--db SPEC]
//        vigil-bench audit [--entries 1000000] [--db SPEC]
//        vigil-bench delta [DATA] [--subjects 1000000]
//        vigil-bench xref [DATA] [--amended 20]
//        vigil-bench hardneg [DATA] [--output bench/hard-negatives.csv]   (writes the hard-negative development set)
//        vigil-bench batch [DATA] [--rows 10000]
//        vigil-bench bdn [--data DIR] [BenchmarkDotNet options, e.g. --inProcess --job short --filter *]
//        vigil-bench child <mode> <file> <db>   (internal: one measured run in a fresh process)
return args switch
{
    ["child", var mode, var file, var db] => ImportBenchmark.Child(mode, file, db),
    ["import", .. var rest] => ImportBenchmark.Run(rest),
    ["screen"] => ScreeningBenchmark.Run(Path.Combine("..", "shared", "data"), 1000, 10),
    ["screen", var data] => ScreeningBenchmark.Run(data, 1000, 10),
    ["screen", var data, var queries, var baseline] => ScreeningBenchmark.Run(data, int.Parse(queries, CultureInfo.InvariantCulture), int.Parse(baseline, CultureInfo.InvariantCulture)),
    ["screen", var data, var queries, var baseline, var dump] => ScreeningBenchmark.Run(data, int.Parse(queries, CultureInfo.InvariantCulture), int.Parse(baseline, CultureInfo.InvariantCulture), dump),
    ["serve", .. var rest] => ServeBenchmark.Run(rest),
    ["compare", .. var rest] => CompareBenchmark.Run(rest),
    ["synthetic", .. var rest] => SyntheticBenchmark.Run(rest),
    ["subjects", .. var rest] => SubjectsBenchmark.Run(rest),
    ["alerts", .. var rest] => AlertsBenchmark.Run(rest),
    ["delta", .. var rest] => DeltaBenchmark.Run(rest),
    ["xref", .. var rest] => XrefBenchmark.Run(rest),
    ["hardneg", .. var rest] => HardNegativeSet.Run(rest),
    ["batch", .. var rest] => BatchBenchmark.Run(rest),
    ["audit", .. var rest] => AuditBenchmark.Run(rest),
    ["bdn", .. var rest] => QueryBenchmarks.Run(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Vigil.Benchmarks import [--data DIR] [--repeat N] [--large-mb MB] | screen [DATA [QUERIES BASELINE-QUERIES]] | serve [DATA] [--seconds S] [--lists un] | compare [DATA] [--queries N] [--cap-seconds S] | synthetic [DATA] [--names N] [--budget-seconds S] | subjects [DATA] [--rows N] | alerts [DATA] [--subjects N] [--alerts N] [--db SPEC] | delta [DATA] [--subjects N] | batch [DATA] [--rows N] | audit [--entries N] [--db SPEC] | bdn [--data DIR] [BenchmarkDotNet options]");
    return 2;
}
