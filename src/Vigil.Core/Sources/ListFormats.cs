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
    public static IListParser Detect(ListInput input)
    {
        if (All.FirstOrDefault(p => p.CanRead(input)) is { } parser)
        {
            return parser;
        }
        if (input.IsZip)
        {
            throw new ListFormatException(input.Path, "start of file", WorkbookProblem(input));
        }
        throw new ListFormatException(input.Path, "start of file", "not a list format Vigil recognises; use --format to name one (" + string.Join(", ", All.Select(p => p.Format)) + ")");
    }

    /// <summary>Why no parser took a zip file: the workbook's own fault when it cannot be opened, else the missing header.</summary>
    private static string WorkbookProblem(ListInput input)
    {
        try
        {
            using var stream = File.OpenRead(input.Path);
            using var reader = Workbook.Open(stream, input.Path);
            return "no sheet of this workbook has the header row of a list Vigil reads (UK OFSI, Australia DFAT)";
        }
        catch (Exception e) when (e is not OperationCanceledException and not ListFormatException)
        {
            return "not a readable xlsx workbook: " + e.Message;
        }
    }
}
