using System.Diagnostics;
using System.Globalization;
using System.Text;
using Vigil.Core.Screening;
using Vigil.Matching;
using Vigil.Matching.Screening;

namespace Vigil.Benchmarks;

/// <summary>
/// Scale: corpora of up to a million names made of real name parts (given and family names of the listed persons,
/// words of the listed organisations, each script kept apart), indexed directly, then build time, memory and
/// single-threaded query latency at growing sizes.
/// </summary>
internal static class SyntheticBenchmark
{
    private const int Seed = 1975_05_14;
    private const int RealQueries = 200;
    private const int PerturbedQueries = 200;
    private const double OrganizationShare = 0.1;
    private const string SubjectPrefix = "syn:";
    private static readonly int[] Sizes = [250_000, 500_000, 1_000_000];

    /// <summary>Given, middle and family names and organisation words of one script, repeated as often as listed.</summary>
    private sealed class Parts
    {
        public List<string> Given { get; } = [];
        public List<string> Middle { get; } = [];
        public List<string> Family { get; } = [];
        public List<string> Organization { get; } = [];
        public int PersonNames { get; set; }
        public int OrganizationNames { get; set; }
    }

    public static int Run(string[] args)
    {
        var data = BenchSupport.Data(args);
        var maxNames = int.Parse(BenchSupport.Option(args, "--names") ?? "1000000", CultureInfo.InvariantCulture);
        var budget = TimeSpan.FromSeconds(int.Parse(BenchSupport.Option(args, "--budget-seconds") ?? "600", CultureInfo.InvariantCulture));
        using var watchdog = BenchSupport.Watchdog("synthetic benchmark", budget + TimeSpan.FromMinutes(5));

        var folder = Directory.CreateTempSubdirectory("vigil-bench-synthetic-");
        Dictionary<string, Parts> parts;
        List<ScreeningQuery> real;
        try
        {
            var corpus = ScreeningCorpus.Load(BenchSupport.ImportLists(data, Path.Combine(folder.FullName, "vigil.db")));
            parts = NameParts(corpus.Index.Subjects);
            real = [.. ScreeningBenchmark.QueryNames(data).Where((_, i) => i % 8 == 0).Take(RealQueries)];
        }
        finally
        {
            BenchSupport.DeleteStoreFolder(folder);
        }
        var scripts = parts.Where(p => p.Value.Given.Count >= 50 && p.Value.Family.Count >= 50).OrderByDescending(p => p.Value.PersonNames).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"# synthetic benchmark: names from the parts of {parts.Values.Sum(p => p.PersonNames):N0} person and {parts.Values.Sum(p => p.OrganizationNames):N0} organisation names of {ScreeningBenchmark.Lists.Length} lists; scripts {string.Join(", ", scripts.Select(s => $"{s.Key} {s.Value.Given.Count + s.Value.Family.Count:N0} parts"))}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"# queries: {real.Count} real (yente positives and negatives) + {PerturbedQueries} synthetic names with one typo, reordering or dropped part; one thread; {Environment.ProcessorCount} cores; budget {budget.TotalSeconds:F0} s"));
        Console.WriteLine();
        Console.WriteLine($"{"names",9} {"subjects",9} {"build s",8} {"index MB",8} {"peak WS MB",10} {"p50 ms",8} {"p99 ms",8} {"mean ms",8} {"p50 real",8} {"p50 synth",9} {"found@10",8} {"lost",5}");

        var clock = Stopwatch.StartNew();
        var previous = TimeSpan.Zero;
        var sizes = Sizes.Where(n => n < maxNames).Append(maxNames).ToList();
        foreach (var size in sizes)
        {
            // The next size doubles the work; it is skipped, and said so, when it could not finish within the budget.
            if (clock.Elapsed + previous * 2.5 > budget)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"# {size:N0} names skipped: the last size took {previous.TotalSeconds:F0} s and {clock.Elapsed.TotalSeconds:F0} s of the {budget.TotalSeconds:F0} s budget are spent"));
                break;
            }
            var started = clock.Elapsed;
            Step(size, scripts, real);
            previous = clock.Elapsed - started;
        }
        return 0;
    }

    private static void Step(int size, List<KeyValuePair<string, Parts>> scripts, List<ScreeningQuery> real)
    {
        var random = new Random(Seed);
        var subjects = Generate(size, scripts, random);
        var heap = BenchSupport.HeapMegabytes();
        var clock = Stopwatch.StartNew();
        var index = ScreeningIndex.Build(subjects);
        var build = clock.Elapsed.TotalSeconds;
        var indexMb = BenchSupport.HeapMegabytes() - heap;
        var peak = BenchSupport.PeakWorkingSetMegabytes();

        var perturbed = new List<(ScreeningQuery Query, string Expected)>(PerturbedQueries);
        while (perturbed.Count < PerturbedQueries)
        {
            var subject = subjects[random.Next(subjects.Count)];
            var name = Perturb(subject.Names[0].Text, random);
            if (name != subject.Names[0].Text)
            {
                perturbed.Add((new ScreeningQuery(name, subject.Kind), subject.Id));
            }
        }
        var options = new MatchOptions();
        foreach (var q in real.Take(20))
        {
            index.Search(q, options);
        }
        var realMs = real.Select(q => Time(() => index.Search(q, options))).ToList();
        var found = 0;
        var lost = new List<string>();
        var synthMs = new List<double>(perturbed.Count);
        foreach (var (query, expected) in perturbed)
        {
            IReadOnlyList<ScreeningResult> results = [];
            synthMs.Add(Time(() => results = index.Search(query, options)));
            if (results.Any(r => r.Subject.Id == expected))
            {
                found++;
                continue;
            }
            // A miss the matcher itself would have alerted on, and that ten better results do not explain, is one the
            // index lost; the rest are the matcher declining the variant or a crowd of equal names.
            var subject = subjects[int.Parse(expected.AsSpan(SubjectPrefix.Length), CultureInfo.InvariantCulture)];
            var direct = subject.Names.Max(n => NameMatcher.Compare(query.Name, n.Text, query.Kind, index.Rarity).Score);
            if (direct >= options.Threshold && (results.Count < options.Limit || results[^1].Score < direct))
            {
                lost.Add(string.Create(CultureInfo.InvariantCulture, $"{query.Name} -> {subject.Names[0].Text} ({direct:F2})"));
            }
        }
        var all = realMs.Concat(synthMs).Order().ToList();
        realMs.Sort();
        synthMs.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{index.NameCount,9:N0} {subjects.Count,9:N0} {build,8:F1} {indexMb,8:F0} {peak,10:F0} {BenchSupport.Percentile(all, 0.5),8:F2} {BenchSupport.Percentile(all, 0.99),8:F2} {all.Average(),8:F2} {BenchSupport.Percentile(realMs, 0.5),8:F2} {BenchSupport.Percentile(synthMs, 0.5),9:F2} {100.0 * found / perturbed.Count,7:F1}% {lost.Count,5}"));
        foreach (var miss in lost.Take(5))
        {
            Console.WriteLine($"#   lost: {miss}");
        }
    }

    private static double Time(Action action)
    {
        var start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    /// <summary>
    /// Name parts by script. A person name "FAMILY, Given Middle" (the lists' surname-first form) is read by its comma;
    /// otherwise the first word is the given name and the last the family name. Parts are kept with their repeats,
    /// so common names stay common and token rarity looks like the lists'.
    /// </summary>
    private static Dictionary<string, Parts> NameParts(IReadOnlyList<ScreeningSubject> subjects)
    {
        var parts = new Dictionary<string, Parts>(StringComparer.Ordinal);
        foreach (var subject in subjects)
        {
            foreach (var name in subject.Names)
            {
                var script = ScriptDetector.Detect(name.Text);
                if (!parts.TryGetValue(script, out var p))
                {
                    parts[script] = p = new Parts();
                }
                if (subject.Kind == PartyKind.Person)
                {
                    var comma = name.Text.IndexOf(',', StringComparison.Ordinal);
                    var words = comma > 0
                        ? [.. Words(name.Text[(comma + 1)..]), .. Words(name.Text[..comma])]
                        : Words(name.Text);
                    if (words.Count < 2)
                    {
                        continue;
                    }
                    p.PersonNames++;
                    p.Given.Add(words[0]);
                    p.Family.Add(words[^1]);
                    p.Middle.AddRange(words.Skip(1).SkipLast(1));
                }
                else if (subject.Kind == PartyKind.Organization)
                {
                    p.OrganizationNames++;
                    p.Organization.AddRange(Words(name.Text));
                }
            }
        }
        return parts;
    }

    private static List<string> Words(string text) =>
        [.. text.Split([' ', '\t', ',', ';', '(', ')', '"'], StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length >= 2 && !w.Any(char.IsDigit))];

    /// <summary>
    /// Subjects until there are <paramref name="names"/> names: a script drawn as often as the lists use it, a
    /// person of given (middle) family name with a surname-first alias and sometimes a second given name, or an
    /// organisation of two to four words.
    /// </summary>
    private static List<ScreeningSubject> Generate(int names, List<KeyValuePair<string, Parts>> scripts, Random random)
    {
        var weights = scripts.Select(s => (double)s.Value.PersonNames).ToArray();
        var total = weights.Sum();
        var subjects = new List<ScreeningSubject>(names / 2);
        var count = 0;
        while (count < names)
        {
            var pick = random.NextDouble() * total;
            var script = 0;
            while (script < scripts.Count - 1 && pick >= weights[script])
            {
                pick -= weights[script++];
            }
            var p = scripts[script].Value;
            var subjectNames = new List<SubjectName>(3);
            PartyKind kind;
            if (p.Organization.Count >= 50 && random.NextDouble() < OrganizationShare)
            {
                kind = PartyKind.Organization;
                var words = Enumerable.Range(0, random.Next(2, 5)).Select(_ => Draw(p.Organization, random));
                subjectNames.Add(new SubjectName(string.Join(' ', words)));
            }
            else
            {
                kind = PartyKind.Person;
                var given = Draw(p.Given, random);
                var family = Draw(p.Family, random);
                var middle = p.Middle.Count > 0 && random.NextDouble() < 0.4 ? " " + Draw(p.Middle, random) : "";
                subjectNames.Add(new SubjectName($"{given}{middle} {family}"));
                subjectNames.Add(new SubjectName($"{family}, {given}{middle}"));
                if (random.NextDouble() < 0.3)
                {
                    subjectNames.Add(new SubjectName($"{Draw(p.Given, random)} {given} {family}"));
                }
            }
            subjects.Add(new ScreeningSubject(string.Create(CultureInfo.InvariantCulture, $"{SubjectPrefix}{subjects.Count}"), kind, subjectNames, [], [], []));
            count += subjectNames.Count;
        }
        return subjects;
    }

    private static string Draw(List<string> from, Random random) => from[random.Next(from.Count)];

    /// <summary>A name as a customer record might hold it: one letter changed, dropped or swapped, the words reordered, or a middle word left out.</summary>
    private static string Perturb(string name, Random random)
    {
        var words = name.Replace(",", "", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        switch (random.Next(4))
        {
            case 0 when words.Count >= 2:
                words.Reverse();
                return string.Join(' ', words);
            case 1 when words.Count >= 3:
                words.RemoveAt(random.Next(1, words.Count - 1));
                return string.Join(' ', words);
            default:
                var w = random.Next(words.Count);
                if (words[w].Length < 4)
                {
                    return string.Join(' ', words);
                }
                var letters = new StringBuilder(words[w]);
                var at = random.Next(1, letters.Length - 1);
                switch (random.Next(3))
                {
                    case 0:
                        letters.Remove(at, 1);
                        break;
                    case 1:
                        (letters[at], letters[at + 1]) = (letters[at + 1], letters[at]);
                        break;
                    default:
                        // A letter of the same word, so a typo never brings in another script.
                        letters[at] = letters[at - 1];
                        break;
                }
                words[w] = letters.ToString();
                return string.Join(' ', words);
        }
    }
}
