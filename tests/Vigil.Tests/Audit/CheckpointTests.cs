using System.Text;
using Vigil.Core.Audit;
using Vigil.Tests.Storage;

namespace Vigil.Tests.Audit;

/// <summary>The signing key file and the checkpoint note.</summary>
public sealed class CheckpointTests
{
    [Fact]
    public void The_key_is_created_on_first_use_readable_by_its_owner_only_and_read_back_the_same()
    {
        var path = StoreFactory.NewFilePath("audit-key", ".pem");

        using var created = AuditSigningKey.LoadOrCreate(path);
        using var again = AuditSigningKey.LoadOrCreate(path);

        Assert.Equal(created.KeyId, again.KeyId);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
        var publicPath = StoreFactory.NewFilePath("audit-public", ".pem");
        File.WriteAllText(publicPath, created.PublicPem());
        using var publicKey = AuditSigningKey.LoadPublic(publicPath);
        Assert.False(publicKey.CanSign);
        Assert.Equal(created.KeyId, publicKey.KeyId);
        Assert.Throws<InvalidDataException>(() => AuditSigningKey.LoadOrCreate(publicPath));
    }

    [Fact]
    public void A_note_reads_back_and_verifies_with_the_public_key_and_one_changed_character_breaks_it()
    {
        using var key = AuditSigningKey.LoadOrCreate(StoreFactory.NewFilePath("audit-key", ".pem"));
        var root = AuditHashes.Leaf(Encoding.UTF8.GetBytes("root"));
        var checkpoint = Checkpoint.Sign(42, root, "2025-03-03T10:00:00.000Z", key);

        var note = checkpoint.Note();
        var read = Checkpoint.Parse(note);

        Assert.StartsWith($"vigil-audit/{key.KeyId}\n42\n{Convert.ToBase64String(root)}\n2025-03-03T10:00:00.000Z\n\n\u2014 vigil-audit {key.KeyId} ", note, StringComparison.Ordinal);
        Assert.True(read.VerifySignature(key));
        Assert.False(Checkpoint.Parse(note.Replace("\n42\n", "\n43\n", StringComparison.Ordinal)).VerifySignature(key));
        using var other = AuditSigningKey.LoadOrCreate(StoreFactory.NewFilePath("audit-key", ".pem"));
        Assert.False(read.VerifySignature(other));
        Assert.Throws<FormatException>(() => Checkpoint.Parse("vigil-audit/x\nforty\n"));
    }
}
