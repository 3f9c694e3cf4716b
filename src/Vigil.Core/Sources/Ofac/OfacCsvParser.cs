using System.Text;
using nietras.SeparatedValues;
using Vigil.Core.Model;

namespace Vigil.Core.Sources;

/// <summary>
/// US Treasury OFAC legacy CSV: the SDN set (sdn.csv, add.csv, alt.csv, sdn_comments.csv) or the Consolidated
/// non-SDN set (cons_prim.csv, cons_add.csv, cons_alt.csv, cons_comments.csv), as a folder or a main file alone.
/// </summary>
/// <remarks>
/// The files have no header row, write null as <c>-0-</c>, end lines in CRLF, end with a DOS end-of-file byte
/// (0x1A) and are Windows-1252. Addresses, aliases and remark continuations are keyed by ent_num; they are read
/// first (they are a fraction of the main file), then the main file streams. An address, alias or comment whose
/// ent_num has no row in the main file is an error: OFAC publishes the files together and the shared sets join
/// completely, so an orphan means files of different dates were mixed.
/// </remarks>
public sealed class OfacCsvParser : IListParser
{
    private const int MainColumns = 12;
    private const int AddressColumns = 6;
    private const int AliasColumns = 5;
    private const int CommentColumns = 2;
    private const string SdnSource = "us-ofac-sdn";
    private const string ConsolidatedSource = "us-ofac-cons";

    private static readonly Encoding Windows1252 = CreateWindows1252();

    public string Format => "us-ofac-csv";

    public string Description => "US OFAC SDN or Consolidated list, legacy CSV (sdn.csv / cons_prim.csv alone, or a folder with the add, alt and comments files)";

    public bool CanRead(ListInput input)
    {
        if (!input.IsDirectory)
        {
            return LooksLikeMainFile(input.HeadText);
        }
        var set = FindSet(input);
        return set is not null && LooksLikeMainFile(ReadHead(set.Main));
    }

    public IEnumerable<SourceRecord> Read(ListInput input, ListHeader header, CancellationToken cancellationToken = default)
    {
        var set = input.IsDirectory
            ? FindSet(input) ?? throw new ListFormatException(input.Path, "folder", "holds neither sdn.csv nor cons_prim.csv")
            : new FileSet(SourceFromFileName(input.FileName), input.Path, null, null, null);
        if (input.IsDirectory && input.FileInFolder("sdn.csv") is not null && input.FileInFolder("cons_prim.csv") is not null)
        {
            throw new ListFormatException(input.Path, "folder", "holds both the SDN set (sdn.csv) and the Consolidated set (cons_prim.csv); import each from its own folder");
        }
        header.Source = set.Source;
        // The legacy CSV states no publication date and no record count.
        return ReadSet(set, cancellationToken);
    }

