using System.Globalization;
using System.Text.RegularExpressions;
using ExcelDataReader;
using nietras.SeparatedValues;
using Vigil.Core.Model;

namespace Vigil.Core.Sources;

/// <summary>UK HM Treasury / OFSI Consolidated List as published in ConList.xlsx (sheet <c>Data</c>, one row per name).</summary>
public sealed class OfsiXlsxParser : IListParser
{
    public string Format => "gb-hmt-xlsx";

    public string Description => "UK HM Treasury / OFSI Consolidated List (ConList.xlsx)";

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
            return OfsiWorkbook.FindHeader(reader) is not null;
        }
        catch (Exception e) when (e is not OperationCanceledException and not ListFormatException)
        {
            // A zip that is not a workbook is simply some other format.
            return false;
        }
    }

    public IEnumerable<SourceRecord> Read(ListInput input, ListHeader header, CancellationToken cancellationToken = default)
    {
        header.Source = OfsiRowMapper.Source;
        var path = input.Path;
        OfsiRowMapper mapper;
        using (var stream = File.OpenRead(path))
        {
            IExcelDataReader reader;
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
                mapper = ReadSheet(reader, path, header, cancellationToken);
            }
        }
        return mapper.Records();
    }

    private static OfsiRowMapper ReadSheet(IExcelDataReader reader, string path, ListHeader header, CancellationToken cancellationToken)
    {
        OfsiWorkbook.HeaderRow? found;
        try
        {
            found = OfsiWorkbook.FindHeader(reader);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new ListFormatException(path, "start of file", "unreadable workbook: " + e.Message, e);
        }
        if (found is null)
        {
            throw new ListFormatException(path, "start of file", "no sheet with the OFSI header row (Name 6 ... Group ID)");
        }
        header.Published = found.Published;
        var mapper = new OfsiRowMapper(path, found.Columns, $"sheet {found.Sheet}, row {found.Row}");
        var row = found.Row;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string?[] cells;
            try
            {
                if (!reader.Read())
                {
                    break;
                }
                row++;
                cells = new string?[reader.FieldCount];
                for (var i = 0; i < cells.Length; i++)
                {
                    cells[i] = OfsiWorkbook.CellText(reader.GetValue(i));
                }
            }
            catch (Exception e) when (e is not OperationCanceledException and not ListFormatException)
            {
                throw new ListFormatException(path, $"sheet {found.Sheet}, row {row + 1}", "unreadable row: " + e.Message, e);
            }
            mapper.Fold(cells, $"sheet {found.Sheet}, row {row}");
        }
        return mapper;
    }
}

/// <summary>UK HM Treasury / OFSI Consolidated List as published in ConList.csv ("Last Updated" line, header, one row per name).</summary>
public sealed class OfsiCsvParser : IListParser
{
    public string Format => "gb-hmt-csv";

    public string Description => "UK HM Treasury / OFSI Consolidated List (ConList.csv)";

    public bool CanRead(ListInput input)
    {
        if (input.IsDirectory || input.IsZip)
        {
            return false;
        }
        var head = input.HeadText;
        return head.Contains("Name 6,Name 1,", StringComparison.Ordinal) && head.Contains("Group ID", StringComparison.Ordinal);
    }

