using Dapper;
using Vigil.Core.Access;
using Vigil.Core.Storage;
using Vigil.Tests.Parts;
using Vigil.Tests.Storage;

namespace Vigil.Tests.Access;

/// <summary>Named keys, users and sign-in sessions, on SQLite and PostgreSQL alike: secrets only as hashes, revocation at once.</summary>
public abstract class AccessStoreTests(StoreKind kind)
{
    private const string Admin = "test:admin";
    private const string Password = "correct horse battery";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private VigilStore NewStore() => VigilStore.Open(StoreFactory.NewSpec(kind));

    [Fact]
    public async Task A_key_is_kept_only_as_a_hash_names_its_holder_and_stops_working_the_moment_it_is_revoked()
    {
        var store = NewStore();
        Assert.False(await store.HasCredentialsAsync(Cancel));

        var created = await store.CreateKeyAsync("payments-gateway", Role.Service, Admin, Cancel);
        var holder = await store.FindKeyAsync(created.Key, Cancel);
        await using (var connection = store.Connect())
        {
            var stored = (await connection.QueryAsync<string>("SELECT key_hash || prefix || name FROM api_keys")).Single();
            Assert.DoesNotContain(created.Key[8..], stored, StringComparison.Ordinal);
        }
        var revoked = await store.RevokeKeyAsync(created.Info.Id, Admin, Cancel);

        Assert.Equal(new Credential("payments-gateway", Role.Service, CredentialKind.Key), holder);
        Assert.StartsWith("vk_", created.Key, StringComparison.Ordinal);
        Assert.True(await store.HasCredentialsAsync(Cancel));
        Assert.Equal(Admin, revoked?.RevokedBy);
        Assert.Null(await store.FindKeyAsync(created.Key, Cancel));
        Assert.Null(await store.RevokeKeyAsync(created.Info.Id, Admin, Cancel));
        Assert.Null(await store.FindKeyAsync(created.Key + "x", Cancel));
    }

    [Fact]
    public async Task Two_keys_in_use_cannot_share_a_name_but_a_revoked_keys_name_can_be_given_again()
    {
        var store = NewStore();
        var first = await store.CreateKeyAsync("reporting", Role.Viewer, Admin, Cancel);

        var clash = await Assert.ThrowsAsync<ArgumentException>(() => store.CreateKeyAsync("reporting", Role.Admin, Admin, Cancel));
        await store.RevokeKeyAsync(first.Info.Id, Admin, Cancel);
        var second = await store.CreateKeyAsync("reporting", Role.Viewer, Admin, Cancel);

        Assert.Contains("'reporting' exists", clash.Message, StringComparison.Ordinal);
        Assert.Equal(["reporting", "reporting"], (await store.ListKeysAsync(Cancel)).Select(k => k.Name));
        Assert.NotNull(await store.FindKeyAsync(second.Key, Cancel));
    }

    [Fact]
    public async Task A_user_signs_in_with_the_right_password_only_and_disabling_the_user_ends_the_session_at_once()
    {
        var store = NewStore();
        await store.AddUserAsync("Ann.Analyst", Role.Analyst, Password, Admin, Cancel);

        var wrong = await store.SignInAsync("ann.analyst", Password + "!", Cancel);
        var unknown = await store.SignInAsync("nobody", Password, Cancel);
        var session = await store.SignInAsync("ANN.ANALYST", Password, Cancel);
        var holder = await store.FindSessionAsync(session!, _ => false, Cancel);
        await store.DisableUserAsync("ann.analyst", Admin, Cancel);

        Assert.Null(wrong);
        Assert.Null(unknown);
        Assert.StartsWith("vs_", session, StringComparison.Ordinal);
        Assert.Equal(new Credential("ann.analyst", Role.Analyst, CredentialKind.User), holder);
        Assert.Null(await store.FindSessionAsync(session!, _ => false, Cancel));
        Assert.Null(await store.SignInAsync("ann.analyst", Password, Cancel));
        Assert.NotNull(Assert.Single(await store.ListUsersAsync(Cancel)).DisabledAt);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_and_a_key_session_ends_with_its_key()
    {
        var store = NewStore();
        await store.AddUserAsync("rita", Role.Reviewer, Password, Admin, Cancel);
        var key = await store.CreateKeyAsync("rita's key", Role.Reviewer, Admin, Cancel);
        var userSession = await store.SignInAsync("rita", Password, Cancel);
        var keySession = await store.SignInWithKeyAsync(key.Key, Cancel);

        await store.EndSessionAsync(userSession!, Cancel);
        var beforeRevoke = await store.FindSessionAsync(keySession!, _ => false, Cancel);
        await store.RevokeKeyAsync(key.Info.Id, Admin, Cancel);

        Assert.Null(await store.FindSessionAsync(userSession!, _ => false, Cancel));
        Assert.Equal(new Credential("rita's key", Role.Reviewer, CredentialKind.Key), beforeRevoke);
        Assert.Null(await store.FindSessionAsync(keySession!, _ => false, Cancel));
        Assert.Null(await store.SignInWithKeyAsync(key.Key, Cancel));
    }

    [Fact]
    public async Task An_operator_key_session_holds_while_the_server_still_accepts_that_key()
    {
        var store = NewStore();
        var session = await store.SignInWithOperatorKeyAsync("abc123", Cancel);

        Assert.Equal(Credential.Operator, await store.FindSessionAsync(session, h => h == "abc123", Cancel));
        Assert.Null(await store.FindSessionAsync(session, _ => false, Cancel));
    }

    [Theory]
    [InlineData("ann", "short", "password")]
    [InlineData("has space", Password, "login")]
    [InlineData("", Password, "login")]
    public async Task A_user_with_a_short_password_or_an_odd_login_is_refused_naming_the_field(string login, string password, string field)
    {
        var store = NewStore();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.AddUserAsync(login, Role.Analyst, password, Admin, Cancel));

        Assert.StartsWith(field + ":", error.Message, StringComparison.Ordinal);
        Assert.Empty(await store.ListUsersAsync(Cancel));
    }

    [Fact]
    public async Task A_login_is_given_once()
    {
        var store = NewStore();
        await store.AddUserAsync("ann", Role.Analyst, Password, Admin, Cancel);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.AddUserAsync("ANN", Role.Admin, Password, Admin, Cancel));

        Assert.Contains("exists", error.Message, StringComparison.Ordinal);
    }
}

public sealed class SqliteAccessStoreTests() : AccessStoreTests(StoreKind.Sqlite);

[Needs(SystemPart.PostgreSql)]
public sealed class PostgresAccessStoreTests() : AccessStoreTests(StoreKind.Postgres);
