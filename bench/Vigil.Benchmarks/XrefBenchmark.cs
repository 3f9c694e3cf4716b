using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Vigil.Core.Merge;

namespace Vigil.Benchmarks;

/// <summary>
/// Cross-list linking: the full automatic pass over four lists (UN, OFAC SDN, UK, Australia), then a typical daily
/// update (the UN list again with a handful of records amended) and the incremental step every import runs after it.
/// The baseline is the import of that update alone, which the linking step follows.
/// </summary>
internal static partial class XrefBenchmark
{
    private static readonly string[] Lists =
        ["un/consolidated.xml", "ofac/sdn-csv-2024-05-03/sdn.csv", "uk/ConList.xlsx", "australia/regulation8_consolidated.xlsx"];

    public static int Run(string[] args)
    {
        var data = BenchSupport.Data(args);
        var amended = int.Parse(BenchSupport.Option(args, "--amended") ?? "20", CultureInfo.InvariantCulture);
        using var watchdog = BenchSupport.Watchdog("xref benchmark", TimeSpan.FromMinutes(20));
        var folder = Directory.CreateTempSubdirectory("vigil-bench-xref-");
        try
        {
            var store = BenchSupport.ImportLists(data, Path.Combine(folder.FullName, "vigil.db"), Lists);
            var clock = Stopwatch.StartNew();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var full = CrossListLinker.LinkAutomatically(store, only: null);
            Report("full automatic pass (every record)", full.Linked.Count, clock.Elapsed, ref cpu);

            var update = Path.Combine(folder.FullName, "consolidated.xml");
            var count = 0;
            File.WriteAllText(update, FirstName().Replace(File.ReadAllText(Path.Combine(data, Lists[0])), m => count++ < amended ? m.Value + "A" : m.Value));
            clock.Restart();
            cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var import = store.Import(update);
            Report($"baseline: import of the update ({import.Changed} records changed)", import.Changed, clock.Elapsed, ref cpu);
            clock.Restart();
            cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var step = CrossListLinker.LinkImported(store, import);
            Report("incremental step after that import", step.Linked.Count + step.AlreadyLinked.Count, clock.Elapsed, ref cpu);
            return 0;
        }
        finally
        {
            BenchSupport.DeleteStoreFolder(folder);
        }
    }

    /// <summary>Wall-clock and processor seconds: on a shared machine the processor time is the figure to compare.</summary>
    private static void Report(string what, int links, TimeSpan elapsed, ref TimeSpan cpu)
    {
        var now = Process.GetCurrentProcess().TotalProcessorTime;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what,-60} {links,7:N0} links {elapsed.TotalSeconds,8:F2} s wall {(now - cpu).TotalSeconds,8:F2} s processor"));
        cpu = now;
    }

    [GeneratedRegex("(?<=<FIRST_NAME>)[^<]+")]
    private static partial Regex FirstName();
}
