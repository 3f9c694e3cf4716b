using System.Xml;
using System.Xml.Linq;

namespace Vigil.Core.Sources;

/// <summary>Creates XML readers that never process DTDs, resolve external entities or expand entities.</summary>
public static class SafeXml
{
    public static XmlReaderSettings Settings { get; } = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = true,
    };

    /// <summary>A reader of the file that also refuses deep nesting and over-long text (<see cref="BoundedXmlReader"/>).</summary>
    public static XmlReader Open(string path)
    {
        var stream = File.OpenRead(path);
        try
        {
            // Creating the reader already decodes the first bytes, so a file whose encoding is broken fails here.
            return new BoundedXmlReader(XmlReader.Create(stream, Settings, path), path);
        }
        catch (XmlException e)
        {
            stream.Dispose();
            throw Malformed(path, e);
        }
    }

    /// <summary>"line L, column C" of the reader's position, for error messages.</summary>
    public static string Where(XmlReader reader) =>
        reader is IXmlLineInfo info && info.HasLineInfo() ? $"line {info.LineNumber}, column {info.LinePosition}" : "unknown position";

    /// <summary>
    /// Enumerates <paramref name="source"/> (record elements read from an <see cref="XmlReader"/>), turning any
    /// <see cref="XmlException"/> into a <see cref="ListFormatException"/> naming the file and position. A
    /// <c>yield</c> iterator cannot catch around its own <c>yield return</c>, so every parser's loop needs this once.
    /// </summary>
    public static IEnumerable<T> Guard<T>(IEnumerable<T> source, string path)
    {
        using var items = source.GetEnumerator();
        while (true)
        {
            T item;
            try
            {
                if (!items.MoveNext())
                {
                    yield break;
                }
                item = items.Current;
            }
            catch (XmlException e)
            {
                throw Malformed(path, e);
            }
            yield return item;
        }
    }

    /// <summary>
    /// Every record element the reader reaches through <paramref name="advanceToRecord"/> (which leaves it on the
    /// record's start tag, or returns false at the end), read whole, one at a time, with its position.
    /// </summary>
    public static IEnumerable<(XElement Element, string Where)> Records(XmlReader reader, string path, Func<XmlReader, bool> advanceToRecord) =>
        Guard(ReadRecords(reader, advanceToRecord), path);

    private static IEnumerable<(XElement Element, string Where)> ReadRecords(XmlReader reader, Func<XmlReader, bool> advanceToRecord)
    {
        while (advanceToRecord(reader))
        {
            var where = Where(reader);
            yield return ((XElement)XNode.ReadFrom(reader), where);
        }
    }

    /// <summary>The child elements of the element the reader is on, one at a time; leaves the reader after its end tag.</summary>
    public static IEnumerable<(XElement Element, string Where)> Children(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            yield break;
        }
        var depth = reader.Depth;
        reader.Read();
        while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                var where = SafeXml.Where(reader);
                yield return ((XElement)XNode.ReadFrom(reader), where);
            }
            else
            {
                reader.Read();
            }
        }
        reader.Read();
    }

    /// <summary>Wraps an <see cref="XmlException"/> as a <see cref="ListFormatException"/> naming the file and position.</summary>
    public static ListFormatException Malformed(string path, XmlException e) =>
        new(path, e.LineNumber > 0 ? $"line {e.LineNumber}, column {e.LinePosition}" : "before the root element", "malformed XML: " + e.Message, e);
}