    public IEnumerable<SourceRecord> Read(ListInput input, ListHeader header, CancellationToken cancellationToken = default)
    {
        header.Source = OfsiRowMapper.Source;
        var path = input.Path;
        OfsiRowMapper? mapper = null;
        using var reader = SepRows.Open(
            () => SepRows.Options(',', hasHeader: false).FromFile(path),
            path,
            1);
        var nextLine = 1;
        while (SepRows.Next(reader, path, ref nextLine))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var row = reader.Current;
            var location = $"line {row.LineNumberFrom}";
            if (row.Span.Count('"') % 2 != 0)
            {
                throw new ListFormatException(path, location, "broken quote: a quoted field is never closed");
            }
            var cells = new string?[row.ColCount];
            for (var i = 0; i < cells.Length; i++)
            {
                var text = row[i].ToString();
                cells[i] = string.IsNullOrWhiteSpace(text) ? null : text;
            }
            if (mapper is null)
            {
                if (cells.Length > 0 && cells[0]?.Trim().StartsWith("Last Updated", StringComparison.OrdinalIgnoreCase) == true)
                {
                    header.Published = OfsiWorkbook.PublishedDate(string.Join(' ', cells.Where(c => c is not null)));
                    continue;
                }
                if (!OfsiWorkbook.IsHeader(cells))
                {
                    throw new ListFormatException(path, location, "expected the OFSI header row (Name 6 ... Group ID)");
                }
                mapper = new OfsiRowMapper(path, cells, location);
                continue;
            }
            if (cells.Length != mapper.ColumnCount)
            {
                throw new ListFormatException(path, location, $"wrong column count: expected {mapper.ColumnCount}, found {cells.Length}");
            }
            mapper.Fold(cells, location);
        }
        if (mapper is null)
        {
            throw new ListFormatException(path, "end of file", "no OFSI header row (Name 6 ... Group ID) found");
        }
        return mapper.Records();
    }
}

/// <summary>Workbook access shared by the OFSI xlsx parser: opening, header discovery, cell text.</summary>
internal static partial class OfsiWorkbook
{
    /// <summary>Where the header row was found, with the publication date stated above it.</summary>
    internal sealed record HeaderRow(string Sheet, int Row, string?[] Columns, string? Published);

    /// <summary>Moves the reader to the sheet holding the header row and returns it; the reader is left just after it.</summary>
    public static HeaderRow? FindHeader(IExcelDataReader reader)
    {
        do
        {
            string? published = null;
            // The header sits in the first few rows, under the "Last Updated" line.
            for (var row = 1; row <= 5 && reader.Read(); row++)
            {
                var cells = new string?[reader.FieldCount];
                for (var i = 0; i < cells.Length; i++)
                {
                    cells[i] = CellText(reader.GetValue(i));
                }
                if (cells.Length > 0 && cells[0]?.StartsWith("Last Updated", StringComparison.OrdinalIgnoreCase) == true)
                {
                    published = PublishedDate(string.Join(' ', cells.Where(c => c is not null)));
                }
                else if (IsHeader(cells))
                {
                    return new HeaderRow(reader.Name, row, cells, published);
                }
            }
        }
        while (reader.NextResult());
        return null;
    }

    public static bool IsHeader(string?[] cells) =>
        cells.Contains("Name 6", StringComparer.OrdinalIgnoreCase) && cells.Contains("Group ID", StringComparer.OrdinalIgnoreCase);

    /// <summary>"Last Updated 14/04/2025" (one cell or two) as ISO text.</summary>
    public static string? PublishedDate(string text)
    {
        var m = DayMonthYear().Match(text);
        return m.Success ? PartialDate.Parse(m.Value) : null;
    }

