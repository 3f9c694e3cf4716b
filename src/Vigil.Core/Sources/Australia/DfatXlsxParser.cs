using System.Globalization;
using System.Text.RegularExpressions;
using ExcelDataReader;
using Vigil.Core.Model;

namespace Vigil.Core.Sources;

/// <summary>
/// Australia DFAT Consolidated List (regulation8_consolidated.xlsx): one row per name, the primary row's Reference
/// ("3136") being the record id and its other names following as "3136a", "3136b", "34c1"...
/// </summary>
/// <remarks>
/// Rows are streamed and a record is yielded when the Reference number changes. A name row that turns up away from
/// its group (row 4331 "2940j" in the November 2024 file) is yielded as a second record with the same id, which the
/// importer folds into the first. The sheet states no publication date, so <see cref="ListHeader.Published"/> stays
/// null (the latest Control Date is a record's last change, not the list's publication).
/// </remarks>
public sealed partial class DfatXlsxParser : IListParser
{
    public const string Source = "au-dfat";
    private const string Authority = "Australia DFAT";
    private static readonly string[] RequiredColumns = ["Reference", "Name of Individual or Entity", "Type", "Name Type"];

    public string Format => "au-dfat-xlsx";

    public string Description => "Australia DFAT Consolidated List (regulation8_consolidated.xlsx)";

    // A reference's rows (one per name) are not always adjacent: the list gives 2940 a second group of rows further down.
    public bool RepeatsIds => true;

    public bool CanRead(ListInput input)
    {
        if (input.IsDirectory || !input.IsZip)
        {
            return false;
        }
        try
        {
            using var stream = File.OpenRead(input.Path);
            using var reader = Workbook.Open(stream, input.Path);
            return FindHeader(reader) is not null;
        }
        catch (Exception e) when (e is not OperationCanceledException and not ListFormatException)
        {
            // A zip that is not a workbook is simply some other format.
            return false;
        }
    }

    public IEnumerable<SourceRecord> Read(ListInput input, ListHeader header, CancellationToken cancellationToken = default)
    {
        header.Source = Source;
        var path = input.Path;
        using var stream = File.OpenRead(path);
        IExcelDataReader reader;
        Dictionary<string, int> columns;
        try
        {
            reader = Workbook.Open(stream, path);
        }
        catch (Exception e) when (e is not OperationCanceledException and not ListFormatException)
        {
            throw new ListFormatException(path, "start of file", "not a readable xlsx workbook: " + e.Message, e);
        }
        using (reader)
        {
            try
            {
                columns = FindHeader(reader)
                    ?? throw new ListFormatException(path, "start of file", "no sheet with the DFAT header row (Reference, Name of Individual or Entity, Type, Name Type)");
            }
            catch (Exception e) when (e is not OperationCanceledException and not ListFormatException)
            {
                throw new ListFormatException(path, "start of file", "unreadable workbook: " + e.Message, e);
            }
            var sheet = reader.Name;
            var row = 1;
            Group? current = null;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                object?[] cells;
                try
                {
                    if (!reader.Read())
                    {
                        break;
                    }
                    row++;
                    cells = new object?[reader.FieldCount];
                    for (var i = 0; i < cells.Length; i++)
                    {
                        cells[i] = reader.GetValue(i);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    throw new ListFormatException(path, $"sheet {sheet}, row {row + 1}", "unreadable row: " + e.Message, e);
                }
                var dfatRow = new Row(cells, columns);
                if (dfatRow.IsBlank)
                {
                    continue;
                }
                var location = $"sheet {sheet}, row {row}";
                var reference = dfatRow.Text("Reference")
                    ?? throw new ListFormatException(path, location, "row has no Reference");
                var number = ReferenceNumber().Match(reference);
                if (!number.Success)
                {
                    throw new ListFormatException(path, location, $"Reference '{reference}' does not start with a number");
                }
                if (current is not null && current.Record.NativeId != number.Value)
                {
                    yield return current.Record;
                    current = null;
                }
                current ??= new Group(new SourceRecord(number.Value, SchemaOf(dfatRow.Text("Type"))) { Location = location });
                Fold(current, dfatRow, path, location);
            }
            if (current is not null)
            {
                yield return current.Record;
            }
        }
    }

