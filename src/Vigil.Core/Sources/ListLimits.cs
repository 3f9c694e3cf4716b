using System.IO.Compression;
using System.Text;
using Vigil.Core.Model;

namespace Vigil.Core.Sources;

/// <summary>
/// The largest values, lines, nesting and archive entries a list file may hold. Each is far above what an official list
/// uses (the longest value in the shared lists is a 4,232-character OFAC remark, the longest name 324 characters, the
/// largest xlsx part 13 MB); a file beyond one is refused while it is read, naming the file, the place and the field,
/// before it can take gigabytes of memory or leave a name in the index that makes every screening crawl.
/// </summary>
public static class ListLimits
{
    /// <summary>Characters in any one value: a note, an address, an XML text node, a CSV or spreadsheet cell.</summary>
    public const int MaxValueChars = 32_768;

    /// <summary>Characters in one name (every name is analysed and indexed for each screening).</summary>
    public const int MaxNameChars = 1_024;

    /// <summary>Characters in one line of a line-based format (a JSON line, a comment line).</summary>
    public const int MaxLineChars = 4 << 20;

    /// <summary>Element nesting in an XML list: the deepest official list nests under ten levels.</summary>
    public const int MaxXmlDepth = 64;

    /// <summary>Decompressed bytes of one part of an xlsx workbook.</summary>
    public const long MaxZipEntryBytes = 64L << 20;

    /// <summary>Decompressed bytes of a whole xlsx workbook.</summary>
    public const long MaxZipBytes = 256L << 20;

    /// <summary>Throws when a value read at <paramref name="where"/> is longer than <see cref="MaxValueChars"/>.</summary>
    public static void CheckValue(string path, string where, string field, int length)
    {
        if (length > MaxValueChars)
        {
            throw TooLong(path, where, field, MaxValueChars);
        }
    }

    /// <summary>Throws when one of the record's names or values is beyond its limit, naming the record's place and the field.</summary>
    public static void CheckRecord(SourceRecord record, string path)
    {
        var where = record.Location ?? $"record {record.NativeId}";
        foreach (var name in record.Names)
        {
            if (name.FullName.Length > MaxNameChars)
            {
                throw TooLong(path, where, name.Property, MaxNameChars);
            }
        }
        foreach (var statement in record.Statements)
        {
            CheckValue(path, where, statement.Property, statement.Value.Length);
            CheckValue(path, where, statement.Property, statement.Original?.Length ?? 0);
        }
    }

    /// <summary>
    /// Reads a line of at most <see cref="MaxLineChars"/> characters (without its end), or null at the end of the text.
    /// Unlike <see cref="TextReader.ReadLine"/>, a line without end never makes one string of the whole file.
    /// </summary>
    public static string? ReadLine(TextReader reader, string path, int lineNumber)
    {
        var line = new StringBuilder();
        while (true)
        {
            var c = reader.Read();
            if (c < 0)
            {
                return line.Length == 0 ? null : line.ToString();
            }
            if (c == '\n')
            {
                return line.ToString();
            }
            if (c == '\r')
            {
                if (reader.Peek() == '\n')
                {
                    reader.Read();
                }
                return line.ToString();
            }
            if (line.Length == MaxLineChars)
            {
                throw new ListFormatException(path, $"line {lineNumber}", $"the line is longer than {MaxLineChars:N0} characters");
            }
            line.Append((char)c);
        }
    }

    /// <summary>
    /// Decompresses every part of a zip (xlsx) file, counting bytes and discarding them, and throws when a part or the
    /// whole is beyond <see cref="MaxZipEntryBytes"/> or <see cref="MaxZipBytes"/>. Parts' declared sizes can lie, so
    /// the bytes themselves are counted; the stream is left at its start for the spreadsheet reader.
    /// </summary>
    public static void CheckZip(Stream stream, string path)
    {
        var total = 0L;
        var buffer = new byte[81920];
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true))
        {
            foreach (var entry in zip.Entries)
            {
                if (entry.Length > MaxZipEntryBytes)
                {
                    throw ZipTooLarge(path, entry.FullName);
                }
                using var part = entry.Open();
                var size = 0L;
                int read;
                while ((read = part.Read(buffer)) > 0)
                {
                    size += read;
                    total += read;
                    if (size > MaxZipEntryBytes)
                    {
                        throw ZipTooLarge(path, entry.FullName);
                    }
                    if (total > MaxZipBytes)
                    {
                        throw new ListFormatException(path, $"part {entry.FullName}", $"the workbook decompresses to more than {MaxZipBytes >> 20} MiB");
                    }
                }
            }
        }
        stream.Position = 0;
    }

    private static ListFormatException ZipTooLarge(string path, string entry) =>
        new(path, $"part {entry}", $"the part decompresses to more than {MaxZipEntryBytes >> 20} MiB");

    // The length read so far, not the value's: a value is refused as soon as it passes the limit, without reading the rest.
    private static ListFormatException TooLong(string path, string where, string field, int limit) =>
        new(path, where, $"{field} holds more than {limit:N0} characters, the most Vigil accepts there");
}