    /// <summary>A cell as the list's text: numbers without a trailing ".0", dates as ISO.</summary>
    public static string? CellText(object? value)
    {
        var text = value switch
        {
            null => null,
            string s => s,
            DateTime d => d.ToString(d.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    [GeneratedRegex(@"\d{1,2}/\d{1,2}/\d{4}")]
    private static partial Regex DayMonthYear();
}

/// <summary>
/// Folds OFSI name rows into one record per Group ID. The list has one row per name (and per date of birth), and
/// the rows of one group are scattered through the file, so groups are collected before any is yielded; repeated
/// cell values are folded once, so memory follows the distinct content of the groups, not the file size.
/// </summary>
/// <remarks>
/// Caption rule: a group's caption is its "Primary name" row (older files: "Prime Alias"). A group without one
/// (groups 16601 and 16789 in the April 2025 file) is captioned by its first name in file order; no name is
/// promoted to primary, so the record states only what the list states.
/// </remarks>
internal sealed partial class OfsiRowMapper
{
    public const string Source = "gb-hmt";
    private const string Authority = "HM Treasury (OFSI)";

    private static readonly string[] RequiredColumns = ["Name 6", "Group Type", "Alias Type", "Regime", "Group ID"];

    // Languages as OFSI spells them in "Non-Latin Script Language", to ISO 639-1.
    private static readonly Dictionary<string, string> LanguageCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Arabic"] = "ar",
        ["Belarusian"] = "be",
        ["Bosnian"] = "bs",
        ["Bulgarian"] = "bg",
        ["Burmese"] = "my",
        ["Chinese"] = "zh",
        ["Georgian"] = "ka",
        ["Greek"] = "el",
        ["Hebrew"] = "he",
        ["Japanese"] = "ja",
        ["Kazakh"] = "kk",
        ["Korean"] = "ko",
        ["Persian"] = "fa",
        ["Farsi"] = "fa",
        ["Persian/Farsi"] = "fa",
        ["Romanian"] = "ro",
        ["Russian"] = "ru",
        ["Russia"] = "ru",
        ["Serbian"] = "sr",
        ["Spanish"] = "es",
        ["Thai"] = "th",
        ["Turkish"] = "tr",
        ["Ukrainian"] = "uk",
        ["Ukraine"] = "uk",
    };

    private readonly string _path;
    private readonly Dictionary<string, int> _columns = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Group> _groups = new(StringComparer.Ordinal);
    private readonly List<Group> _order = [];

    public OfsiRowMapper(string path, string?[] header, string headerLocation)
    {
        _path = path;
        ColumnCount = header.Length;
        for (var i = 0; i < header.Length; i++)
        {
            if (header[i]?.Trim() is { Length: > 0 } name)
            {
                _columns.TryAdd(name, i);
            }
        }
        foreach (var required in RequiredColumns)
        {
            if (!_columns.ContainsKey(required))
            {
                throw new ListFormatException(path, headerLocation, $"header has no '{required}' column");
            }
        }
    }

    /// <summary>Number of columns the header row has.</summary>
    public int ColumnCount { get; }

    /// <summary>The groups in order of first appearance.</summary>
    public IEnumerable<SourceRecord> Records() => _order.Select(g => g.Record);

    /// <summary>Folds one name row into its group.</summary>
    public void Fold(string?[] cells, string location)
    {
        if (cells.All(c => c is null))
        {
            return;
        }
        var groupId = Cell(cells, "Group ID")
            ?? throw new ListFormatException(_path, location, "row has no Group ID");
        var groupType = Cell(cells, "Group Type")
            ?? throw new ListFormatException(_path, location, $"row of group {groupId} has no Group Type");
        if (!_groups.TryGetValue(groupId, out var group))
        {
            var schema = groupType.ToUpperInvariant() switch
            {
                "INDIVIDUAL" => EntitySchema.Person,
                "SHIP" => EntitySchema.Vessel,
                _ => EntitySchema.Organization,
            };
            group = new Group(new SourceRecord(groupId, schema) { Location = location });
            _groups.Add(groupId, group);
            _order.Add(group);
            if (schema == EntitySchema.Organization && !groupType.Equals("Entity", StringComparison.OrdinalIgnoreCase))
            {
                group.Record.Add(Properties.Notes, "Group Type: " + groupType);
            }
        }
        AddNames(group, cells);
        AddFacts(group, cells);
    }

    private void AddNames(Group group, string?[] cells)
    {
        var record = group.Record;
        string?[] given = [Cell(cells, "Name 1"), Cell(cells, "Name 2"), Cell(cells, "Name 3"), Cell(cells, "Name 4"), Cell(cells, "Name 5")];
        var family = Cell(cells, "Name 6");
        var full = string.Join(' ', given.Append(family).Where(p => p is not null).SelectMany(p => p!.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        var type = NameTypeOf(Cell(cells, "Alias Type"), Cell(cells, "Alias Quality"));
        if (full.Length > 0 && group.FirstTime($"name\u0001{type}\u0001{full}"))
        {
            var parts = new List<NamePart>();
            if (record.Schema == EntitySchema.Person)
            {
                for (var i = 0; i < given.Length; i++)
                {
                    if (given[i] is { } part)
                    {
                        parts.Add(new NamePart(i == 0 ? NamePartKind.Given : NamePartKind.Middle, part));
                    }
                }
                if (family is not null)
                {
                    parts.Add(new NamePart(NamePartKind.Family, family));
                }
            }
            record.AddName(new NameEntry(full, type) { Parts = parts });
        }

        var original = Cell(cells, "Name Non-Latin Script") is { } script ? string.Join(' ', script.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)) : null;
        if (original is not null && group.FirstTime("script\u0001" + original))
        {
            var language = Cell(cells, "Non-Latin Script Language");
            record.AddName(new NameEntry(original, NameType.OriginalScript)
            {
                Language = language is not null && LanguageCodes.TryGetValue(language.Trim(), out var code) ? code : null,
            });
        }
    }

    /// <summary>OFSI "Alias Type" and "Alias Quality" as a name type.</summary>
    internal static NameType NameTypeOf(string? aliasType, string? quality)
    {
        var kind = aliasType?.Trim().ToUpperInvariant();
        if (kind is "PRIMARY NAME" or "PRIME ALIAS")
        {
            return NameType.Primary;
        }
        if (kind is "FKA")
        {
            return NameType.Former;
        }
        return quality?.Trim().Equals("Low quality", StringComparison.OrdinalIgnoreCase) == true ? NameType.WeakAlias : NameType.Alias;
    }

    private void AddFacts(Group group, string?[] cells)
    {
        var record = group.Record;
        foreach (var title in Enumerated(Cell(cells, "Title")).Values)
        {
            AddOnce(group, Properties.Title, title);
        }

        var dob = Cell(cells, "DOB");
        if (dob is not null && group.FirstTime("dob\u0001" + dob))
        {
            var monthYear = MonthYear().Match(dob);
            if (monthYear.Success)
            {
                // "05/1975": PartialDate reads two-part dates as ranges, so the month/year form is built here.
                record.Add(Properties.BirthDate, PartialDate.Format(
                    int.Parse(monthYear.Groups["y"].Value, CultureInfo.InvariantCulture),
                    int.Parse(monthYear.Groups["m"].Value, CultureInfo.InvariantCulture)), dob);
            }
            else
            {
                record.AddDate(Properties.BirthDate, dob);
            }
        }

        AddPaired(group, Properties.BirthPlace, Cell(cells, "Town of Birth"), Cell(cells, "Country of Birth"), (town, country) => Join(", ", town, country), null);
        foreach (var nationality in Enumerated(Cell(cells, "Nationality")).Values)
        {
            AddOnce(group, Properties.Nationality, nationality);
        }
        AddPaired(group, Properties.PassportNumber, Cell(cells, "Passport Number"), Cell(cells, "Passport Details"), (n, _) => n, (n, d) => Join(", ", n, d));
        AddPaired(group, Properties.IdNumber, Cell(cells, "National Identification Number"),
            Cell(cells, "National Identification Details") ?? Cell(cells, "NI Details"), (n, _) => n, (n, d) => Join(", ", n, d));
        foreach (var position in Enumerated(Cell(cells, "Position")).Values)
        {
            AddOnce(group, Properties.Position, position);
        }

        var country = Cell(cells, "Country");
        var address = Join(", ",
            Cell(cells, "Address 1"), Cell(cells, "Address 2"), Cell(cells, "Address 3"), Cell(cells, "Address 4"),
            Cell(cells, "Address 5"), Cell(cells, "Address 6"), Cell(cells, "Post/Zip Code"), country);
        AddOnce(group, Properties.Address, address);
        AddOnce(group, Properties.Country, country);

        var other = Cell(cells, "Other Information");
        var ukReference = AddOtherInformation(group, other);

        var regime = Cell(cells, "Regime");
        if (regime is not null)
        {
            var listedOn = Cell(cells, "Listed On");
            var designation = new Designation(regime.Trim(), PartialDate.Parse(listedOn), Authority, ukReference);
            if (group.FirstTime($"designation\u0001{designation}"))
            {
                record.AddDesignation(designation);
            }
        }
        var designated = Cell(cells, "UK Sanctions List Date Designated");
        if (designated is not null && group.FirstTime("designated\u0001" + designated))
        {
            // No FollowTheMoney property holds a second designation date; the list's wording is kept as a note.
            record.Add(Properties.Notes, "UK Sanctions List Date Designated: " + designated.Trim());
        }
        var updated = Cell(cells, "Last Updated");
        if (updated is not null && group.FirstTime("updated\u0001" + updated))
        {
            record.AddDate(Properties.ModifiedAt, updated);
        }
    }

    /// <summary>
    /// "Other Information" is kept whole as a note; its labelled fields ("(UK Sanctions List Ref):AQD0179.
    /// (UN Ref):QDi.372. ...") are also read. Returns the UK Sanctions List reference.
    /// </summary>
    private static string? AddOtherInformation(Group group, string? text)
    {
        if (text is null)
        {
            return group.UkReference;
        }
        if (!group.FirstTime("other\u0001" + text))
        {
            return group.UkReference;
        }
        var record = group.Record;
        record.Add(Properties.Notes, text);
        var labels = Label().Matches(text);
        var unlabelled = labels.Count == 0 ? text : text[..labels[0].Index];
        // Older files carry no labels and open with "UN Ref IRi.018.".
        var oldStyle = OldUnReference().Match(unlabelled);
        if (oldStyle.Success)
        {
            AddUnReference(group, unlabelled[oldStyle.Length..]);
        }
        for (var i = 0; i < labels.Count; i++)
        {
            var start = labels[i].Index + labels[i].Length;
            var end = i + 1 < labels.Count ? labels[i + 1].Index : text.Length;
            var value = text[start..end].Trim();
            switch (labels[i].Groups["label"].Value)
            {
                case "UK Sanctions List Ref":
                    // The reference ("AQD0179") is the field's first word; free text may follow it without a label.
                    group.UkReference ??= value.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.TrimEnd('.', ',', ';');
                    break;
                case "UN Ref":
                    AddUnReference(group, value);
                    break;
                case "Gender":
                    AddOnce(group, Properties.Gender, value.TrimEnd('.').ToLowerInvariant());
                    break;
                case "Phone number":
                case "Fax":
                    AddOnce(group, Properties.Phone, value);
                    break;
                case "Email address":
                    AddOnce(group, Properties.Email, value);
                    break;
                case "Website":
                    AddOnce(group, Properties.Website, value);
                    break;
                case "Business Reg No":
                    AddOnce(group, Properties.RegistrationNumber, value);
                    break;
                case "IMO number":
                    AddOnce(group, Properties.ImoNumber, value.TrimEnd('.'));
                    break;
                case "Flag of ship":
                    AddOnce(group, Properties.Flag, value);
                    break;
                default:
                    // Statement of reasons, parent company, ship type, tonnage...: kept in the note above.
                    break;
            }
        }
        return group.UkReference;
    }

    /// <summary>
    /// The UN record this group IS: only the reference that opens the "UN Ref" field counts. The rest of that field
    /// is free text that names related listings ("listed as Al-Qaida in Iraq (QDe.115)"), which are other entities.
    /// </summary>
    private static void AddUnReference(Group group, string value)
    {
        var trimmed = value.TrimStart(' ', ':');
        foreach (var (id, quoted) in UnReferenceFinder.Find(trimmed))
        {
            if (trimmed.StartsWith(quoted, StringComparison.Ordinal) && group.FirstTime("xref\u0001" + id))
            {
                group.Record.AddCrossReference(id, quoted);
            }
            break;
        }
    }

    /// <summary>
    /// Adds pairs of enumerated columns ("(1) Varzob area (2) Dushanbe" with "(1) Tajikistan (2) Tajikistan"); an
    /// unnumbered value applies to every numbered one of the other column. A pair that yields no value (passport
    /// details without a number) is kept as a note.
    /// </summary>
    private static void AddPaired(Group group, string property, string? first, string? second,
        Func<string?, string?, string?> value, Func<string?, string?, string?>? original)
    {
        if ((first is null && second is null) || !group.FirstTime($"{property}\u0001{first}\u0001{second}"))
        {
            return;
        }
        var a = Enumerated(first);
        var b = Enumerated(second);
        var numbers = a.Keys.Union(b.Keys).Where(n => n != 0).Order().ToList();
        if (numbers.Count == 0)
        {
            numbers.Add(0);
        }
        foreach (var n in numbers)
        {
            var x = a.TryGetValue(n, out var av) ? av : a.GetValueOrDefault(0);
            var y = b.TryGetValue(n, out var bv) ? bv : b.GetValueOrDefault(0);
            if (value(x, y) is { } v)
            {
                group.Record.Add(property, v, original?.Invoke(x, y));
            }
            else if (Join(", ", x, y) is { } unstructured)
            {
                group.Record.Add(Properties.Notes, $"{property}: {unstructured}");
            }
        }
    }

    /// <summary>"(1) A (2) B", "(1-3) Libya (4) Morocco" by number; an unnumbered value is number 0; "-" means none.</summary>
    internal static SortedDictionary<int, string> Enumerated(string? text)
    {
        var result = new SortedDictionary<int, string>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return result;
        }
        var markers = EnumerationMarker().Matches(text);
        if (markers.Count == 0 || markers[0].Index != text.Length - text.TrimStart().Length)
        {
            Put(result, 0, text);
            return result;
        }
        for (var i = 0; i < markers.Count; i++)
        {
            var start = markers[i].Index + markers[i].Length;
            var end = i + 1 < markers.Count ? markers[i + 1].Index : text.Length;
            var from = int.Parse(markers[i].Groups["a"].Value, CultureInfo.InvariantCulture);
            var to = markers[i].Groups["b"].Success ? int.Parse(markers[i].Groups["b"].Value, CultureInfo.InvariantCulture) : from;
            for (var n = from; n <= Math.Min(to, from + 50); n++)
            {
                Put(result, n, text[start..end]);
            }
        }
        return result;

        static void Put(SortedDictionary<int, string> into, int n, string value)
        {
            var v = value.Trim().TrimEnd('.', ',', ';').Trim();
            if (v.Length > 0 && v is not "-" and not "–")
            {
                into[n] = v;
            }
        }
    }

    private static void AddOnce(Group group, string property, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value) && group.FirstTime($"{property}\u0001{value}"))
        {
            group.Record.Add(property, value);
        }
    }

