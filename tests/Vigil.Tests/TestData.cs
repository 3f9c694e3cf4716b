namespace Vigil.Tests;

/// <summary>Finds the shared real list files (../shared/data from the repository root) that tests read in place.</summary>
internal static class TestData
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The repository root (the folder holding Vigil.slnx).</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>Full path of a file under ../shared/data, e.g. <c>Path("un/consolidated.xml")</c>.</summary>
    public static string Path(string relative)
    {
        var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(Root.Value, "..", "shared", "data", relative));
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new FileNotFoundException($"shared test data missing: {path}");
        }
        return path;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Vigil.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("cannot find the repository root (Vigil.slnx) above " + AppContext.BaseDirectory);
    }
}
