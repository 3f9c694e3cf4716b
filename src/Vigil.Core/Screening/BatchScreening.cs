using System.Text.Json;
using System.Text.Json.Serialization;
using nietras.SeparatedValues;
using Vigil.Core.Model;
using Vigil.Core.Sources;
using Vigil.Matching;
using Vigil.Matching.Screening;

namespace Vigil.Core.Screening;

/// <summary>
/// Screens a customer file: a CSV with a header holding <c>query_id,name</c> and optionally
/// <c>dob,country,schema,id</c>; writes one JSON line per row, in input order, streaming in constant memory. A row
/// that cannot be read (wrong number of cells, no name, an impossible date, an unknown type) becomes an
/// error line naming its line number and is reported; it never stops the rows after it.
/// </summary>
public static class BatchScreening
{
    /// <summary>The types a query may name; anything else is refused rather than screened as any type.</summary>
    public static IReadOnlyList<string> Schemas { get; } = ["Person", "Organization", "Vessel", "Aircraft"];

    /// <summary>The JSON of screening output: camelCase, compact, enums as their names.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(ExplanationJson.Options)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static BatchSummary Run(ScreeningCorpus corpus, string input, TextWriter output, MatchOptions options, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        using var reader = Sep.Reader(o => o with { Unescape = true, DisableColCountCheck = true }).FromFile(input);
        if (reader.IsEmpty)
        {
            throw new ListFormatException(input, "line 1", "the file is empty; it needs a header with query_id and name");
        }
        var columns = reader.Header.ColNames;
        int Column(string name) => columns.ToList().FindIndex(c => c.Trim().Equals(name, StringComparison.OrdinalIgnoreCase));
        var queryId = Column("query_id");
        var name = Column("name");
        if (queryId < 0 || name < 0)
        {
            throw new ListFormatException(input, "line 1", "the header needs query_id and name (and may have dob, country, schema, id)");
        }
        var (dob, country, schema, id) = (Column("dob"), Column("country"), Column("schema"), Column("id"));
        var lists = Lists(corpus);
        var screened = 0;
        var rejected = new List<RejectedRow>();
        foreach (var row in reader)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var line = row.LineNumberFrom;
            var cells = new string?[columns.Count];
            for (var i = 0; i < Math.Min(cells.Length, row.ColCount); i++)
            {
                var value = row[i].ToString().Trim();
                cells[i] = value.Length == 0 ? null : value;
            }
            string? Cell(int i) => i >= 0 ? cells[i] : null;
            var errors = new List<string>();
            if (row.ColCount != columns.Count)
            {
                errors.Add($"{row.ColCount} cells where the header has {columns.Count} (a name with a comma must be in double quotes)");
            }
            var query = errors.Count == 0 ? Query(Cell(name), Cell(schema), Cell(dob), Cell(country), Cell(id), errors) : null;
            if (query is null)
            {
                var reason = string.Join("; ", errors);
                rejected.Add(new RejectedRow(line, Cell(queryId), reason));
                output.WriteLine(JsonSerializer.Serialize(new { query_id = Cell(queryId), line, error = reason }, JsonOptions));
                continue;
            }
            var hits = corpus.Screen(query, options);
            output.WriteLine(JsonSerializer.Serialize(new { query_id = Cell(queryId), results = hits.Select(ToJson), lists }, JsonOptions));
            if (++screened % 100 == 0)
            {
                progress?.Report(screened);
            }
        }
        progress?.Report(screened);
        return new BatchSummary(screened, rejected);
    }

    /// <summary>
    /// A query from what a person or a file gives, or null with a message per field Vigil cannot read: an empty name,
    /// a date that is not one, a type it does not know. Nothing unreadable is dropped silently; a country it cannot
    /// read is kept for the matcher to ignore and name.
    /// </summary>
    public static ScreeningQuery? Query(string? name, string? schema, string? dob, string? country, string? id, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add("the name is empty");
        }
        var kind = PartyKind.Unknown;
        if (!string.IsNullOrWhiteSpace(schema))
        {
            kind = NameMatcher.KindOf(schema);
            if (kind == PartyKind.Unknown)
            {
                errors.Add($"schema '{schema.Trim()}' is not one of {string.Join(", ", Schemas)}");
            }
        }
        string? birthDate = null;
        if (!string.IsNullOrWhiteSpace(dob))
        {
            birthDate = PartialDate.Parse(dob);
            if (birthDate is null)
            {
                errors.Add($"dob '{dob.Trim()}' is not a date (use 1975-05-14, 1975-05 or 1975)");
            }
        }
        // A country Vigil cannot read still screens the row: the matcher ignores it and names it in every result's
        // explanation, which tells the analyst more than a refused row would.
        var code = NormalizeCountry(string.IsNullOrWhiteSpace(country) ? null : country);
        return errors.Count > 0 ? null : new ScreeningQuery(name!.Trim(), kind, birthDate, code, string.IsNullOrWhiteSpace(id) ? null : id.Trim());
    }

    /// <summary>
    /// A country as a query gives it (a name, an alpha-2 or alpha-3 code) to the lower-case alpha-2 the index holds;
    /// text that names no country stays as given, for screening to ignore and name in its explanations.
    /// </summary>
    public static string? NormalizeCountry(string? text) => text is null ? null : Countries.ToCode(text) ?? text.Trim();

    /// <summary>The snapshot set a screening used, as every screening output states it: source, snapshot, publication and import.</summary>
    public static IReadOnlyList<object> Lists(ScreeningCorpus corpus) =>
        corpus.Snapshots.Select(s => (object)new
        {
            source = s.Source,
            snapshot = s.Snapshot,
            published = s.Published,
            imported = s.ImportedAt,
        }).ToList();

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