    private string? Cell(string?[] cells, string column)
    {
        if (!_columns.TryGetValue(column, out var i) || i >= cells.Length)
        {
            return null;
        }
        var v = cells[i]?.Trim();
        return string.IsNullOrEmpty(v) ? null : v;
    }

    private static string? Join(string separator, params string?[] parts)
    {
        var joined = string.Join(separator, parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()));
        return joined.Length == 0 ? null : joined;
    }

    [GeneratedRegex(@"\((?<label>UK Sanctions List Ref|UK Statement of Reasons|UN Ref|Gender|Phone number|Email address|Type of entity|Website|Parent company|Business Reg No|Subsidiaries|IMO number|Flag of ship|Type of ship|Tonnage of ship|Length of ship|Year built|Current owners|Fax|Previous flags|Further Identifiying Information|Further Identifying Information)\):")]
    private static partial Regex Label();

    [GeneratedRegex(@"^\s*UN Ref\b\s*:?")]
    private static partial Regex OldUnReference();

    [GeneratedRegex(@"\((?<a>\d{1,2})(?:\s*-\s*(?<b>\d{1,2}))?\)")]
    private static partial Regex EnumerationMarker();

    [GeneratedRegex(@"^(?<m>\d{1,2})/(?<y>\d{4})$")]
    private static partial Regex MonthYear();

    /// <summary>One group being collected: its record and the values already folded into it.</summary>
    private sealed class Group(SourceRecord record)
    {
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

        public SourceRecord Record { get; } = record;

        public string? UkReference { get; set; }

        /// <summary>True the first time a value is offered; rows of one group repeat most of their cells.</summary>
        public bool FirstTime(string key) => _seen.Add(key);
    }
}
