using Vigil.Benchmarks;

// Timed harness (not BenchmarkDotNet: one import is seconds of I/O and SQL, and peak memory must be read per process).
// Usage: vigil-bench import [--data ../shared/data] [--repeat N]
//        vigil-bench child <mode> <file> <db>   (internal: one measured run in a fresh process)
return args switch
{
    ["child", var mode, var file, var db] => ImportBenchmark.Child(mode, file, db),
    ["import", .. var rest] => ImportBenchmark.Run(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Vigil.Benchmarks import [--data DIR] [--repeat N]");
    return 2;
}
