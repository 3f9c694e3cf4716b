using SharpFuzz;
using Vigil.Fuzz;

// vigil-fuzz afl TARGET            one AFL++ run (started by afl-fuzz through bench/fuzz; input on stdin)
// vigil-fuzz seeds TARGET DATA DIR writes the target's seeds, cut from the shared list files in DATA
// vigil-fuzz check TARGET FILE...  runs saved inputs (AFL's crashes) in process and says how each ends
if (args is not [var command, var target, ..] || !FuzzTargets.Names.Contains(target))
{
    Console.Error.WriteLine($"usage: vigil-fuzz afl|seeds|check TARGET ...; targets: {string.Join(", ", FuzzTargets.Names)}");
    return 2;
}
var scratch = Path.Combine(Path.GetTempPath(), $"vigil-fuzz-{target}-{Environment.ProcessId}");
switch (command)
{
    case "afl":
        try
        {
            Fuzzer.OutOfProcess.Run(stream =>
            {
                using var memory = new MemoryStream();
                stream.CopyTo(memory);
                FuzzTargets.Run(target, memory.ToArray(), scratch);
            });
        }
        finally
        {
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
        return 0;
    case "seeds" when args.Length == 4:
        Directory.CreateDirectory(args[3]);
        foreach (var (name, bytes) in FuzzSeeds.For(target, args[2]))
        {
            File.WriteAllBytes(Path.Combine(args[3], name), bytes);
        }
        return 0;
    case "check":
        var failed = 0;
        foreach (var file in args.Skip(2))
        {
            try
            {
                FuzzTargets.Run(target, File.ReadAllBytes(file), scratch);
                Console.WriteLine($"{file}: ok");
            }
#pragma warning disable CA1031 // Reports every way an input can fail, which is the point of the check.
            catch (Exception e)
#pragma warning restore CA1031
            {
                failed++;
                Console.WriteLine($"{file}: {e}");
            }
        }
        return failed == 0 ? 0 : 1;
    default:
        Console.Error.WriteLine("usage: vigil-fuzz afl|seeds|check TARGET ...");
        return 2;
}
