using System.Diagnostics;
using Vigil.Core.Sources;
using Vigil.Fuzz;
using Vigil.Tests;

namespace Vigil.Server.Tests.Fuzz;

/// <summary>
/// Keeps the fuzz harness (bench/Vigil.Fuzz, run under AFL++ by bench/fuzz) from rotting: every target's entry point
/// reads its seeds, cut from the shared files, and a few dozen mutations of each in process, with no exception but the
/// readers' own format errors; and each crash AFL found stays fixed.
/// </summary>
public sealed class FuzzTargetsTests : IDisposable
{
    private const int MutationsPerSeed = 30;

    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "vigil-tests", $"fuzz-{Guid.NewGuid():N}");

    public static TheoryData<string> Targets() => [.. FuzzTargets.Names];

    public void Dispose()
    {
        if (Directory.Exists(_scratch))
        {
            Directory.Delete(_scratch, recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Each_target_reads_its_seeds_and_their_mutations_with_only_format_errors(string target)
    {
        var seeds = FuzzSeeds.For(target, TestData.Path(""));
        Assert.NotEmpty(seeds);
        var random = new Random(15);
        var clock = Stopwatch.StartNew();
        foreach (var (_, seed) in seeds)
        {
            Assert.InRange(seed.Length, 1, 256 * 1024);
            FuzzTargets.Run(target, seed, _scratch);
            for (var i = 0; i < MutationsPerSeed; i++)
            {
                var mutant = Mutate(seed, random);
                try
                {
                    FuzzTargets.Run(target, mutant, _scratch);
                }
                catch (Exception e)
                {
                    var saved = Path.Combine(Path.GetTempPath(), $"vigil-fuzz-{target}-{Guid.NewGuid():N}.bin");
                    File.WriteAllBytes(saved, mutant);
                    Assert.Fail($"{target}: mutation {i} (saved as {saved}) ended in {e}");
                }
            }
        }
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"{target} took {clock.Elapsed}");
    }

    [Fact]
    public void A_UN_file_whose_first_bytes_are_not_UTF_8_fails_as_a_format_error_at_its_position()
    {
        // Found by AFL (un target): the XML reader decodes the first bytes when it is created, outside the record loop.
        var bytes = File.ReadAllBytes(TestData.Path("un/consolidated.xml"));
        bytes[3] = 0xE8;
        bytes[4] = 0x03;
        bytes[5] = 0x00;
        var path = Path.Combine(_scratch, "un-bad-encoding.xml");
        Directory.CreateDirectory(_scratch);
        File.WriteAllBytes(path, bytes);

        var e = Assert.Throws<ListFormatException>(() => new UnScXmlParser().Read(ListInput.Open(path), new ListHeader(), TestContext.Current.CancellationToken).ToList());
        Assert.Equal(path, e.File);
        Assert.StartsWith("line 1, column ", e.Location, StringComparison.Ordinal);
    }

    [Fact]
    public void A_BIS_file_whose_header_names_a_column_twice_fails_as_a_format_error_at_line_1()
    {
        // Found by AFL (bis target, 4 crashes): Sep's ArgumentException for a repeated header name escaped the parser.
        var text = File.ReadAllText(TestData.Path("other/us-bis-dpl/dpl.txt"));
        var path = Path.Combine(_scratch, "dpl-repeated-column.txt");
        Directory.CreateDirectory(_scratch);
        File.WriteAllText(path, text.Replace("\"State\"", "\"City\"", StringComparison.Ordinal));

        var e = Assert.Throws<ListFormatException>(() => new BisDplParser().Read(ListInput.Open(path), new ListHeader(), TestContext.Current.CancellationToken).ToList());
        Assert.Equal(path, e.File);
        Assert.Equal("line 1", e.Location);
        Assert.Contains("City", e.Problem, StringComparison.Ordinal);
    }

    /// <summary>AFL's cheapest mutations: flip, set to an edge value, insert, delete, duplicate a slice, cut short.</summary>
    private static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = new List<byte>(seed);
        for (var n = random.Next(1, 6); n > 0 && bytes.Count > 0; n--)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes[at] = (byte)(random.Next(2) == 0 ? random.Next(256) : new byte[] { 0, 0x1A, (byte)'"', (byte)'<', (byte)'>', 0xFF }[random.Next(6)]);
                    break;
                case 2:
                    bytes.Insert(at, (byte)random.Next(256));
                    break;
                case 3:
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 64), bytes.Count - at));
                    break;
                case 4:
                    var length = Math.Min(random.Next(1, 256), bytes.Count - at);
                    bytes.InsertRange(random.Next(bytes.Count), bytes.GetRange(at, length));
                    break;
                default:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
            }
        }
        return [.. bytes];
    }
}
