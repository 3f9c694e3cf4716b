using System.Globalization;
using ExcelDataReader;
using nietras.SeparatedValues;

namespace Vigil.Core.Workflow;

/// <summary>
/// Reads a customer file (CSV or XLSX) row by row in constant memory, mapping common headers
/// (<c>id,name,aliases,dob,country,schema,identifier</c> and their usual synonyms) to subject fields. A row that cannot
/// be read (wrong number of cells, an impossible date, an empty name...) comes back with its line number and reason;
/// it never stops the rows after it. Several values in one cell (aliases, dates, countries, identifiers) are
/// separated by <c>;</c> or <c>|</c>.
/// </summary>
public sealed class SubjectFileReader : IDisposable
{
    private static readonly char[] ValueSeparators = [';', '|'];

    private static readonly Dictionary<string, Field> Synonyms = new (Field Field, string Headers)[]
    {
        (Field.Reference, "id reference ref customerid clientid subjectid externalid queryid customerreference accountid"),
        (Field.Name, "name fullname customername clientname subjectname"),
        (Field.Aliases, "aliases alias othernames aka"),
        (Field.BirthDate, "dob dateofbirth birthdate birthdates born"),
        (Field.Country, "country countries nationality citizenship countryofresidence residence"),
        (Field.Schema, "schema type entitytype subjecttype"),
        (Field.Identifier, "identifier identifiers idnumber passport passportnumber nationalid registrationnumber"),
    }
    .SelectMany(f => f.Headers.Split(' ').Select(h => (Header: h, f.Field)))
    .ToDictionary(h => h.Header, h => h.Field, StringComparer.Ordinal);

    private readonly string _path;
    private readonly Stream _stream;
    private readonly SepReader? _csv;
    private readonly IExcelDataReader? _xlsx;
    private readonly Field?[] _columns;
    private readonly int _headerLine;

    private SubjectFileReader(string path, Stream stream, SepReader? csv, IExcelDataReader? xlsx, string[] header, int headerLine)
    {
        _path = path;
        _stream = stream;
        _csv = csv;
        _xlsx = xlsx;
        _headerLine = headerLine;
        _columns = header.Select(h => Synonyms.TryGetValue(Key(h), out var f) ? f : (Field?)null).ToArray();
        Header = header;
        IgnoredColumns = header.Where((h, i) => _columns[i] is null && h.Trim().Length > 0).ToList();
        var missing = new List<string>();
        if (!_columns.Contains(Field.Reference))
        {
            missing.Add("an id column (id, reference, customer_id...)");
        }
        if (!_columns.Contains(Field.Name))
        {
            missing.Add("a name column (name, full_name...)");
        }
        if (missing.Count > 0)
        {
            throw new FormatException($"{path}: line {headerLine}: the header needs {string.Join(" and ", missing)}; it has {string.Join(",", header)}");
        }
        var twice = _columns.OfType<Field>().GroupBy(f => f).FirstOrDefault(g => g.Count() > 1 && g.Key is Field.Reference or Field.Name or Field.Schema);
        if (twice is not null)
        {
            throw new FormatException($"{path}: line {headerLine}: more than one column maps to {twice.Key.ToString().ToLowerInvariant()}");
        }
    }

    private enum Field
    {
        Reference,
        Name,
        Aliases,
        BirthDate,
        Country,
        Schema,
        Identifier,
    }

    /// <summary>The header's columns as written.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>Header columns that map to no subject field; their cells are not read (and the summary says so).</summary>
    public IReadOnlyList<string> IgnoredColumns { get; }

    /// <summary>How far through the file the reader is, from 0 to 1.</summary>
    public double Fraction => _stream.Length == 0 ? 1 : Math.Min(1, (double)_stream.Position / _stream.Length);

