using Vigil.Core.Sources;

namespace Vigil.Tests.Sources;

/// <summary>A throwaway list file (or folder of files) under the temp directory, deleted on Dispose.</summary>
internal sealed class TempListFile : IDisposable
{
    private readonly bool _isFolder;

    private TempListFile(string path, bool isFolder)
    {
        Path = path;
        _isFolder = isFolder;
    }

    public string Path { get; }

    /// <summary>Writes <paramref name="text"/> (UTF-8, no BOM) to a new temp file with this extension.</summary>
    public static TempListFile Write(string extension, string text)
    {
        var file = new TempListFile(NewPath(extension), isFolder: false);
        File.WriteAllText(file.Path, text);
        return file;
    }

    /// <summary>Writes <paramref name="bytes"/> to a new temp file with this extension.</summary>
    public static TempListFile Write(string extension, byte[] bytes)
    {
        var file = new TempListFile(NewPath(extension), isFolder: false);
        File.WriteAllBytes(file.Path, bytes);
        return file;
    }

    /// <summary>Creates an empty temp folder, for files whose names matter or that are read as a set.</summary>
    public static TempListFile Folder()
    {
        var folder = new TempListFile(NewPath(""), isFolder: true);
        Directory.CreateDirectory(folder.Path);
        return folder;
    }

    /// <summary>Writes <paramref name="text"/> (UTF-8, no BOM) to a file of this name in the folder, returning its path.</summary>
    public string Add(string name, string text)
    {
        var path = System.IO.Path.Combine(Path, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Writes <paramref name="bytes"/> to a file of this name in the folder, returning its path.</summary>
    public string Add(string name, byte[] bytes)
    {
        var path = System.IO.Path.Combine(Path, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>
    /// Reads <paramref name="path"/> with <see cref="ParsedList.Read"/> (checking the detected format when one is given) and asserts
    /// it fails with a <see cref="ListFormatException"/> whose message names the path and holds every fragment.
    /// </summary>
    public static ListFormatException AssertFailsNamingFile(string path, string? expectedFormat, params string[] expectedFragments)
    {
        var e = Assert.Throws<ListFormatException>(() => ParsedList.Read(path, expectedFormat));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        foreach (var fragment in expectedFragments)
        {
            Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
        }
        return e;
    }

    public void Dispose()
    {
        if (_isFolder)
        {
            Directory.Delete(Path, recursive: true);
        }
        else
        {
            File.Delete(Path);
        }
    }

    private static string NewPath(string extension) =>
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"vigil-test-{Guid.NewGuid():N}{extension}");
}
