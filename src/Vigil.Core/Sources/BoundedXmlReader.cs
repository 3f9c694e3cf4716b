using System.Text;
using System.Xml;

namespace Vigil.Core.Sources;

/// <summary>
/// An <see cref="XmlReader"/> over another that refuses nesting deeper than <see cref="ListLimits.MaxXmlDepth"/> and
/// text longer than <see cref="ListLimits.MaxValueChars"/>, naming the file, position and element. Text is read in
/// chunks, so a huge name fails after 32 KB instead of being built whole; and the depth bound keeps the time to read a
/// record linear in its size (reading deep nesting grows faster than its size).
/// </summary>
internal sealed class BoundedXmlReader : XmlReader, IXmlLineInfo
{
    private readonly XmlReader _inner;
    private readonly string _path;
    private readonly char[] _chunk = new char[4096];
    private string? _text;
    private string _element = "";

    public BoundedXmlReader(XmlReader inner, string path)
    {
        _inner = inner;
        _path = path;
    }

    public override bool Read()
    {
        _text = null;
        if (!_inner.Read())
        {
            return false;
        }
        if (_inner.Depth > ListLimits.MaxXmlDepth)
        {
            throw new ListFormatException(_path, Where(), $"elements nest deeper than {ListLimits.MaxXmlDepth} levels");
        }
        switch (_inner.NodeType)
        {
            case XmlNodeType.Element:
                _element = _inner.Name;
                break;
            case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace:
                _text = ReadText();
                break;
        }
        return true;
    }

    /// <summary>The current text node's value, read in chunks and refused past the limit before it is built whole.</summary>
    private string ReadText()
    {
        if (!_inner.CanReadValueChunk)
        {
            var value = _inner.Value;
            ListLimits.CheckValue(_path, Where(), TextField(), value.Length);
            return value;
        }
        var where = Where();
        var text = new StringBuilder();
        int read;
        while ((read = _inner.ReadValueChunk(_chunk, 0, _chunk.Length)) > 0)
        {
            if (text.Length + read > ListLimits.MaxValueChars)
            {
                ListLimits.CheckValue(_path, where, TextField(), text.Length + read);
            }
            text.Append(_chunk, 0, read);
        }
        return text.ToString();
    }

    private string TextField() => $"the text of element {_element}";

    private string Where() => SafeXml.Where(_inner);

    public override string Value => _text ?? _inner.Value;

    public override bool HasValue => _text is not null || _inner.HasValue;

    public override int AttributeCount => _inner.AttributeCount;

    public override string BaseURI => _inner.BaseURI;

    public override int Depth => _inner.Depth;

    public override bool EOF => _inner.EOF;

    public override bool IsEmptyElement => _inner.IsEmptyElement;

    public override string LocalName => _inner.LocalName;

    public override string Name => _inner.Name;

    public override string NamespaceURI => _inner.NamespaceURI;

    public override XmlNameTable NameTable => _inner.NameTable;

    public override XmlNodeType NodeType => _inner.NodeType;

    public override string Prefix => _inner.Prefix;

    public override ReadState ReadState => _inner.ReadState;

    public override XmlReaderSettings? Settings => _inner.Settings;

    public int LineNumber => _inner is IXmlLineInfo info ? info.LineNumber : 0;

    public int LinePosition => _inner is IXmlLineInfo info ? info.LinePosition : 0;

    public bool HasLineInfo() => _inner is IXmlLineInfo info && info.HasLineInfo();

    public override string GetAttribute(int i) => _inner.GetAttribute(i);

    public override string? GetAttribute(string name) => _inner.GetAttribute(name);

    public override string? GetAttribute(string name, string? namespaceURI) => _inner.GetAttribute(name, namespaceURI);

    public override string? LookupNamespace(string prefix) => _inner.LookupNamespace(prefix);

    public override bool MoveToAttribute(string name) => Moved(_inner.MoveToAttribute(name));

    public override bool MoveToAttribute(string name, string? ns) => Moved(_inner.MoveToAttribute(name, ns));

    public override void MoveToAttribute(int i)
    {
        _text = null;
        _inner.MoveToAttribute(i);
    }

    public override bool MoveToElement() => Moved(_inner.MoveToElement());

    public override bool MoveToFirstAttribute() => Moved(_inner.MoveToFirstAttribute());

    public override bool MoveToNextAttribute() => Moved(_inner.MoveToNextAttribute());

    public override bool ReadAttributeValue() => Moved(_inner.ReadAttributeValue());

    public override void ResolveEntity() => _inner.ResolveEntity();

    public override void Close() => _inner.Close();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }
        base.Dispose(disposing);
    }

    /// <summary>A move to an attribute leaves the text node, whose value must no longer be answered.</summary>
    private bool Moved(bool moved)
    {
        if (moved)
        {
            _text = null;
        }
        return moved;
    }
}
