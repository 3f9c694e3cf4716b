using System.Text;
using Vigil.Core.Workflow;
using Vigil.Matching;
using Vigil.Matching.Screening;

namespace Vigil.Tests.Monitoring;

/// <summary>
/// A custom list made of real UN names, edited at random (added, deleted, alias added, date of birth changed, name
/// respelled, delisted or relisted) and written as the CSV a user keeps, with the subjects the monitoring tests screen
/// against it: listed names as listed and respelled, with and without their dates of birth, and unrelated names.
/// </summary>
internal sealed class EditableList(List<EditableList.Row> rows)
{
    private const string Source = "delta";
    private static readonly string[] Western = ["Anna Schmidt", "Pierre Dubois", "Maria Garcia Lopez", "John Smith", "Kenji Tanaka", "Olga Petrova", "Li Wei", "Jan Kowalski"];

    private int _next = rows.Count;

    public List<Row> Rows { get; } = rows;

    public List<string> Edit(Random random, Queue<ScreeningSubject> spare, int count)
    {
        var done = new List<string>();
        for (var e = 0; e < count; e++)
        {
            var i = random.Next(Rows.Count);
            var row = Rows[i];
            switch (random.Next(6))
            {
                case 0 when spare.Count > 0:
                    var added = Row.From($"r{_next++}", spare.Dequeue());
                    Rows.Add(added);
                    done.Add($"added {added.Id} {added.Name}");
                    break;
                case 1:
                    Rows.RemoveAt(i);
                    done.Add($"deleted {row.Id} {row.Name}");
                    break;
                case 2:
                    var alias = random.Next(2) == 0 ? Respell(row.Name, random) : Rows[random.Next(Rows.Count)].Name;
                    Rows[i] = row with { Aliases = [.. row.Aliases, alias] };
                    done.Add($"alias {row.Id} {row.Name} + {alias}");
                    break;
                case 3:
                    var dob = $"{random.Next(1940, 2000)}-0{random.Next(1, 10)}-2{random.Next(0, 9)}";
                    Rows[i] = row with { Dob = dob };
                    done.Add($"dob {row.Id} {row.Name} {row.Dob} -> {dob}");
                    break;
                case 4:
                    var respelled = Respell(row.Name, random);
                    Rows[i] = row with { Name = respelled };
                    done.Add($"respelled {row.Id} {row.Name} -> {respelled}");
                    break;
                default:
                    Rows[i] = row with { Program = row.Program is null ? "UN" : null };
                    done.Add($"{(row.Program is null ? "relisted" : "delisted")} {row.Id} {row.Name}");
                    break;
            }
        }
        return done;
    }

    public void Write(string path)
    {
        var text = new StringBuilder();
        text.AppendLine($"# source: {Source}");
        text.AppendLine("id,name,schema,aliases,dob,country,program");
        foreach (var r in Rows)
        {
            text.AppendLine(string.Join(',', r.Id, Quote(r.Name), r.Schema, Quote(string.Join(';', r.Aliases)), r.Dob ?? "", r.Country ?? "", r.Program ?? ""));
        }
        File.WriteAllText(path, text.ToString());
    }

    private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Listed names as listed and respelled, with and without their dates of birth, and unrelated names made of real parts.</summary>
    public static List<SubjectInput> Subjects(EditableList list, List<ScreeningSubject> pool, Random random)
    {
        var inputs = new List<SubjectInput>();
        var persons = pool.Where(p => p.Kind == PartyKind.Person).Select(p => p.Names[0].Text.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(p => p.Length >= 2).ToList();
        for (var i = 0; i < 300; i++)
        {
            var row = list.Rows[random.Next(list.Rows.Count)];
            var dob = random.Next(3) switch { 0 => row.Dob, 1 => $"{random.Next(1940, 2000)}-0{random.Next(1, 10)}-1{random.Next(0, 10)}", _ => null };
            var name = (i % 3) switch
            {
                0 => row.Name,
                1 => Respell(row.Name, random),
                _ => random.Next(4) == 0
                    ? Western[random.Next(Western.Length)]
                    : persons[random.Next(persons.Count)][0] + " " + persons[random.Next(persons.Count)][^1],
            };
            inputs.Add(new SubjectInput($"s{i}", [name], row.Schema == "Person" ? "Person" : null, string.IsNullOrEmpty(dob) ? null : [dob]));
        }
        return inputs;
    }

    /// <summary>One slip in one longer token: a dropped, doubled, swapped or changed letter.</summary>
    public static string Respell(string name, Random random)
    {
        var tokens = name.Split(' ');
        var candidates = Enumerable.Range(0, tokens.Length).Where(t => tokens[t].Length >= 4).ToList();
        if (candidates.Count == 0)
        {
            return name;
        }
        var at = candidates[random.Next(candidates.Count)];
        var token = tokens[at];
        var i = 1 + random.Next(token.Length - 2);
        tokens[at] = random.Next(4) switch
        {
            0 => token.Remove(i, 1),
            1 => token.Insert(i, token[i].ToString()),
            2 => token[..i] + token[i + 1] + token[i] + token[(i + 2)..],
            _ => token[..i] + ("aeiou".Contains(char.ToLowerInvariant(token[i]), StringComparison.Ordinal) ? 'y' : 'o') + token[(i + 1)..],
        };
        return string.Join(' ', tokens);
    }

    public static void Shuffle<T>(List<T> items, Random random)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>One record of the custom list.</summary>
    public sealed record Row(string Id, string Name, string Schema, IReadOnlyList<string> Aliases, string? Dob, string? Country, string? Program)
    {
        public static Row From(string id, ScreeningSubject s) => new(
            id,
            s.Names[0].Text,
            s.Kind == PartyKind.Person ? "Person" : "Organization",
            [.. s.Names.Skip(1).Select(n => n.Text).Take(3)],
            s.BirthDates.FirstOrDefault(d => d.Length is 10 or 4),
            s.Countries.Count > 0 ? s.Countries[0].ToUpperInvariant() : null,
            "UN");
    }
}
