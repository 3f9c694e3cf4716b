using nietras.SeparatedValues;

namespace Vigil.Core.Sources;

/// <summary>
/// Row reading shared by the CSV and tab-separated parsers: Sep's own failures (a row beyond its 16 MiB buffer, a
/// malformed quote) and cells beyond <see cref="ListLimits.MaxValueChars"/> become <see cref="ListFormatException"/>s
/// naming the file and line.
/// </summary>
internal static class SepRows
{
    /// <summary>
    /// How every list parser reads: quotes unescaped, and column counts left to the parser, so that a row of the wrong
    /// width is named by its line and the count expected rather than failing inside Sep.
    /// </summary>
    public static SepReaderOptions Options(char separator, bool hasHeader) =>
        Sep.Reader(o => o with { Sep = new Sep(separator), HasHeader = hasHeader, Unescape = true, DisableColCountCheck = true });

    /// <summary>Creates the reader (which reads the header row, if any) with Sep's failures named.</summary>
    public static SepReader Open(Func<SepReader> create, string path, int firstLine)
    {
        try
        {
            return create();
        }
        catch (Exception e) when (e is NotSupportedException or InvalidDataException)
        {
            throw Failed(path, firstLine, e);
        }
        catch (ArgumentException e)
        {
            // Sep refuses a header naming one column twice (also one that an unclosed quote ran into the next rows).
            throw new ListFormatException(path, $"line {firstLine}", "unreadable header row: " + e.Message, e);
        }
    }

    /// <summary>
    /// Moves to the next row and checks its cells; <paramref name="nextLine"/> is where the row starts (kept up to date
    /// here), so that a row Sep cannot read is still named by its line.
    /// </summary>
    public static bool Next(SepReader reader, string path, ref int nextLine)
    {
        try
        {
            if (!reader.MoveNext())
            {
                return false;
            }
        }
        catch (Exception e) when (e is NotSupportedException or InvalidDataException)
        {
            throw Failed(path, nextLine, e);
        }
        var row = reader.Current;
        nextLine = row.LineNumberToExcl;
        for (var i = 0; i < row.ColCount; i++)
        {
            ListLimits.CheckValue(path, $"line {row.LineNumberFrom}", $"column {i + 1}", row[i].Span.Length);
        }
        return true;
    }

    private static ListFormatException Failed(string path, int line, Exception e) => e is NotSupportedException
        ? new ListFormatException(path, $"line {line}", "a row is longer than 16 MiB, the most a list row may hold (often a quote that is never closed)", e)
        : new ListFormatException(path, $"line {line}", "malformed CSV: " + e.Message, e);
}
