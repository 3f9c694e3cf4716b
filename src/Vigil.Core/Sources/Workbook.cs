using ExcelDataReader;

namespace Vigil.Core.Sources;

/// <summary>Opens an xlsx list for ExcelDataReader once its decompressed size is known to be within <see cref="ListLimits"/>.</summary>
internal static class Workbook
{
    public static IExcelDataReader Open(Stream stream, string path)
    {
        // ExcelDataReader holds the shared strings in memory: a small file whose parts decompress to gigabytes must
        // be refused before it is handed over.
        ListLimits.CheckZip(stream, path);
        // ExcelDataReader needs the legacy code pages; registering the same provider again is a no-op.
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        return ExcelReaderFactory.CreateOpenXmlReader(stream);
    }
}
