using System.Text;

namespace Vigil.Matching.Text;

/// <summary>The data lines of a reading table embedded in Vigil.Matching: blank lines and # comments (each table's source and licence) left out.</summary>
internal static class EmbeddedTable
{
    public static IEnumerable<string> Lines(string resource)
    {
        using var stream = typeof(EmbeddedTable).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The resource {resource} is missing from Vigil.Matching.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                yield return line;
            }
        }
    }
}