    /// <summary>
    /// The "Name Type" column, whatever its spelling ("Primary Name ", "primary name", "aka", "AKA", "Original script",
    /// "Formerly known as", "Previously listed as"...); null for a spelling never seen.
    /// </summary>
    internal static NameType? NameTypeOf(string? text) =>
        string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant() switch
        {
            "PRIMARY NAME" => NameType.Primary,
            "AKA" or "A.K.A." or "ALSO KNOWN AS" => NameType.Alias,
            "ORIGINAL SCRIPT" => NameType.OriginalScript,
            "FORMERLY KNOWN AS" or "PREVIOUSLY LISTED AS" or "FKA" or "F.K.A." => NameType.Former,
            _ => null,
        };

    private static EntitySchema SchemaOf(string? type) =>
        type?.Trim().Equals("Individual", StringComparison.OrdinalIgnoreCase) == true ? EntitySchema.Person : EntitySchema.Organization;

    private static void Fold(Group group, Row row, string path, string location)
    {
        var record = group.Record;
        var nameTypeText = row.Text("Name Type");
        var nameType = NameTypeOf(nameTypeText)
            ?? throw new ListFormatException(path, location, $"unknown Name Type '{nameTypeText}'");
        var name = row.Text("Name of Individual or Entity")
            ?? throw new ListFormatException(path, location, "row has no name");
        record.AddName(name, nameType);

        foreach (var dob in row.Dates("Date of Birth"))
        {
            if (group.FirstTime(Properties.BirthDate, dob))
            {
                AddBirthDate(record, dob);
            }
        }
        foreach (var place in Enumerated(row.Text("Place of Birth")))
        {
            group.AddOnce(Properties.BirthPlace, place);
        }
        foreach (var citizenship in Enumerated(row.Text("Citizenship")))
        {
            group.AddOnce(Properties.Citizenship, citizenship);
        }
        foreach (var address in Enumerated(row.Text("Address")))
        {
            group.AddOnce(Properties.Address, address);
        }
        group.AddOnce(Properties.Notes, row.Text("Additional Information"));

        var listing = row.Text("Listing Information");
        var committee = row.Text("Committees");
        if (committee is not null)
        {
            var program = string.Join(' ', committee.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            var designation = new Designation(program, ListedOn(row, listing), Authority, record.NativeId);
            if (group.FirstTime("designation", designation.ToString()))
            {
                record.AddDesignation(designation);
            }
        }
        group.AddOnce(Properties.Notes, listing is null ? null : "Listing Information: " + listing);
        var control = row.Date("Control Date");
        if (control is not null && group.FirstTime(Properties.ModifiedAt, control))
        {
            record.AddDate(Properties.ModifiedAt, control);
        }
    }

    /// <summary>A birth date item; "Approximately 1975" is read as circa, keeping the list's wording.</summary>
    private static void AddBirthDate(SourceRecord record, string text)
    {
        // PartialDate stops at "approx" inside "Approximately"; "circa" is the same meaning in a form it reads whole.
        var edtf = ReadDate(text);
        if (edtf is not null)
        {
            record.Add(Properties.BirthDate, edtf, text);
            return;
        }
        // "1965 or 1966", "30 December 1960 or 13 December 1960": each alternative, when every one is a date.
        var alternatives = text.Split(" or ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ReadDate).ToList();
        if (alternatives.Count > 1 && alternatives.All(a => a is not null))
        {
            foreach (var alternative in alternatives)
            {
                record.Add(Properties.BirthDate, alternative, text);
            }
            return;
        }
        record.AddDate(Properties.BirthDate, text);

        static string? ReadDate(string text) => PartialDate.Parse(text) ?? PartialDate.Parse(Approximately().Replace(text, "circa "));
    }

    /// <summary>The first listing date of "Listed on 20 Aug. 2015 (amended ...)", "Listed by UN 1267 Committee on 25 January 2001", or a date cell.</summary>
    private static string? ListedOn(Row row, string? listing)
    {
        if (row.Date("Listing Information") is { } cellDate && PartialDate.Parse(cellDate) is { } fromCell && cellDate.Length >= 10)
        {
            return fromCell;
        }
        var m = ListedOnWording().Match(listing ?? "");
        return m.Success ? PartialDate.Parse(m.Groups["d"].Value) : null;
    }

    /// <summary>Splits "a) Varzob area b) Dushanbe", "Somalia;\nKenya" into their items; "NA" means none.</summary>
    internal static IEnumerable<string> Enumerated(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            yield break;
        }
        foreach (var piece in ItemSeparator().Split(text))
        {
            var v = string.Join(' ', piece.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Trim(' ', ',', ';', '.');
            if (v.Length > 0 && !v.Equals("NA", StringComparison.OrdinalIgnoreCase) && !v.Equals("N/A", StringComparison.OrdinalIgnoreCase))
            {
                yield return v;
            }
        }
    }

    /// <summary>Finds the sheet whose first row is the DFAT header; the reader is left just after that row.</summary>
    private static Dictionary<string, int>? FindHeader(IExcelDataReader reader)
    {
        do
        {
            if (!reader.Read())
            {
                continue;
            }
            var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (reader.GetValue(i) is string name && name.Trim().Length > 0)
                {
                    columns.TryAdd(name.Trim(), i);
                }
            }
            if (RequiredColumns.All(columns.ContainsKey))
            {
                return columns;
            }
        }
        while (reader.NextResult());
        return null;
    }

    [GeneratedRegex(@"\bapproximately\b\s*", RegexOptions.IgnoreCase)]
    private static partial Regex Approximately();

    [GeneratedRegex(@"^\d+")]
    private static partial Regex ReferenceNumber();

    // Item markers "a)", "b)" at a word start, semicolons, ">>" and line breaks.
    [GeneratedRegex(@"(?:(?<![\w(])[a-z]\)|;|>>|\r?\n)")]
    private static partial Regex ItemSeparator();

    [GeneratedRegex(@"\blisted\b[^.;]*?\bon:?\s*(?<d>\d{1,2}\s+[A-Za-z]+\.?,?\s+\d{4})", RegexOptions.IgnoreCase)]
    private static partial Regex ListedOnWording();

    /// <summary>One sheet row with its cells addressed by header name.</summary>
    private readonly struct Row(object?[] cells, Dictionary<string, int> columns)
    {
        public bool IsBlank => cells.All(c => c is null || (c is string s && string.IsNullOrWhiteSpace(s)));

        public string? Text(string column) => Format(Value(column));

        /// <summary>A date cell as ISO text: Excel dates, Excel serial numbers and bare years are all found in the sheet.</summary>
        public string? Date(string column) => Value(column) switch
        {
            DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            double d when d > 3000 && d < 2958466 => DateTime.FromOADate(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            var other => Format(other),
        };

        /// <summary>The dates of a birth-date cell: one date cell, or the items of "a) 14 May 1975 b) Approximately 1975".</summary>
        public IEnumerable<string> Dates(string column) =>
            Value(column) is string ? Enumerated(Text(column)) : Date(column) is { } d ? [d] : [];

        private object? Value(string column) =>
            columns.TryGetValue(column, out var i) && i < cells.Length ? cells[i] : null;

        private static string? Format(object? value)
        {
            var text = value switch
            {
                null => null,
                string s => s,
                double d => d.ToString("R", CultureInfo.InvariantCulture),
                DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            };
            text = text?.Replace('\u00A0', ' ').Trim();
            return string.IsNullOrEmpty(text) ? null : text;
        }
    }

    /// <summary>One record being collected and the values already folded into it (aka rows repeat the primary's cells).</summary>
    private sealed class Group(SourceRecord record)
    {
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

        public SourceRecord Record { get; } = record;

        public bool FirstTime(string property, string value) => _seen.Add(property + "\u0001" + value);

        public void AddOnce(string property, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value) && FirstTime(property, value))
            {
                Record.Add(property, value);
            }
        }
    }
}
