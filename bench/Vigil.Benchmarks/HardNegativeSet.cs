using System.Text;
using System.Text.Json;
using Dapper;
using Vigil.Core.Model;
using Vigil.Core.Screening;
using Vigil.Core.Storage;
using Vigil.Matching.Scoring;
using Vigil.Matching.Text;

namespace Vigil.Benchmarks;

/// <summary>
/// Builds the hard-negative development set (<c>bench/hard-negatives.csv</c>): queries made the way real false
/// alerts happen, each checked against every shared list so that it names nobody listed.
/// <list type="bullet">
/// <item><c>swap</c>: the given name of one listed person with the family name of another of the same culture
/// (Arabic, Persian, Russian/Central Asian of one gender, Chinese, Korean, Hispanic with a double surname, European).</item>
/// <item><c>ordinary</c>: the culture's most common given and family names combined, some with a country.</item>
/// <item><c>company</c>: a listed company name with its most distinctive word replaced by a distinctive word of
/// another listed company of the same country.</item>
/// </list>
/// A row is kept only when no listed name (any list, any script, compared by phonetic key) holds all of its words, and
/// no listed name of two words or more lies wholly inside it. Deterministic: the same data give the same file.
/// </summary>
internal static class HardNegativeSet
{
    private const int Seed = 18_2026;

    private static readonly Dictionary<string, string[]> Cultures = new(StringComparer.Ordinal)
    {
        ["arabic"] = ["sa", "iq", "sy", "ye", "eg", "ly", "jo", "lb", "kw", "qa", "ae", "bh", "om", "sd", "tn", "dz", "ma", "ps"],
        ["persian"] = ["ir"],
        ["russian"] = ["ru", "by", "ua", "kz", "tj", "uz", "kg", "tm"],
        ["chinese"] = ["cn", "hk", "tw"],
        ["korean"] = ["kp", "kr"],
        ["hispanic"] = ["mx", "co", "ve", "es", "ar", "pe", "ec", "ni", "cu", "pa", "gt", "hn", "sv", "bo", "py", "uy", "cl", "do"],
        ["european"] = ["de", "fr", "it", "gb", "nl", "be", "ch", "at", "pl", "cz", "gr", "pt", "se", "no", "dk", "fi", "ie", "hu", "ro", "bg", "rs", "hr"],
    };

    private static readonly Dictionary<string, string> CountryNameOf = new(StringComparer.Ordinal)
    {
        ["arabic"] = "Egypt",
        ["persian"] = "Iran",
        ["russian"] = "Russia",
        ["chinese"] = "China",
        ["korean"] = "South Korea",
        ["hispanic"] = "Mexico",
        ["european"] = "Germany",
    };

    public static int Run(string[] args)
    {
        var data = BenchSupport.Data(args);
        var output = BenchSupport.Option(args, "--output") ?? Path.Combine("bench", "hard-negatives.csv");
        using var watchdog = BenchSupport.Watchdog("hard-negative set", TimeSpan.FromMinutes(20));
        var folder = Directory.CreateTempSubdirectory("vigil-bench-hardneg-");
        try
        {
            var store = BenchSupport.ImportLists(data, Path.Combine(folder.FullName, "vigil.db"), Evaluation.AllLists.Where(l => File.Exists(Path.Combine(data, l)) || Directory.Exists(Path.Combine(data, l))));
            var rows = Build(store);
            using var writer = new StreamWriter(output, append: false, new UTF8Encoding(false)) { NewLine = "\n" };
            writer.WriteLine("class,culture,schema,name,country");
            foreach (var r in rows)
            {
                writer.WriteLine(string.Join(',', r.Class, r.Culture, r.Schema, Csv(r.Name), Csv(r.Country)));
            }
            foreach (var g in rows.GroupBy(r => (r.Class, r.Culture)))
            {
                Console.WriteLine($"{g.Key.Class,-10} {g.Key.Culture,-10} {g.Count(),5}");
            }
            Console.WriteLine($"{rows.Count} rows written to {output}");
            return 0;
        }
        finally
        {
            BenchSupport.DeleteStoreFolder(folder);
        }
    }

