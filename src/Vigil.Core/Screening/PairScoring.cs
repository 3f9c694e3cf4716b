using System.Globalization;
using nietras.SeparatedValues;
using Vigil.Matching;

namespace Vigil.Core.Screening;

/// <summary>
/// <c>vigil score-pairs</c>: scores each row's <c>name1</c> against its <c>name2</c> (with an optional <c>schema</c>)
/// with the matcher alone, writing every input column and row, in order, plus <c>score</c> and <c>match</c>.
/// </summary>
public static class PairScoring
{
    /// <summary>Streams <paramref name="input"/> to <paramref name="output"/>; returns the number of rows scored.</summary>
    public static int Run(string input, TextWriter output, double threshold, bool explain = false)
    {
        using var reader = Sep.Reader(o => o with { Unescape = true }).FromFile(input);
        var header = reader.Header;
        var names = header.ColNames;
        var name1 = IndexOf(names, "name1", input);
        var name2 = IndexOf(names, "name2", input);
        var schema = names.ToList().FindIndex(n => n.Equals("schema", StringComparison.OrdinalIgnoreCase));
        var extra = explain ? new[] { "score", "match", "explanation" } : ["score", "match"];
        output.WriteLine(string.Join(',', names.Select(CsvCell.Write).Concat(extra)));
        var rows = 0;
        foreach (var row in reader)
        {
            var values = new string[names.Count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = row[i].ToString();
            }
            var kind = schema >= 0 ? NameMatcher.KindOf(values[schema]) : PartyKind.Unknown;
            var comparison = NameMatcher.Compare(values[name1], values[name2], kind);
            var score = comparison.Score;
            output.WriteLine(string.Join(',', values.Select(CsvCell.Write))
                + "," + score.ToString("0.0000", CultureInfo.InvariantCulture)
                + "," + (score >= threshold ? "true" : "false")
                + (explain ? "," + CsvCell.Write(System.Text.Json.JsonSerializer.Serialize(comparison, ExplanationJson.Options)) : ""));
            rows++;
        }
        return rows;
    }

    private static int IndexOf(IReadOnlyList<string> names, string name, string file)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i].Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        throw new Sources.ListFormatException(file, "line 1", $"missing column '{name}' (the header needs name1,name2 and may have schema)");
    }
}