    private static IEnumerable<SourceRecord> ReadSet(FileSet set, CancellationToken cancellationToken)
    {
        var addresses = LoadByEntity(set.Addresses, AddressColumns, EndMarker.Required, cancellationToken);
        var aliases = LoadByEntity(set.Aliases, AliasColumns, EndMarker.Required, cancellationToken);
        var comments = LoadByEntity(set.Comments, CommentColumns, EndMarker.Optional, cancellationToken);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in Rows(set.Main, MainColumns, EndMarker.Required, cancellationToken))
        {
            var id = EntityNumber(row, set.Main);
            seen.Add(id);
            yield return ReadEntity(row, id, set.Main, addresses, aliases, comments);
        }
        ThrowOnOrphans(set.Addresses, addresses, seen, set.Main);
        ThrowOnOrphans(set.Aliases, aliases, seen, set.Main);
        ThrowOnOrphans(set.Comments, comments, seen, set.Main);
    }

    private static SourceRecord ReadEntity(
        CsvRow row, string id, string path,
        Dictionary<string, List<CsvRow>> addresses, Dictionary<string, List<CsvRow>> aliases, Dictionary<string, List<CsvRow>> comments)
    {
        var c = row.Columns;
        var schema = c[2]?.Trim().ToLowerInvariant() switch
        {
            null => EntitySchema.Organization,
            "individual" => EntitySchema.Person,
            "vessel" => EntitySchema.Vessel,
            "aircraft" => EntitySchema.Aircraft,
            var other => throw new ListFormatException(path, $"line {row.Line}", $"ent_num {id} has an unknown SDN_Type '{other}'"),
        };
        var name = c[1] ?? throw new ListFormatException(path, $"line {row.Line}", $"ent_num {id} has no SDN_Name");
        var record = new SourceRecord(id, schema) { Location = $"line {row.Line}" };
        record.AddName(OfacRemarks.Name(name, NameType.Primary, schema));
        foreach (var program in OfacRemarks.Programs(c[3]))
        {
            record.AddDesignation(new Designation(program, Authority: OfacRemarks.Authority));
        }
        // OFAC's "Title" is a function ("Minister of Defense"), which FollowTheMoney calls a position.
        record.Add(Properties.Position, c[4]);
        record.Add(Properties.CallSign, c[5]);
        record.Add(Properties.VesselType, c[6]);
        record.Add(Properties.Tonnage, c[7]);
        record.Add(Properties.GrossRegisteredTonnage, c[8]);
        record.Add(Properties.Flag, c[9]);
        if (c[10] is { } owner)
        {
            record.Add(Properties.Notes, "Vessel owner: " + owner);
        }

        foreach (var alias in aliases.GetValueOrDefault(id) ?? [])
        {
            AddAlias(record, alias, schema);
        }
        foreach (var address in addresses.GetValueOrDefault(id) ?? [])
        {
            AddAddress(record, address);
        }

        // Remarks are cut at 1,000 characters; the comments file holds the rest, to be appended as is (the cut falls mid-word).
        var remarks = c[11] ?? "";
        foreach (var comment in comments.GetValueOrDefault(id) ?? [])
        {
            remarks += comment.Columns[1];
        }
        OfacRemarks.Apply(record, remarks);
        return record;
    }

    private static void AddAlias(SourceRecord record, CsvRow alias, EntitySchema schema)
    {
        var c = alias.Columns;
        if (c[3] is not { } name)
        {
            return;
        }
        var remark = c[4];
        var type = c[2]?.Trim().ToLowerInvariant() switch
        {
            _ when remark?.Contains("weak", StringComparison.OrdinalIgnoreCase) == true => NameType.WeakAlias,
            "fka" => NameType.Former,
            _ => NameType.Alias,
        };
        record.AddName(OfacRemarks.Name(name, type, schema));
        if (remark is not null)
        {
            record.Add(Properties.Notes, $"Alias {name}: {remark}");
        }
    }

    private static void AddAddress(SourceRecord record, CsvRow address)
    {
        var c = address.Columns;
        var text = string.Join(", ", new[] { c[2], c[3], c[4] }.Where(v => v is not null));
        record.Add(Properties.Address, text);
        record.Add(Properties.Country, c[4]);
        if (c[5] is { } remark)
        {
            record.Add(Properties.Notes, text.Length == 0 ? "Address: " + remark : $"Address {text}: {remark}");
        }
    }

    private static string EntityNumber(CsvRow row, string path)
    {
        var id = row.Columns[0]?.Trim();
        if (string.IsNullOrEmpty(id))
        {
            throw new ListFormatException(path, $"line {row.Line}", "row has no ent_num");
        }
        if (!id.All(char.IsAsciiDigit))
        {
            throw new ListFormatException(path, $"line {row.Line}", $"ent_num '{id}' is not a number");
        }
        return id;
    }

    private static Dictionary<string, List<CsvRow>> LoadByEntity(string? path, int columns, EndMarker marker, CancellationToken cancellationToken)
    {
        var byEntity = new Dictionary<string, List<CsvRow>>(StringComparer.Ordinal);
        if (path is null)
        {
            return byEntity;
        }
        foreach (var row in Rows(path, columns, marker, cancellationToken))
        {
            var id = EntityNumber(row, path);
            if (!byEntity.TryGetValue(id, out var rows))
            {
                byEntity[id] = rows = [];
            }
            rows.Add(row);
        }
        return byEntity;
    }

    private static void ThrowOnOrphans(string? path, Dictionary<string, List<CsvRow>> byEntity, HashSet<string> seen, string mainPath)
    {
        var orphan = byEntity.Where(p => !seen.Contains(p.Key)).Select(p => p.Value[0]).OrderBy(r => r.Line).FirstOrDefault();
        if (orphan is not null && path is not null)
        {
            throw new ListFormatException(path, $"line {orphan.Line}",
                $"ent_num {orphan.Columns[0]} has no row in {Path.GetFileName(mainPath)}; the files are not from the same publication");
        }
    }

    /// <summary>
    /// Refuses a file that does not end in OFAC's end-of-file byte (0x1A, then at most line ends): a file cut at a line
    /// boundary parses cleanly, and every entity after the cut would look delisted and stop alerting.
    /// </summary>
    private static void RequireEndMarker(string path)
    {
        using var stream = File.OpenRead(path);
        var tail = new byte[(int)Math.Min(64, stream.Length)];
        stream.Seek(-tail.Length, SeekOrigin.End);
        stream.ReadExactly(tail);
        var end = tail.AsSpan().TrimEnd(" \t\r\n"u8);
        if (end.IsEmpty || end[^1] != 0x1A)
        {
            throw new ListFormatException(path, "end of file",
                "the file does not end with OFAC's end-of-file marker (byte 0x1A): it is cut short (an interrupted download or copy?)");
        }
    }

    /// <summary>
    /// Whether a file of the set must end in 0x1A. The comments file may not: OFAC has published it without one
    /// (the 2021 set's sdn_comments.csv); a cut there loses the end of a remark, not entities.
    /// </summary>
    private enum EndMarker
    {
        Required,
        Optional,
    }

    /// <summary>The rows of one file, every cell trimmed of nothing but with OFAC's <c>-0-</c> turned into null.</summary>
    private static IEnumerable<CsvRow> Rows(string path, int columns, EndMarker marker, CancellationToken cancellationToken)
    {
        using var text = new StreamReader(path, Windows1252, detectEncodingFromByteOrderMarks: true);
        using var reader = SepRows.Open(
            () => SepRows.Options(',', hasHeader: false).From(text),
            path,
            1);
        var nextLine = 1;
        while (TryReadRow(reader, path, columns, ref nextLine, out var row))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (row is not null)
            {
                yield return row;
            }
        }
        // Checked once every row is read, so a malformed row is reported at its line first.
        if (marker == EndMarker.Required)
        {
            RequireEndMarker(path);
        }
    }

    /// <summary>Reads the next row; <paramref name="row"/> is null for the end-of-file byte or a blank line.</summary>
    private static bool TryReadRow(SepReader reader, string path, int columns, ref int nextLine, out CsvRow? row)
    {
        row = null;
        if (!SepRows.Next(reader, path, ref nextLine))
        {
            return false;
        }
        var current = reader.Current;
        var line = current.LineNumberFrom;
        if (current.ColCount == 1 && current[0].Span.Trim().Trim('\u001A').IsEmpty)
        {
            return true;
        }
        if (current.ColCount != columns)
        {
            // An unclosed quote swallows the rest of the file into one field, which shows as a short row.
            var problem = current.Span.Count('"') % 2 == 1
                ? "a quoted field is never closed"
                : $"expected {columns} columns, found {current.ColCount}";
            throw new ListFormatException(path, $"line {line}", problem);
        }
        var cells = new string?[columns];
        for (var i = 0; i < columns; i++)
        {
            var value = current[i].ToString();
            cells[i] = value.Trim() is "-0-" or "" ? null : value;
        }
        row = new CsvRow(line, cells);
        return true;
    }

    private static bool LooksLikeMainFile(string head)
    {
        var end = head.IndexOfAny(['\r', '\n']);
        if (end < 0)
        {
            // A head cut before the end of the first line (a long remark) is still judged on its first fields.
            end = head.Length;
        }
        var fields = SplitFirstFields(head[..end], 4);
        return fields.Count >= 3
            && fields[0].Value.Length > 0 && fields[0].Value.All(char.IsAsciiDigit)
            && fields[1].Quoted
            && fields[2].Value.Trim() is "-0-" or "individual" or "vessel" or "aircraft";
    }

    private static List<(string Value, bool Quoted)> SplitFirstFields(string line, int count)
    {
        var fields = new List<(string, bool)>();
        var i = 0;
        while (i <= line.Length && fields.Count < count)
        {
            if (i < line.Length && line[i] == '"')
            {
                var close = line.IndexOf('"', i + 1);
                if (close < 0)
                {
                    return fields;
                }
                fields.Add((line[(i + 1)..close], true));
                i = close + 2;
            }
            else
            {
                var comma = line.IndexOf(',', i);
                var stop = comma < 0 ? line.Length : comma;
                fields.Add((line[i..stop], false));
                i = stop + 1;
            }
        }
        return fields;
    }

    private static FileSet? FindSet(ListInput folder)
    {
        if (folder.FileInFolder("sdn.csv") is { } sdn)
        {
            return new FileSet(SdnSource, sdn, folder.FileInFolder("add.csv"), folder.FileInFolder("alt.csv"), folder.FileInFolder("sdn_comments.csv"));
        }
        if (folder.FileInFolder("cons_prim.csv") is { } cons)
        {
            return new FileSet(ConsolidatedSource, cons, folder.FileInFolder("cons_add.csv"), folder.FileInFolder("cons_alt.csv"), folder.FileInFolder("cons_comments.csv"));
        }
        return null;
    }

    // Both sets share one layout, so a lone main file says which list it is only by its name.
    private static string SourceFromFileName(string fileName) =>
        fileName.StartsWith("cons", StringComparison.OrdinalIgnoreCase) ? ConsolidatedSource : SdnSource;

    private static string ReadHead(string path)
    {
        using var stream = File.OpenRead(path);
        var buffer = new byte[4096];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return Windows1252.GetString(buffer, 0, read);
    }

    private static Encoding CreateWindows1252()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    }

    private sealed record FileSet(string Source, string Main, string? Addresses, string? Aliases, string? Comments);

    private sealed record CsvRow(int Line, string?[] Columns);
}
