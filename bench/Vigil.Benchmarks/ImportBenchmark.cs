using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Vigil.Core.Storage;

namespace Vigil.Benchmarks;

/// <summary>
/// Import time and peak memory per shared list file, each run in a fresh process, against a baseline measured in
/// the same run: a process that only reads the file and hashes it (the floor any import pays).
/// </summary>
internal static class ImportBenchmark
{
    private static readonly string[] Files =
    [
        "un/consolidated.xml",
        "ofac/sdn-csv-2024-05-03/sdn.csv",
        "ofac/sdn-csv-2021",
        "ofac/consolidated-csv",
        "ofac/consolidated-xml/consolidated.xml",
        "ofac/consolidated-enhanced-xml/cons_enhanced.xml",
        "ofac/consolidated-advanced-xml/cons_advanced.xml",
        "uk/ConList.xlsx",
        "australia/regulation8_consolidated.xlsx",
        "canada/sema-lemss.xml",
        "eu/fsf-1_1-2022-03-18-TRUNCATED-first1044.xml",
        "other/us-bis-dpl/dpl.txt",
    ];

    public static int Run(string[] args)
    {
        var data = BenchSupport.Option(args, "--data") ?? Path.Combine(FindRoot(), "..", "shared", "data");
        var repeat = int.Parse(BenchSupport.Option(args, "--repeat") ?? "3", CultureInfo.InvariantCulture);
        var largeMb = int.Parse(BenchSupport.Option(args, "--large-mb") ?? "100", CultureInfo.InvariantCulture);
        var self = Environment.ProcessPath!;
        var dll = typeof(ImportBenchmark).Assembly.Location;
        Console.WriteLine($"# import benchmark: best of {repeat} runs per file, each in a fresh process; baseline = read + SHA-256 of the same bytes");
        Console.WriteLine($"{"file",-52} {"entities",9} {"import ms",10} {"base ms",8} {"x base",7} {"peak MB",8} {"base MB",8} {"x base",7}");
        var large = largeMb > 0 ? WriteLargeUnList(Path.Combine(data, "un", "consolidated.xml"), largeMb) : null;
        foreach (var relative in large is null ? Files : [.. Files, large])
        {
            var path = Path.GetFullPath(Path.IsPathRooted(relative) ? relative : Path.Combine(data, relative));
            if (!File.Exists(path) && !Directory.Exists(path))
            {
                continue;
            }
            var import = Best(repeat, () => Measure(self, dll, "import", path));
            var baseline = Best(repeat, () => Measure(self, dll, "baseline", path));
            if (import is null || baseline is null)
            {
                Console.WriteLine($"{relative,-52} failed");
                continue;
            }
            var label = relative == large ? $"synthetic UN list, {new FileInfo(large).Length / 1048576} MB" : relative;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{label,-52} {import.Value.Entities,9} {import.Value.Ms,10:F0} {baseline.Value.Ms,8:F0} {import.Value.Ms / baseline.Value.Ms,7:F1} {import.Value.PeakMb,8:F0} {baseline.Value.PeakMb,8:F0} {import.Value.PeakMb / baseline.Value.PeakMb,7:F1}"));
        }
        if (large is not null)
        {
            File.Delete(large);
        }
        return 0;
    }

    /// <summary>
    /// The real UN list's records repeated under fresh reference numbers until the file reaches <paramref name="megabytes"/>:
    /// a stand-in for the largest lists (OFAC's SDN XML is over 100 MB) to show memory stays bounded.
    /// </summary>
    private static string WriteLargeUnList(string unFile, int megabytes)
    {
        var text = File.ReadAllText(unFile);
        var start = text.IndexOf("<INDIVIDUAL>", StringComparison.Ordinal);
        var end = text.LastIndexOf("</INDIVIDUAL>", StringComparison.Ordinal) + "</INDIVIDUAL>".Length;
        var individuals = text[start..end];
        var path = Path.Combine(Path.GetTempPath(), $"vigil-bench-large-un-{Guid.NewGuid():N}.xml");
        using var writer = new StreamWriter(path);
        writer.Write(text[..start]);
        var copy = 0;
        while (writer.BaseStream.Length < megabytes * 1048576L)
        {
            copy++;
            writer.Write(individuals.Replace("<REFERENCE_NUMBER>", $"<REFERENCE_NUMBER>X{copy}-", StringComparison.Ordinal));
            writer.Flush();
        }
        writer.Write(text[end..]);
        return path;
    }

    /// <summary>One measured run; prints "ms peakMb entities" for the parent.</summary>
    public static int Child(string mode, string file, string db)
    {
        var clock = Stopwatch.StartNew();
        var entities = 0;
        if (mode == "import")
        {
            entities = VigilStore.Open(db).Import(file).Entities;
        }
        else
        {
            foreach (var f in Directory.Exists(file) ? Directory.GetFiles(file) : [file])
            {
                using var stream = File.OpenRead(f);
                SHA256.HashData(stream);
            }
        }
        var ms = clock.Elapsed.TotalMilliseconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{ms:F1} {PeakMegabytes():F1} {entities}"));
        return 0;
    }

    private static (double Ms, double PeakMb, int Entities)? Best(int repeat, Func<(double, double, int)?> run)
    {
        (double Ms, double PeakMb, int Entities)? best = null;
        for (var i = 0; i < repeat; i++)
        {
            var r = run();
            if (r is null)
            {
                return null;
            }
            best = best is null ? r : (Math.Min(best.Value.Ms, r.Value.Item1), Math.Min(best.Value.PeakMb, r.Value.Item2), r.Value.Item3);
        }
        return best;
    }

    private static (double, double, int)? Measure(string host, string dll, string mode, string path)
    {
        var db = Path.Combine(Path.GetTempPath(), $"vigil-bench-{Guid.NewGuid():N}.db");
        var start = host.EndsWith("dotnet", StringComparison.Ordinal)
            ? new ProcessStartInfo(host, ["exec", dll, "child", mode, path, db])
            : new ProcessStartInfo(host, ["child", mode, path, db]);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        foreach (var f in new[] { db, db + "-wal", db + "-shm" })
        {
            File.Delete(f);
        }
        if (process.ExitCode != 0)
        {
            Console.Error.WriteLine($"{path}: {error.Trim().Split('\n')[0]}");
            return null;
        }
        var parts = output.Trim().Split(' ');
        return (double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture));
    }

    /// <summary>The process's peak resident set (VmHWM), which includes the runtime's own footprint.</summary>
    private static double PeakMegabytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return double.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture) / 1024;
            }
        }
        return Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Vigil.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }
}
