using Dapper;
using Microsoft.Data.Sqlite;
using Vigil.Core.Audit;
using Vigil.Core.Storage;

namespace Vigil.Tests.Storage;

/// <summary>
/// The store holds analysts' decisions and the signing key proves the audit trail: on Unix both are created readable
/// by their owner alone, in folders only the owner may enter, whatever folders Vigil has to make for them.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class StoreFilePermissionsTests : IDisposable
{
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode OwnerFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    // A folder of the test's own, outside the factory's, so that the folders Vigil makes are new and then removed whole.
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("vigil-permissions-");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _root.Delete(recursive: true);
    }

    [Fact]
    public void A_new_SQLite_store_its_side_files_and_the_folders_made_for_it_are_the_owners_alone()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        var top = Path.Combine(_root.FullName, "vigil");
        var path = Path.Combine(top, "data", "vigil.db");

        var store = VigilStore.Open(path, StoreAccess.CreateIfMissing);
        using var connection = store.Connect();
        connection.ExecuteScalar<long>("SELECT COUNT(*) FROM snapshots");

        Assert.Equal(OwnerFile, File.GetUnixFileMode(path));
        Assert.Equal(OwnerFolder, File.GetUnixFileMode(Path.Combine(top, "data")));
        Assert.Equal(OwnerFolder, File.GetUnixFileMode(top));
        var sideFiles = new[] { path + "-wal", path + "-shm" }.Where(File.Exists).ToList();
        Assert.NotEmpty(sideFiles);
        Assert.All(sideFiles, f => Assert.Equal(OwnerFile, File.GetUnixFileMode(f)));
    }

    [Fact]
    public void A_folder_that_exists_keeps_its_mode_and_the_new_store_in_it_is_the_owners_alone()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        var shared = OwnerFolder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;
        File.SetUnixFileMode(_root.FullName, shared);

        VigilStore.Open(Path.Combine(_root.FullName, "vigil.db"), StoreAccess.CreateIfMissing);

        Assert.Equal(shared, File.GetUnixFileMode(_root.FullName));
        Assert.Equal(OwnerFile, File.GetUnixFileMode(Path.Combine(_root.FullName, "vigil.db")));
    }

    [Fact]
    public void A_new_audit_signing_key_and_the_folder_made_for_it_are_the_owners_alone()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        var folder = Path.Combine(_root.FullName, "keys");
        var path = Path.Combine(folder, "audit-key.pem");

        using var key = AuditSigningKey.LoadOrCreate(path);

        Assert.Equal(OwnerFile, File.GetUnixFileMode(path));
        Assert.Equal(OwnerFolder, File.GetUnixFileMode(folder));
    }
}
