using System.Text;
using System.Text.RegularExpressions;
using nietras.SeparatedValues;
using Vigil.Core.Model;

namespace Vigil.Core.Sources;

/// <summary>A simple comma-separated list an organisation keeps itself: a header row with <c>id</c> and <c>name</c>, then one row per subject.</summary>
/// <remarks>
/// <para>
/// Lines starting with <c>#</c> before the header are comments; <c># source: my-list</c> among them names the source,
/// which becomes <c>custom-my-list</c> (lower-cased, other characters turned into hyphens). Without it the source is
/// <c>custom-</c> plus the file name without extension, so keep the comment when the file name carries a date.
/// </para>
/// <para>
/// Columns (any order, names case-insensitive): <c>id</c> and <c>name</c> are required; <c>schema</c> (Person,
/// Organization/Organisation/Company, Vessel, Aircraft; empty means Person), <c>aliases</c>, <c>weak_aliases</c>,
/// <c>previous_names</c>, <c>dob</c>, <c>country</c>, <c>nationality</c>, <c>passport</c>, <c>id_number</c>, <c>imo</c>,
/// <c>program</c>, <c>listed_on</c> and <c>notes</c> are optional. Every column except <c>id</c>, <c>name</c>,
/// <c>schema</c>, <c>listed_on</c> and <c>notes</c> takes several values separated by <c>;</c>. Dates take any wording
/// <see cref="PartialDate"/> reads and keep the original. Each <c>program</c> becomes a designation listed on
/// <c>listed_on</c>. A column Vigil does not know is an error, so a typo never drops data silently. The same id on
/// several rows is one subject (the rows are merged).
/// </para>
/// </remarks>
public sealed partial class CustomCsvParser : IListParser
{
    private static readonly string[] KnownColumns =
        ["id", "name", "schema", "aliases", "weak_aliases", "previous_names", "dob", "country", "nationality", "passport",
         "id_number", "imo", "program", "listed_on", "notes"];

    public string Format => "custom-csv";

    public string Description => "Custom list: CSV with a header row holding id and name (see docs/custom-lists.md)";

    // Documented: the rows of one id are one subject.
    public bool RepeatsIds => true;

    public bool CanRead(ListInput input)
    {
        if (input.IsDirectory)
        {
            return false;
        }
        var headerLine = input.HeadText.Split('\n')
            .Select(l => l.TrimEnd('\r'))
            .FirstOrDefault(l => !l.StartsWith('#') && l.Trim().Length > 0);
        if (headerLine is null)
        {
            return false;
        }
        var cells = headerLine.Split(',').Select(c => c.Trim().Trim('"').Trim().ToLowerInvariant()).ToList();
        return cells.Contains("id") && cells.Contains("name");
    }

    public IEnumerable<SourceRecord> Read(ListInput input, ListHeader header, CancellationToken cancellationToken = default)
    {
        using var text = new StreamReader(input.Path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        string? sourceName = null;
        var commentLines = 0;
        while (text.Peek() == '#')
        {
            var comment = ListLimits.ReadLine(text, input.Path, commentLines + 1)!;
            commentLines++;
            var m = SourceComment().Match(comment);
            if (m.Success)
            {
                sourceName = m.Groups["name"].Value;
            }
        }
        header.Source = CustomSource.From(sourceName ?? Path.GetFileNameWithoutExtension(input.Path));

        using var reader = SepRows.Open(
            () => SepRows.Options(',', hasHeader: true).From(text),
            input.Path,
            commentLines + 1);
        var columns = ReadHeader(reader.Header, input.Path, commentLines + 1);
        var nextLine = commentLines + 2;
        while (SepRows.Next(reader, input.Path, ref nextLine))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var record = ReadRow(reader.Current, columns, input.Path, commentLines);
            if (record is not null)
            {
                yield return record;
            }
        }
    }

