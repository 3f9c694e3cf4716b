using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Vigil.Core.Screening;
using Vigil.Core.Storage;
using Vigil.Core.Workflow;
using Vigil.Core.Workflow.Monitoring;

namespace Vigil.Benchmarks;

/// <summary>
/// The delta plan at scale: a store holding the six shared lists and N synthetic monitored customers (real name
/// parts, as <c>subjects</c> makes them) with their candidate keys, then new UN and OFAC snapshots that add, remove
/// and change about 60 real records (names respelled, dates of birth moved, remarks reworded). Measures the key table
/// build and size, and the time from the snapshot diff to the plan, and how many subjects the plan selects; then
/// re-screens the selected subjects, so the time a delta run needs can be set against a full re-screen.
/// </summary>
internal static partial class DeltaBenchmark
{
    private const int Seed = 2016_02_29;
    private static readonly string[] CountryCodes = ["de", "fr", "es", "jp", "tj", "ru", "us", "gb", "it", "ng"];

    public static int Run(string[] args)
    {
        var data = BenchSupport.Data(args);
        var rows = int.Parse(BenchSupport.Option(args, "--subjects") ?? "1000000", CultureInfo.InvariantCulture);
        using var watchdog = BenchSupport.Watchdog("delta benchmark", TimeSpan.FromMinutes(40));
        var folder = Directory.CreateTempSubdirectory("vigil-bench-delta-");
        try
        {
            var random = new Random(Seed);
            var un = File.ReadAllText(Path.Combine(data, "un/consolidated.xml"));
            var ofac = File.ReadAllLines(Path.Combine(data, "ofac/sdn-csv-2024-05-03/sdn.csv"), Encoding.Latin1);
            var (unBefore, unAfter, unCounts) = UnVariants(un, random);
            var (ofacBefore, ofacAfter, ofacCounts) = OfacVariants(ofac, random);
            var unN = Write(folder, "un-before.xml", unBefore);
            var unN1 = Write(folder, "un-after.xml", unAfter);
            var ofacN = WriteLines(folder, "sdn-before.csv", ofacBefore);
            var ofacN1 = WriteLines(folder, "sdn-after.csv", ofacAfter);

            var db = Path.Combine(folder.FullName, "vigil.db");
            var clock = Stopwatch.StartNew();
            var store = VigilStore.Open(db);
            store.Import(unN);
            store.Import(ofacN);
            foreach (var list in ScreeningBenchmark.Lists.Skip(2))
            {
                store.Import(Path.Combine(data, list));
            }
            var before = ScreeningCorpus.Load(store);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"# delta benchmark: lists {string.Join(", ", before.Snapshots.Select(s => s.Source))} ({before.EntityCount:N0} entities) imported and loaded in {clock.Elapsed.TotalSeconds:F1} s; SQLite; {Environment.ProcessorCount} cores"));

