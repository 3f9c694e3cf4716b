namespace Vigil.Core.Sources;

/// <summary>Every list format Vigil reads, and detection of a file's format from its content.</summary>
public static class ListFormats
{
    /// <summary>All parsers, most specific first: detection takes the first that claims the input.</summary>
    public static IReadOnlyList<IListParser> All { get; } =
    [
        new UnScXmlParser(),
        new OfacAdvancedXmlParser(),
        new OfacEnhancedXmlParser(),
        new OfacSdnXmlParser(),
        new OfacCsvParser(),
        new EuFsfXmlParser(),
        new SemaXmlParser(),
        new SecoXmlParser(),
        new OfsiXlsxParser(),
        new OfsiCsvParser(),
        new DfatXlsxParser(),
        new BisDplParser(),
        new FtmJsonParser(),

        // Generic: claims any CSV whose header has id and name, so it must stay last.
        new CustomCsvParser(),
    ];

    public static IListParser ByName(string format) =>
        All.FirstOrDefault(p => string.Equals(p.Format, format, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"unknown format '{format}'; known formats: {string.Join(", ", All.Select(p => p.Format))}");

    /// <summary>The parser whose format the input is; throws <see cref="ListFormatException"/> when none recognises it.</summary>
    public static IListParser Detect(ListInput input) =>
        All.FirstOrDefault(p => p.CanRead(input))
        ?? throw new ListFormatException(input.Path, "start of file", "not a list format Vigil recognises; use --format to name one (" + string.Join(", ", All.Select(p => p.Format)) + ")");
}
