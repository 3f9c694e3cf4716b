namespace Vigil.Core.Sources;

/// <summary>A file or a folder (for multi-file formats such as OFAC's CSV set) offered to the parsers, with its first bytes for sniffing.</summary>
public sealed class ListInput
{
    private const int SniffBytes = 8192;

    private ListInput(string path, bool isDirectory, byte[] head)
    {
        Path = path;
        IsDirectory = isDirectory;
        Head = head;
    }

    /// <summary>Full path of the file or folder.</summary>
    public string Path { get; }

    public bool IsDirectory { get; }

    /// <summary>First bytes of the file (empty for a folder).</summary>
    public ReadOnlyMemory<byte> Head { get; }

    public string FileName => System.IO.Path.GetFileName(Path);

    /// <summary>The first bytes decoded as UTF-8 (enough to see a root element or a header row), BOM removed.</summary>
    public string HeadText => System.Text.Encoding.UTF8.GetString(Head.Span).TrimStart('\uFEFF');

    public static ListInput Open(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            return new ListInput(full, true, []);
        }
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"{path}: no such file or folder", path);
        }
        using var stream = File.OpenRead(full);
        var buffer = new byte[SniffBytes];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return new ListInput(full, false, buffer.AsSpan(0, read).ToArray());
    }

    /// <summary>The path of a file inside a folder input, matched case-insensitively; null when absent.</summary>
    public string? FileInFolder(string name)
    {
        if (!IsDirectory)
        {
            return null;
        }
        return Directory.EnumerateFiles(Path)
            .FirstOrDefault(f => string.Equals(System.IO.Path.GetFileName(f), name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>True when the file starts with the zip signature (xlsx).</summary>
    public bool IsZip => Head.Length >= 4 && Head.Span[0] == (byte)'P' && Head.Span[1] == (byte)'K' && Head.Span[2] == 3 && Head.Span[3] == 4;
}
