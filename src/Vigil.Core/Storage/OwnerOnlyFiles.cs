namespace Vigil.Core.Storage;

/// <summary>
/// Files that hold what other users of the machine must not read (the store with analysts' decisions, the audit
/// signing key), created readable by their owner alone (0600) in folders only the owner may enter (0700); and the
/// check that warns when a secret made by someone else is readable by others. Unix modes only: on Windows a new file
/// inherits its folder's access list, which these calls leave as it is.
/// </summary>
public static class OwnerOnlyFiles
{
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates the folder and any missing parent as 0700; a folder that exists keeps its mode, being the operator's choice.</summary>
    public static void CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }
        // CreateDirectory gives the mode to the last folder only; each missing parent is made the same way.
        var missing = new Stack<string>();
        for (var folder = Path.GetFullPath(path); folder is not null && !Directory.Exists(folder); folder = Path.GetDirectoryName(folder))
        {
            missing.Push(folder);
        }
        foreach (var folder in missing)
        {
            Directory.CreateDirectory(folder, FolderMode);
        }
    }

    /// <summary>Options that create a new file (failing if it exists) as 0600.</summary>
    public static FileStreamOptions NewFile()
    {
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }
        return options;
    }

    /// <summary>Creates an empty file as 0600 unless one is there already (made meanwhile by another process, say).</summary>
    public static void CreateEmpty(string path)
    {
        try
        {
            using var file = new FileStream(path, NewFile());
        }
        catch (IOException) when (File.Exists(path))
        {
            // Someone else's file: its mode is theirs.
        }
    }

    /// <summary>Whether users other than the owner may read the file: its group or everyone (never on Windows).</summary>
    public static bool OthersMayRead(string path) =>
        !OperatingSystem.IsWindows()
        && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)) != 0;
}