    private sealed record Row(string Class, string Culture, string Schema, string Name, string Country);

    private sealed record Person(string Id, string Culture, string Given, string Family, string? Gender);

    private static string Csv(string value) => value.Contains(',') || value.Contains('"') ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;

    private static List<Row> Build(VigilStore store)
    {
        using var connection = store.Connect();
        var latest = "snapshot_id IN (SELECT MAX(id) FROM snapshots GROUP BY source)";
        var schemas = connection.Query<(string Id, string Schema)>($"SELECT record_id, schema FROM records WHERE {latest}").ToDictionary(r => r.Id, r => r.Schema, StringComparer.Ordinal);
        var names = connection.Query<(string Id, string Name, string Type, string? Parts)>($"SELECT record_id, full_name, name_type, parts FROM names WHERE {latest} ORDER BY record_id, seq").ToList();
        var facts = connection.Query<(string Id, string Property, string Value)>(
            $"SELECT record_id, property, value FROM statements WHERE {latest} AND property IN ('nationality', 'citizenship', 'country', 'gender', 'jurisdiction') ORDER BY record_id, seq")
            .ToLookup(f => f.Id, StringComparer.Ordinal);
        var checker = new ListedNames(names.Select(n => (n.Name, Organization: schemas.GetValueOrDefault(n.Id) is not ("Person" or null), Weak: n.Type == nameof(NameType.WeakAlias))));

        var culture = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, _) in schemas)
        {
            var codes = facts[id].Where(f => f.Property != "gender").SelectMany(f => Countries.ToCodes(f.Value)).ToList();
            if (Cultures.FirstOrDefault(c => codes.Any(c.Value.Contains)) is { Key: not null } found)
            {
                culture[id] = found.Key;
            }
        }

        var people = new List<Person>();
        foreach (var n in names.Where(n => n.Parts is not null && n.Type == nameof(NameType.Primary) && schemas.GetValueOrDefault(n.Id) == "Person" && culture.ContainsKey(n.Id)))
        {
            var parts = JsonSerializer.Deserialize<string[][]>(n.Parts!)!;
            var given = parts.Where(p => p[0] is "Given" or "First").Select(p => p[1]).FirstOrDefault();
            var family = parts.Where(p => p[0] is "Family" or "Third" or "Fourth").Select(p => p[1]).LastOrDefault();
            if (given is null || family is null || given.Any(char.IsDigit) || family.Any(char.IsDigit) || given.Length < 2 || family.Length < 2)
            {
                continue;
            }
            people.Add(new Person(n.Id, culture[n.Id], Tidy(given), Tidy(family), facts[n.Id].FirstOrDefault(f => f.Property == "gender").Value ?? GenderOfFamily(family)));
        }
        people = people.DistinctBy(p => p.Id).ToList();

        var rows = new List<Row>();
        var random = new Random(Seed);
        foreach (var c in Cultures.Keys)
        {
            var pool = people.Where(p => p.Culture == c && Fits(c, p)).OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
            rows.AddRange(Swaps(c, pool, random, checker, 130));
            rows.AddRange(Ordinary(c, pool, random, checker, 45));
        }
        rows.AddRange(Companies(names, schemas, facts, random, checker, 520));
        return rows;
    }

    /// <summary>A person fits a culture's swap pool when the name has the culture's shape (a Hispanic double surname, one gender for Russian names).</summary>
    private static bool Fits(string culture, Person p) => culture switch
    {
        "hispanic" => p.Family.Split(' ').Length == 2,
        "russian" => p.Gender is "male" or "female",
        "chinese" or "korean" => p.Family.Split(' ').Length == 1 && p.Family.Length <= 5,
        _ => p.Family.Split(' ').Length <= 2,
    };

    private static IEnumerable<Row> Swaps(string culture, List<Person> pool, Random random, ListedNames checker, int count)
    {
        var made = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var attempt = 0; attempt < count * 20 && made.Count < count && pool.Count > 1; attempt++)
        {
            var a = pool[random.Next(pool.Count)];
            var b = pool[random.Next(pool.Count)];
            if (a.Id == b.Id || string.Equals(a.Family, b.Family, StringComparison.OrdinalIgnoreCase) || (culture == "russian" && a.Gender != b.Gender))
            {
                continue;
            }
            var name = Shape(culture, a.Given, b.Family, attempt);
            if (checker.NamesNobody(name, organization: false) && made.Add(name))
            {
                yield return new Row("swap", culture, "Person", name, attempt % 3 == 0 ? CountryNameOf[culture] : "");
            }
        }
    }

    private static IEnumerable<Row> Ordinary(string culture, List<Person> pool, Random random, ListedNames checker, int count)
    {
        // The culture's commonest given and family names: the parts most listed people share.
        var given = pool.GroupBy(p => p.Given.ToUpperInvariant()).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(25).Select(g => g.First().Given).ToList();
        var family = pool.GroupBy(p => p.Family.ToUpperInvariant()).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(25).Select(g => g.First()).ToList();
        var made = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var attempt = 0; attempt < count * 30 && made.Count < count && given.Count > 0 && family.Count > 0; attempt++)
        {
            var f = family[random.Next(family.Count)];
            var candidates = culture == "russian" ? pool.Where(p => p.Gender == f.Gender).Select(p => p.Given).Where(given.Contains).ToList() : given;
            if (candidates.Count == 0)
            {
                continue;
            }
            var name = Shape(culture, candidates[random.Next(candidates.Count)], f.Family, attempt);
            if (checker.NamesNobody(name, organization: false) && made.Add(name))
            {
                yield return new Row("ordinary", culture, "Person", name, attempt % 2 == 0 ? CountryNameOf[culture] : "");
            }
        }
    }

    private static IEnumerable<Row> Companies(
        List<(string Id, string Name, string Type, string? Parts)> names,
        Dictionary<string, string> schemas,
        ILookup<string, (string Id, string Property, string Value)> facts,
        Random random,
        ListedNames checker,
        int count)
    {
        var companies = names.Where(n => n.Type == nameof(NameType.Primary) && schemas.GetValueOrDefault(n.Id) is "Organization" && n.Name.All(c => c < 0x250))
            .Select(n => (n.Id, n.Name, Country: facts[n.Id].Where(f => f.Property != "gender").SelectMany(f => Countries.ToCodes(f.Value)).FirstOrDefault(), Tokens: NameAnalyzer.Analyze(n.Name, organization: true)[0].Tokens))
            .Where(c => c.Country is not null && c.Tokens.Count >= 2)
            .DistinctBy(c => c.Id)
            .OrderBy(c => c.Id, StringComparer.Ordinal)
            .ToList();
        var rarity = TokenRarity.FromNames(companies.Select(c => c.Tokens));
        // A company's most distinctive word: its rarest plain word (never a legal form, generic word or number).
        string? Distinctive(IReadOnlyList<NameToken> tokens) =>
            tokens.Where(t => t.Role == TokenRole.Word && t.Text.Length >= 3).OrderByDescending(rarity.Weight).ThenBy(t => t.Text, StringComparer.Ordinal).Select(t => t.Text).FirstOrDefault();
        var words = companies.GroupBy(c => c.Country!).ToDictionary(g => g.Key, g => g.Select(c => Distinctive(c.Tokens)).OfType<string>().Distinct(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        var made = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var attempt = 0; attempt < count * 20 && made.Count < count; attempt++)
        {
            var c = companies[random.Next(companies.Count)];
            var word = Distinctive(c.Tokens);
            var replacements = words[c.Country!];
            if (word is null || replacements.Count < 5)
            {
                continue;
            }
            var other = replacements[random.Next(replacements.Count)];
            if (other == word)
            {
                continue;
            }
            var name = ReplaceWord(c.Name, word, other);
            if (name is not null && checker.NamesNobody(name, organization: true) && made.Add(name))
            {
                yield return new Row("company", c.Country!, "Company", name, attempt % 2 == 0 ? c.Country!.ToUpperInvariant() : "");
            }
        }
    }

    /// <summary>The listed name with one word replaced, written as the list writes it (case kept), or null when the word is not found as written.</summary>
    private static string? ReplaceWord(string name, string word, string replacement)
    {
        var words = name.Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            var bare = new string(words[i].Where(char.IsLetterOrDigit).ToArray());
            if (string.Equals(bare, word, StringComparison.OrdinalIgnoreCase))
            {
                var written = words[i].Any(char.IsLower) ? char.ToUpperInvariant(replacement[0]) + replacement[1..] : replacement.ToUpperInvariant();
                words[i] = words[i].Replace(bare, written, StringComparison.Ordinal);
                return string.Join(' ', words);
            }
        }
        return null;
    }

    /// <summary>How a query writes the name: given then family, the list style "FAMILY, Given", or family first for Chinese and Korean.</summary>
    private static string Shape(string culture, string given, string family, int variant) => (culture, variant % 3) switch
    {
        ("chinese" or "korean", not 2) => $"{family} {given}",
        (_, 1) => $"{family.ToUpperInvariant()}, {given}",
        _ => $"{given} {family}",
    };

    private static string Tidy(string part) => string.Join(' ', part.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Trim(',', '.', ' ');

    private static string? GenderOfFamily(string family)
    {
        var f = family.ToLowerInvariant();
        return f.EndsWith("ova", StringComparison.Ordinal) || f.EndsWith("eva", StringComparison.Ordinal) || f.EndsWith("ina", StringComparison.Ordinal) || f.EndsWith("aya", StringComparison.Ordinal)
            ? "female"
            : f.EndsWith("ov", StringComparison.Ordinal) || f.EndsWith("ev", StringComparison.Ordinal) || f.EndsWith("in", StringComparison.Ordinal) || f.EndsWith("sky", StringComparison.Ordinal) || f.EndsWith("iy", StringComparison.Ordinal)
                ? "male"
                : null;
    }

    /// <summary>Every listed name as its set of phonetic keys, to tell whether a made-up name names someone listed.</summary>
    private sealed class ListedNames
    {
        private readonly List<string[]> _names = [];
        private readonly List<bool> _strong = [];
        private readonly Dictionary<string, List<int>> _byKey = new(StringComparer.Ordinal);

        public ListedNames(IEnumerable<(string Name, bool Organization, bool Weak)> names)
        {
            foreach (var (name, organization, weak) in names)
            {
                foreach (var form in NameAnalyzer.Analyze(name, organization))
                {
                    var keys = Keys(form.Tokens);
                    if (keys.Length == 0)
                    {
                        continue;
                    }
                    var index = _names.Count;
                    _names.Add(keys);
                    _strong.Add(!weak);
                    foreach (var k in keys)
                    {
                        if (!_byKey.TryGetValue(k, out var list))
                        {
                            _byKey[k] = list = [];
                        }
                        list.Add(index);
                    }
                }
            }
        }

        /// <summary>True when no listed name holds every word of the query, and no strong listed name of two words or more lies inside it.</summary>
        public bool NamesNobody(string query, bool organization)
        {
            foreach (var form in NameAnalyzer.Analyze(query, organization))
            {
                var keys = Keys(form.Tokens);
                if (keys.Length == 0)
                {
                    return false;
                }
                var rarest = keys.Select(k => _byKey.GetValueOrDefault(k) ?? []).MinBy(l => l.Count)!;
                if (rarest.Any(i => keys.All(_names[i].Contains)))
                {
                    return false;
                }
                var seen = new HashSet<int>();
                foreach (var k in keys)
                {
                    foreach (var i in _byKey.GetValueOrDefault(k) ?? [])
                    {
                        if (seen.Add(i) && _strong[i] && _names[i].Length >= 2 && _names[i].All(keys.Contains))
                        {
                            return false;
                        }
                    }
                }
            }
            return true;
        }

        private static string[] Keys(IReadOnlyList<NameToken> tokens) =>
            tokens.Where(t => t.Role is TokenRole.Word or TokenRole.Patronymic or TokenRole.Number).Select(t => t.Class ?? t.Folded).Distinct(StringComparer.Ordinal).ToArray();
    }
}