    /// <summary>
    /// Opens a .csv (any of , ; tab | as separator, detected from the header) or .xlsx (the first sheet, header in its
    /// first non-empty row). Throws <see cref="FormatException"/> when the file or its header cannot be read.
    /// </summary>
    public static SubjectFileReader Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such file", path);
        }
        var stream = File.OpenRead(path);
        try
        {
            if (path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
            {
                System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
                IExcelDataReader xlsx;
                try
                {
                    xlsx = ExcelReaderFactory.CreateOpenXmlReader(stream);
                }
                catch (Exception e) when (e is ExcelDataReader.Exceptions.ExcelReaderException or InvalidDataException or IOException)
                {
                    throw new FormatException($"{path}: not a readable .xlsx workbook ({e.Message})", e);
                }
                var line = 0;
                while (xlsx.Read())
                {
                    line++;
                    var cells = Cells(xlsx);
                    if (cells.Any(c => c.Length > 0))
                    {
                        return new SubjectFileReader(path, stream, null, xlsx, cells.Reverse().SkipWhile(c => c.Length == 0).Reverse().ToArray(), line);
                    }
                }
                throw new FormatException($"{path}: the first sheet is empty");
            }
            SepReader csv;
            try
            {
                csv = Sep.Reader(o => o with { Unescape = true, DisableColCountCheck = true, HasHeader = true }).From(stream);
            }
            catch (Exception e) when (e is InvalidDataException or ArgumentException)
            {
                throw new FormatException($"{path}: line 1: not a readable CSV header ({e.Message})", e);
            }
            if (csv.Header.IsEmpty)
            {
                throw new FormatException($"{path}: the file is empty");
            }
            return new SubjectFileReader(path, stream, csv, null, [.. csv.Header.ColNames], 1);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>The data rows, in file order; blank rows are skipped.</summary>
    public IEnumerable<SubjectRow> Rows()
    {
        if (_csv is not null)
        {
            foreach (var row in _csv)
            {
                var content = row.Span.ToString();
                if (content.Trim().Length == 0)
                {
                    continue;
                }
                var line = row.LineNumberFrom;
                if (row.ColCount != _columns.Length)
                {
                    yield return Rejected(line, row.ColCount > _columns.Length
                        ? $"{row.ColCount} cells where the header has {_columns.Length} (a name with an unquoted comma? quote such cells)"
                        : $"{row.ColCount} cells where the header has {_columns.Length}", content);
                    continue;
                }
                var cells = new string[row.ColCount];
                for (var i = 0; i < cells.Length; i++)
                {
                    cells[i] = row[i].ToString();
                }
                yield return Read(line, cells, content);
            }
            yield break;
        }
        var excelLine = (long)_headerLine;
        while (_xlsx!.Read())
        {
            excelLine++;
            var cells = Cells(_xlsx);
            if (cells.All(c => c.Length == 0))
            {
                continue;
            }
            var content = string.Join(",", cells.Reverse().SkipWhile(c => c.Length == 0).Reverse());
            if (cells.Skip(_columns.Length).Any(c => c.Length > 0))
            {
                yield return Rejected(excelLine, $"cells beyond the header's {_columns.Length} columns", content);
                continue;
            }
            yield return Read(excelLine, [.. cells.Take(_columns.Length), .. Enumerable.Repeat("", Math.Max(0, _columns.Length - cells.Length))], content);
        }
    }

    public void Dispose()
    {
        _csv?.Dispose();
        _xlsx?.Dispose();
        _stream.Dispose();
    }

    private SubjectRow Read(long line, string[] cells, string content)
    {
        string? reference = null;
        string? schema = null;
        var names = new List<string>();
        var aliases = new List<string>();
        var dates = new List<string>();
        var countries = new List<string>();
        var identifiers = new List<string>();
        for (var i = 0; i < _columns.Length; i++)
        {
            var cell = cells[i].Trim();
            switch (_columns[i])
            {
                case Field.Reference:
                    reference = cell;
                    break;
                case Field.Name:
                    names.Add(cell);
                    break;
                case Field.Schema:
                    schema = cell;
                    break;
                case Field.Aliases:
                    aliases.AddRange(Split(cell));
                    break;
                case Field.BirthDate:
                    dates.AddRange(Split(cell));
                    break;
                case Field.Country:
                    countries.AddRange(Split(cell));
                    break;
                case Field.Identifier:
                    identifiers.AddRange(Split(cell));
                    break;
                default:
                    break;
            }
        }
        if (string.IsNullOrWhiteSpace(reference))
        {
            return Rejected(line, "id: empty reference", content);
        }
        if (names.All(string.IsNullOrWhiteSpace))
        {
            return Rejected(line, "name: empty name", content);
        }
        var input = new SubjectInput(reference, [.. names.Where(n => n.Length > 0), .. aliases], schema, dates, countries, identifiers);
        // The checks a subject gets anywhere (impossible dates, unknown schema...), here with the row's line number.
        return SubjectFields.TryCreate(input, out var error) is null ? Rejected(line, error!, content) : new SubjectRow(line, input, null, content);
    }

    private static SubjectRow Rejected(long line, string reason, string content) => new(line, null, reason, content);

    private static string[] Split(string cell) =>
        cell.Split(ValueSeparators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static string Key(string header) =>
        string.Concat(header.Trim().ToLowerInvariant().Where(char.IsLetterOrDigit));

    private static string[] Cells(IExcelDataReader reader)
    {
        var cells = new string[reader.FieldCount];
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = reader.GetValue(i) switch
            {
                null => "",
                DateTime d => d.ToString(d.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
                double n => n.ToString("R", CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                var v => v.ToString() ?? "",
            };
        }
        return cells;
    }
}