    /// <summary>Column name to index, after checking every column is known, none repeats and id and name are there.</summary>
    private static Dictionary<string, int> ReadHeader(SepReaderHeader header, string path, int line)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.ColNames.Count; i++)
        {
            var name = header.ColNames[i].Trim().ToLowerInvariant();
            if (!KnownColumns.Contains(name))
            {
                throw new ListFormatException(path, $"line {line}", $"unknown column '{header.ColNames[i]}'; known columns: {string.Join(", ", KnownColumns)}");
            }
            if (!columns.TryAdd(name, i))
            {
                throw new ListFormatException(path, $"line {line}", $"column '{name}' appears twice");
            }
        }
        foreach (var required in new[] { "id", "name" })
        {
            if (!columns.ContainsKey(required))
            {
                throw new ListFormatException(path, $"line {line}", $"header has no {required} column");
            }
        }
        return columns;
    }

    private static SourceRecord? ReadRow(SepReader.Row row, Dictionary<string, int> columns, string path, int lineOffset)
    {
        var where = $"line {row.LineNumberFrom + lineOffset}";
        // Sep reads an unterminated quote to the end of the file as one value; an odd quote count gives it away.
        // Checked before any column is read because unescaping rewrites the row in place.
        if (row.Span.Count('"') % 2 != 0)
        {
            throw new ListFormatException(path, where, "unterminated quoted field");
        }
        if (row.ColCount == 1 && row.Span.IsWhiteSpace())
        {
            return null;
        }
        if (row.ColCount != columns.Count)
        {
            throw new ListFormatException(path, where, $"expected {columns.Count} columns as in the header, found {row.ColCount}");
        }
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (column, index) in columns)
        {
            values[column] = row[index].ToString().Trim();
        }
        string Value(string column) => values.TryGetValue(column, out var v) ? v : "";
        IEnumerable<string> Values(string column) =>
            Value(column).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

        var id = Value("id");
        if (id.Length == 0)
        {
            throw new ListFormatException(path, where, "row has no id");
        }
        var name = Value("name");
        if (name.Length == 0)
        {
            throw new ListFormatException(path, where, $"row {id} has no name");
        }
        var schema = Value("schema").ToLowerInvariant() switch
        {
            "" or "person" => EntitySchema.Person,
            "organization" or "organisation" or "company" or "legalentity" => EntitySchema.Organization,
            "vessel" => EntitySchema.Vessel,
            "aircraft" or "airplane" => EntitySchema.Aircraft,
            _ => throw new ListFormatException(path, where, $"unknown schema '{Value("schema")}' (Person, Organization, Vessel, Aircraft)"),
        };

        var record = new SourceRecord(id, schema) { Location = where };
        record.AddName(name, NameType.Primary);
        foreach (var alias in Values("aliases"))
        {
            record.AddName(alias, NameType.Alias);
        }
        foreach (var alias in Values("weak_aliases"))
        {
            record.AddName(alias, NameType.WeakAlias);
        }
        foreach (var former in Values("previous_names"))
        {
            record.AddName(former, NameType.Former);
        }
        foreach (var dob in Values("dob"))
        {
            record.AddDate(Properties.BirthDate, dob);
        }
        foreach (var (column, property) in new[]
        {
            ("country", Properties.Country), ("nationality", Properties.Nationality), ("passport", Properties.PassportNumber),
            ("id_number", Properties.IdNumber), ("imo", Properties.ImoNumber),
        })
        {
            foreach (var value in Values(column))
            {
                record.Add(property, value);
            }
        }
        var listedOn = Value("listed_on");
        var programs = Values("program").ToList();
        foreach (var program in programs)
        {
            record.AddDesignation(new Designation(program, PartialDate.Parse(listedOn)));
        }
        if (programs.Count == 0)
        {
            record.AddDate(Properties.ListingDate, listedOn);
        }
        else if (listedOn.Length > 0 && PartialDate.Parse(listedOn) is null)
        {
            record.Add(Properties.Notes, "listed_on: " + listedOn);
        }
        record.Add(Properties.Notes, Value("notes"));
        return record;
    }

    [GeneratedRegex(@"^#\s*source\s*:\s*(?<name>\S.*?)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex SourceComment();
}
