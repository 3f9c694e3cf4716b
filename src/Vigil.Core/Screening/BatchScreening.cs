using System.Text.Json;
using nietras.SeparatedValues;
using Vigil.Core.Model;
using Vigil.Core.Sources;
using Vigil.Matching;
using Vigil.Matching.Screening;

namespace Vigil.Core.Screening;

/// <summary>
/// Screens a customer file: a CSV with a header holding <c>query_id,name</c> and optionally
/// <c>dob,country,schema,id</c>; writes one JSON line per query, in input order, streaming in constant memory.
/// </summary>
public static class BatchScreening
{
    public static int Run(ScreeningCorpus corpus, string input, TextWriter output, MatchOptions options, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        using var reader = Sep.Reader(o => o with { Unescape = true }).FromFile(input);
        var columns = reader.Header.ColNames;
        int Column(string name) => columns.ToList().FindIndex(c => c.Trim().Equals(name, StringComparison.OrdinalIgnoreCase));
        var queryId = Column("query_id");
        var name = Column("name");
        if (queryId < 0 || name < 0)
        {
            throw new ListFormatException(input, "line 1", "the header needs query_id and name (and may have dob, country, schema, id)");
        }
        var (dob, country, schema, id) = (Column("dob"), Column("country"), Column("schema"), Column("id"));
        var count = 0;
        foreach (var row in reader)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var cells = new string?[columns.Count];
            for (var i = 0; i < cells.Length; i++)
            {
                var value = row[i].ToString().Trim();
                cells[i] = value.Length == 0 ? null : value;
            }
            string? Cell(int i) => i >= 0 ? cells[i] : null;
            var query = new ScreeningQuery(
                Cell(name) ?? throw new ListFormatException(input, $"line {row.LineNumberFrom}", "empty name"),
                NameMatcher.KindOf(Cell(schema)),
                PartialDate.Parse(Cell(dob)),
                NormalizeCountry(Cell(country)),
                Cell(id));
            var hits = corpus.Screen(query, options);
            output.WriteLine(JsonSerializer.Serialize(new { query_id = Cell(queryId), results = hits.Select(ToJson) }, ExplanationJson.Options));
            if (++count % 100 == 0)
            {
                progress?.Report(count);
            }
        }
        progress?.Report(count);
        return count;
    }

    /// <summary>
    /// A country as a query gives it (a name, an alpha-2 or alpha-3 code) to the lower-case alpha-2 the index holds;
    /// text that names no country stays as given, for screening to ignore and name in its explanations.
    /// </summary>
    public static string? NormalizeCountry(string? text) => text is null ? null : Countries.ToCode(text) ?? text.Trim();

    /// <summary>The JSON shape of one result, shared by the CLI and batch output.</summary>
    public static object ToJson(ScreeningHit hit) => new
    {
        id = hit.Entity.Id,
        referents = hit.Entity.Referents,
        schema = hit.Entity.Schema,
        caption = hit.Entity.Caption,
        datasets = hit.Entity.Datasets,
        score = hit.Score,
        match = hit.Match,
        explanation = hit.Explanation,
    };
}
