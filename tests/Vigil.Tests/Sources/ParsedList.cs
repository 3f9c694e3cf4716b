using Vigil.Core.Model;
using Vigil.Core.Sources;

namespace Vigil.Tests.Sources;

/// <summary>A whole file read through a parser into memory, for assertions on what the parser produced.</summary>
internal sealed class ParsedList
{
    private ParsedList(IListParser parser, ListHeader header, List<SourceRecord> records)
    {
        Parser = parser;
        Header = header;
        Records = records;
    }

    public IListParser Parser { get; }

    public ListHeader Header { get; }

    /// <summary>Records in file order, including repeats of a native id.</summary>
    public List<SourceRecord> Records { get; }

    /// <summary>Distinct native ids, as the importer counts entities.</summary>
    public int DistinctIds => Records.Select(r => r.NativeId).Distinct(StringComparer.Ordinal).Count();

    /// <summary>The record with this native id, repeats merged as the importer merges them.</summary>
    public SourceRecord Get(string nativeId)
    {
        SourceRecord? merged = null;
        foreach (var r in Records.Where(r => r.NativeId == nativeId))
        {
            if (merged is null)
            {
                merged = new SourceRecord(r.NativeId, r.Schema);
            }
            merged.MergeFrom(r);
        }
        return merged ?? throw new KeyNotFoundException(nativeId);
    }

    /// <summary>Reads a shared data file with the parser detection picks (and asserts it is the expected one).</summary>
    public static ParsedList Read(string path, string? expectedFormat = null)
    {
        var input = ListInput.Open(path);
        var parser = ListFormats.Detect(input);
        if (expectedFormat is not null)
        {
            Assert.Equal(expectedFormat, parser.Format);
        }
        var header = new ListHeader();
        var records = parser.Read(input, header, TestContext.Current.CancellationToken).ToList();
        return new ParsedList(parser, header, records);
    }
}
