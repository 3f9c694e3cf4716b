using Vigil.Core.Access;

namespace Vigil.Tests.Access;

public sealed class PasswordsTests
{
    [Fact]
    public void A_password_verifies_against_its_own_hash_only()
    {
        var hash = Passwords.Hash("correct horse battery");

        Assert.True(Passwords.Verify("correct horse battery", hash));
        Assert.False(Passwords.Verify("correct horse batterY", hash));
        Assert.False(Passwords.Verify("correct horse battery", Passwords.Hash("another password here")));
    }

    [Fact]
    public void The_same_password_hashes_differently_each_time_and_the_hash_does_not_contain_it()
    {
        var first = Passwords.Hash("correct horse battery");
        var second = Passwords.Hash("correct horse battery");

        Assert.NotEqual(first, second);
        Assert.DoesNotContain("horse", first, StringComparison.Ordinal);
        Assert.StartsWith("pbkdf2-sha512$", first, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("pbkdf2-sha512$abc$AAAA$AAAA")]
    [InlineData("pbkdf2-sha512$1000$not base64!$AAAA")]
    [InlineData("md5$1$AAAA$AAAA")]
    public void An_unreadable_stored_hash_verifies_nothing(string stored)
    {
        Assert.False(Passwords.Verify("anything at all", stored));
    }

    [Theory]
    [InlineData("short", true)]
    [InlineData(" leading space x", true)]
    [InlineData("twelve chars", false)]
    public void Short_or_space_padded_passwords_are_refused(string password, bool refused)
    {
        Assert.Equal(refused, Passwords.Problem(password) is not null);
    }
}