            clock.Restart();
            InsertSubjects(store, before, rows, random);
            Report("subjects written (plain rows, no screening)", rows, clock.Elapsed);
            var sizeBefore = new FileInfo(db).Length;
            clock.Restart();
            var filled = store.FillSubjectKeysAsync().GetAwaiter().GetResult();
            var fill = clock.Elapsed;
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            var (monitored, keys) = store.SubjectKeyCountsAsync().GetAwaiter().GetResult();
            Report($"candidate keys computed and stored ({keys:N0} rows, {keys / (double)monitored:F1} per subject)", filled, fill);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"key table and its index: {(new FileInfo(db).Length + WalLength(db) - sizeBefore) / 1048576.0:F0} MB of store file growth"));

            // Every subject screened and recorded at N, as monitoring leaves them: what the plan reads of their scores.
            var cpu = BenchSupport.CpuSeconds();
            var initial = new SubjectMonitor(store, before, "bench").RunAsync(full: true).GetAwaiter().GetResult();
            var initialCpu = BenchSupport.CpuSeconds() - cpu;
            Report($"full monitoring re-screen at N ({initial.Hits:N0} with hits, {initial.AlertsRaised:N0} alerts; CPU {initialCpu:F0} s, {1000 * initialCpu / Math.Max(1, initial.Screened):F2} ms a row)", initial.Screened, initial.Elapsed);

            clock.Restart();
            var unImport = store.Import(unN1);
            var ofacImport = store.Import(ofacN1);
            var imported = clock.Elapsed;
            clock.Restart();
            var after = ScreeningCorpus.Load(store);
            var loaded = clock.Elapsed;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"new snapshots: UN +{unImport.Added} -{unImport.Removed} ~{unImport.Changed} ({unCounts}), OFAC +{ofacImport.Added} -{ofacImport.Removed} ~{ofacImport.Changed} ({ofacCounts}); imported in {imported.TotalSeconds:F1} s, corpus reloaded in {loaded.TotalSeconds:F1} s"));

            clock.Restart();
            var plan = DeltaPlan.ComputeAsync(store, before, after).GetAwaiter().GetResult();
            var planTime = clock.Elapsed;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"plan: {plan.Subjects.Count:N0} of {plan.MonitoredSubjects:N0} subjects ({100.0 * plan.Subjects.Count / plan.MonitoredSubjects:F2}%; {plan.SelectedByKey:N0} of {plan.KeyHolders:N0} key holders kept by the probe, {plan.SelectedByHit:N0} by hit, {plan.SelectedByScore:N0} by recorded score) from {plan.RecordsTouched} records touched, {plan.EntitiesChanged} entity versions probed, {plan.ListedKeys:N0} listed keys meeting {plan.KeysMet:N0} subject keys; rarity shift {plan.RarityShift:G3}, {plan.TokensMoved} tokens moved, score margin {plan.ScoreMargin:G3}; diff to plan {planTime.TotalSeconds:F2} s (load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]})"));

            // The delta run as monitoring does it, from the import's commit to the alerts written: the corpus (which
            // `vigil serve` holds already) is loaded above; the run works out its own plan again.
            cpu = BenchSupport.CpuSeconds();
            var run = new SubjectMonitor(store, after, "bench").RunAsync().GetAwaiter().GetResult();
            var runCpu = BenchSupport.CpuSeconds() - cpu;
            Report($"delta run: plan, re-screen, rules, delistings ({run.AlertsRaised:N0} alerts; CPU {runCpu:F1} s)", run.Screened, run.Elapsed);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"# import commit to alerts written: {(loaded + run.Elapsed).TotalSeconds:F1} s with the corpus load ({run.Elapsed.TotalSeconds:F1} s without), {run.Screened:N0} of {plan.MonitoredSubjects:N0} subjects re-screened ({100.0 * run.Screened / plan.MonitoredSubjects:F2}%); the full re-screen at N took {initial.Elapsed.TotalSeconds:F0} s; peak working set {BenchSupport.PeakWorkingSetMegabytes():F0} MB"));
            var configuration = ScreeningConfiguration.For("default");

            // What the plan leaves out can still move through token rarity alone: a sample of those subjects screened
            // against both corpora, every result above the cutoff compared.
            clock.Restart();
            var planned = plan.Subjects.ToHashSet();
            var sampleIds = Enumerable.Range(1, rows).Select(i => (long)i).Where(i => !planned.Contains(i)).OrderBy(_ => random.Next()).Take(5000).ToList();
            var largest = 0.0;
            var crossed = 0;
            var gate = new Lock();
            Parallel.ForEach(SubjectFieldsOf(store, sampleIds), f =>
            {
                var was = Results(before, f, configuration);
                var now = Results(after, f, configuration);
                var move = was.Keys.Intersect(now.Keys).Select(k => Math.Abs(was[k] - now[k])).DefaultIfEmpty(0).Max();
                var differs = !was.Where(r => r.Value >= configuration.Options.Threshold).Select(r => (r.Key, RecordedHit.BandOf(r.Value)))
                    .ToHashSet().SetEquals(now.Where(r => r.Value >= configuration.Options.Threshold).Select(r => (r.Key, RecordedHit.BandOf(r.Value))));
                lock (gate)
                {
                    largest = Math.Max(largest, move);
                    crossed += differs ? 1 : 0;
                }
            });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"unplanned sample: {sampleIds.Count:N0} subjects screened against both corpora in {clock.Elapsed.TotalSeconds:F1} s; largest score move {largest:G3} (score margin {plan.ScoreMargin:G3}); {crossed} with a different hit set or band"));
            return 0;
        }
        finally
        {
            BenchSupport.DeleteStoreFolder(folder);
        }
    }

    private static long WalLength(string db) => File.Exists(db + "-wal") ? new FileInfo(db + "-wal").Length : 0;

    private static void Report(string what, long rows, TimeSpan elapsed) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what,-75} {rows,10:N0} rows {elapsed.TotalSeconds,8:F1} s {rows / Math.Max(elapsed.TotalSeconds, 1e-9),10:N0} rows/s; process CPU so far {BenchSupport.CpuSeconds():F0} s"));

    // The machine is shared: the process's own CPU time says what the work costs when wall time is inflated by others.
    private static string Write(DirectoryInfo folder, string name, string text)
    {
        var path = Path.Combine(folder.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string WriteLines(DirectoryInfo folder, string name, IEnumerable<string> lines)
    {
        var path = Path.Combine(folder.FullName, name);
        File.WriteAllLines(path, lines, Encoding.Latin1);
        return path;
    }

    /// <summary>
    /// The UN list without 10 individuals (snapshot N), then with them and without 5 others, 8 dates of birth moved a
    /// year and 7 second names respelled (snapshot N+1).
    /// </summary>
    private static (string Before, string After, string Counts) UnVariants(string xml, Random random)
    {
        var blocks = Individual().Matches(xml).ToList();
        var picked = Enumerable.Range(0, blocks.Count).OrderBy(_ => random.Next()).Take(35).ToList();
        var missingBefore = picked.Take(10).ToHashSet();
        var removedAfter = picked.Skip(10).Take(5).ToHashSet();
        var dobMoved = picked.Skip(15).Take(8).ToHashSet();
        var respelled = picked.Skip(23).Take(7).ToHashSet();
        string Build(Func<int, string, string?> edit)
        {
            var text = new StringBuilder();
            var at = 0;
            for (var i = 0; i < blocks.Count; i++)
            {
                text.Append(xml, at, blocks[i].Index - at);
                text.Append(edit(i, blocks[i].Value));
                at = blocks[i].Index + blocks[i].Length;
            }
            return text.Append(xml, at, xml.Length - at).ToString();
        }
        var before = Build((i, block) => missingBefore.Contains(i) ? "" : block);
        var after = Build((i, block) =>
            removedAfter.Contains(i) ? ""
            : dobMoved.Contains(i) ? Year().Replace(block, m => $"<YEAR>{int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) + 1}</YEAR>", 1)
            : respelled.Contains(i) ? SecondName().Replace(block, m => $"<SECOND_NAME>{Swap(m.Groups[1].Value)}</SECOND_NAME>", 1)
            : block);
        return (before, after, "10 added, 5 removed, 8 dates of birth moved, 7 names respelled");
    }

    /// <summary>The OFAC SDN file without 10 rows (N), then with them and without 5 others, 8 names respelled and 7 remarks reworded (N+1).</summary>
    private static (List<string> Before, List<string> After, string Counts) OfacVariants(string[] lines, Random random)
    {
        var rows = Enumerable.Range(0, lines.Length).Where(i => lines[i].Length > 0 && char.IsAsciiDigit(lines[i][0])).ToList();
        var picked = rows.OrderBy(_ => random.Next()).Take(35).ToList();
        var missingBefore = picked.Take(10).ToHashSet();
        var removedAfter = picked.Skip(10).Take(5).ToHashSet();
        var respelled = picked.Skip(15).Take(8).ToHashSet();
        // Remarks are reworded only where there were none: a remark holds commas and quotes of its own.
        var reworded = rows.Where(i => lines[i].EndsWith("-0- ", StringComparison.Ordinal) && !picked.Contains(i)).OrderBy(_ => random.Next()).Take(7).ToHashSet();
        var before = lines.Where((_, i) => !missingBefore.Contains(i)).ToList();
        var after = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (removedAfter.Contains(i))
            {
                continue;
            }
            var line = lines[i];
            if (respelled.Contains(i))
            {
                line = OfacName().Replace(line, m => $"{m.Groups[1].Value}\"{Swap(m.Groups[2].Value)}\"", 1);
            }
            else if (reworded.Contains(i))
            {
                line = line[..^4] + "\"Reworded remark.\"";
            }
            after.Add(line);
        }
        return (before, after, "10 added, 5 removed, 8 names respelled, 7 remarks reworded");
    }

    /// <summary>Two adjacent letters of the last word of four letters or more swapped: a real name, respelled.</summary>
    private static string Swap(string name)
    {
        var words = name.Split(' ');
        for (var w = words.Length - 1; w >= 0; w--)
        {
            var word = words[w];
            if (word.Length >= 4 && word.All(char.IsLetter))
            {
                words[w] = word[..1] + word[2] + word[1] + word[3..];
                break;
            }
        }
        return string.Join(' ', words);
    }

    /// <summary>
    /// Subjects and their first versions as plain rows (the keys are then built by <see cref="VigilStore.FillSubjectKeysAsync"/>):
    /// a given and a family name of listed persons, a date of birth and a country, monitored.
    /// </summary>
    private static void InsertSubjects(VigilStore store, ScreeningCorpus corpus, int rows, Random random)
    {
        var (given, family) = SubjectsBenchmark.NameParts(corpus);
        var now = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        using var connection = store.Connect();
        const int Batch = 32;
        for (var start = 0; start < rows; start += 50_000)
        {
            using var transaction = connection.BeginTransaction();
            using var subjects = Insert(connection, transaction, "subjects", ["id", "reference", "current_version", "input_hash", "monitored", "created_at", "updated_at"], Batch);
            using var versions = Insert(connection, transaction, "subject_versions",
                ["subject_id", "version", "change", "input_hash", "schema", "names", "birth_dates", "countries", "unresolved_countries", "identifiers", "profile", "monitored", "recorded_by", "recorded_at"], Batch);
            var end = Math.Min(rows, start + 50_000);
            for (var b = start; b < end; b += Batch)
            {
                var count = Math.Min(Batch, end - b);
                var s = new List<object?>();
                var v = new List<object?>();
                for (var i = b; i < b + count; i++)
                {
                    var id = (long)i + 1;
                    var hash = i.ToString("x16", CultureInfo.InvariantCulture);
                    var name = $"{given[random.Next(given.Count)]} {family[random.Next(family.Count)]}";
                    var dob = string.Create(CultureInfo.InvariantCulture, $"{random.Next(1940, 2004)}-{random.Next(1, 13):D2}-{random.Next(1, 29):D2}");
                    s.AddRange([id, $"c{i}", 1, hash, 1, now, now]);
                    v.AddRange([id, 1, "created", hash, "Person", JsonSerializer.Serialize(new[] { name }), JsonSerializer.Serialize(new[] { dob }),
                        JsonSerializer.Serialize(new[] { CountryCodes[random.Next(CountryCodes.Length)] }), "[]", "[]", "default", 1, "bench", now]);
                }
                Execute(count == Batch ? subjects : Insert(connection, transaction, "subjects", ["id", "reference", "current_version", "input_hash", "monitored", "created_at", "updated_at"], count), s);
                Execute(count == Batch ? versions : Insert(connection, transaction, "subject_versions",
                    ["subject_id", "version", "change", "input_hash", "schema", "names", "birth_dates", "countries", "unresolved_countries", "identifiers", "profile", "monitored", "recorded_by", "recorded_at"], count), v);
            }
            transaction.Commit();
        }
    }

    private static DbCommand Insert(DbConnection connection, DbTransaction transaction, string table, string[] columns, int rows)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new StringBuilder($"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ");
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (").AppendJoin(", ", columns.Select((_, c) => $"@p{(r * columns.Length) + c}")).Append(')');
            for (var c = 0; c < columns.Length; c++)
            {
                var p = command.CreateParameter();
                p.ParameterName = $"p{(r * columns.Length) + c}";
                command.Parameters.Add(p);
            }
        }
        command.CommandText = sql.ToString();
        return command;
    }

    private static void Execute(DbCommand command, List<object?> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
        command.ExecuteNonQuery();
    }

    private static List<SubjectFields> SubjectFieldsOf(VigilStore store, List<long> ids)
    {
        using var connection = store.Connect();
        var fields = new List<SubjectFields>(ids.Count);
        foreach (var chunk in ids.Chunk(500))
        {
            var rows = connection.Query<(string Schema, string Names, string Dates, string Countries)>(
                $"SELECT v.schema, v.names, v.birth_dates, v.countries FROM subjects s JOIN subject_versions v ON v.subject_id = s.id AND v.version = s.current_version WHERE s.id IN ({string.Join(",", chunk)})");
            fields.AddRange(rows.Select(r => new SubjectFields(r.Schema, List(r.Names), List(r.Dates), List(r.Countries), [], [])));
        }
        return fields;
    }

    private static Dictionary<string, double> Results(ScreeningCorpus corpus, SubjectFields fields, ScreeningConfiguration configuration)
    {
        var results = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var name in fields.Names)
        {
            foreach (var hit in corpus.Screen(new Vigil.Matching.Screening.ScreeningQuery(name, fields.Kind, fields.BirthDates.Count > 0 ? fields.BirthDates[0] : null, fields.Countries.Count > 0 ? fields.Countries[0] : null), configuration.Options))
            {
                results[hit.Entity.Id] = Math.Max(results.GetValueOrDefault(hit.Entity.Id), hit.Score);
            }
        }
        return results;
    }

    private static List<string> List(string json) => JsonSerializer.Deserialize<List<string>>(json) ?? [];

    [GeneratedRegex(@"<INDIVIDUAL>.*?</INDIVIDUAL>", RegexOptions.Singleline)]
    private static partial Regex Individual();

    [GeneratedRegex(@"<YEAR>(\d{4})</YEAR>")]
    private static partial Regex Year();

    [GeneratedRegex(@"<SECOND_NAME>([^<]+)</SECOND_NAME>")]
    private static partial Regex SecondName();

    [GeneratedRegex(@"^(\d+,)""([^""]+)""")]
    private static partial Regex OfacName();
}
