using System.Diagnostics;
using Vigil.Core.Storage;

namespace Vigil.Benchmarks;

/// <summary>Argument reading, the real-lists store and the statistics the comparison modes share.</summary>
internal static class BenchSupport
{
    public static string DefaultData => Path.Combine("..", "shared", "data");

    /// <summary>The data folder: the first argument unless it is an option.</summary>
    public static string Data(string[] args) =>
        args is [var first, ..] && !first.StartsWith("--", StringComparison.Ordinal) ? first : DefaultData;

    public static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>A store at <paramref name="db"/> holding <paramref name="lists"/> (default: the six lists of <c>screen</c>).</summary>
    public static VigilStore ImportLists(string data, string db, IEnumerable<string>? lists = null)
    {
        var store = VigilStore.Open(db);
        foreach (var list in lists ?? ScreeningBenchmark.Lists)
        {
            store.Import(Path.Combine(data, list));
        }
        return store;
    }

    /// <summary>Removes a temporary store folder; SQLite's pooled connections would otherwise keep its files open.</summary>
    public static void DeleteStoreFolder(DirectoryInfo folder)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        folder.Delete(recursive: true);
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)];

    /// <summary>Live managed heap after a full collection, in MB: what stays reachable, not what was allocated.</summary>
    public static double HeapMegabytes() => GC.GetTotalMemory(forceFullCollection: true) / 1048576.0;

    /// <summary>The process's CPU time: on a shared machine, what the work costs when wall time is inflated by others.</summary>
    public static double CpuSeconds()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    public static double PeakWorkingSetMegabytes()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / 1048576.0;
    }

    /// <summary>
    /// Ends the process with exit code 3 once <paramref name="limit"/> has passed, whatever is running: a bound on a
    /// shared machine where a run must not go on for long.
    /// </summary>
    public static Timer Watchdog(string mode, TimeSpan limit) => new(_ =>
    {
        Console.Error.WriteLine($"{mode}: overall time limit of {limit.TotalMinutes:F0} min reached; aborting");
        Environment.Exit(3);
    }, null, limit, Timeout.InfiniteTimeSpan);
}
