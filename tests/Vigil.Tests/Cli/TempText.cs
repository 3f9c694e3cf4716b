namespace Vigil.Tests.Cli;

/// <summary>A text file in the temp folder for one test, deleted when disposed.</summary>
internal sealed class TempText : IDisposable
{
    public TempText(string content, string extension = ".csv")
    {
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "vigil-tests");
        Directory.CreateDirectory(folder);
        Path = System.IO.Path.Combine(folder, $"{Guid.NewGuid():N}{extension}");
        File.WriteAllText(Path, content);
    }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}
