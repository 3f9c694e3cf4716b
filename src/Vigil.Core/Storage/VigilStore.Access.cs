using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using Vigil.Core.Access;
using Vigil.Core.Audit;

namespace Vigil.Core.Storage;

/// <summary>
/// Who may use the server: named API keys and local users with their roles, and the sign-in sessions of the web
/// page. Secrets are kept only as hashes (keys and session ids as SHA-256, passwords as PBKDF2), so a copy of the
/// store lets no one in.
/// </summary>
public sealed partial class VigilStore
{
    /// <summary>How long a sign-in lasts, however active: an analyst signs in again each working day.</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(12);

    /// <summary>Makes a named key with a role; the key is in the result and nowhere else, ever.</summary>
    public async Task<CreatedApiKey> CreateKeyAsync(string name, Role role, string actor, CancellationToken cancellationToken = default)
    {
        name = CheckName(name.Trim(), "name");
        var key = Tokens.New(Tokens.KeyPrefix);
        await using var connection = await ConnectAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        var now = Clock.NowText();
        long id;
        try
        {
            id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                """
                INSERT INTO api_keys (name, role, key_hash, prefix, created_at, created_by, revoked_at, revoked_by)
                VALUES (@name, @role, @hash, @prefix, @now, @actor, NULL, NULL) RETURNING id
                """,
                new { name, role = Text(role), hash = Tokens.Hash(key), prefix = Tokens.Shown(key), now, actor }, transaction, cancellationToken: cancellationToken));
        }
        catch (DbException e) when (IsDuplicate(e))
        {
            throw new ArgumentException($"name: a key named '{name}' exists and is not revoked; revoke it first or choose another name", e);
        }
        Audit(transaction, new AuditEvent(AuditEventKind.KeyCreated, actor, new Dictionary<string, object?> { ["key"] = id, ["name"] = name, ["role"] = Text(role) }));
        await CommitAsync(connection, transaction, cancellationToken);
        return new CreatedApiKey(new ApiKeyInfo(id, name, role, Tokens.Shown(key), now, actor, null, null), key);
    }

    /// <summary>Revokes a key at once (and the sign-in sessions opened with it); null when there is no such key in use.</summary>
    public async Task<ApiKeyInfo?> RevokeKeyAsync(long id, string actor, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        var now = Clock.NowText();
        if (await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE api_keys SET revoked_at = @now, revoked_by = @actor WHERE id = @id AND revoked_at IS NULL",
                new { id, now, actor }, transaction, cancellationToken: cancellationToken)) == 0)
        {
            return null;
        }
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE sessions SET ended_at = @now WHERE key_id = @id AND ended_at IS NULL", new { id, now }, transaction, cancellationToken: cancellationToken));
        Audit(transaction, new AuditEvent(AuditEventKind.KeyRevoked, actor, new Dictionary<string, object?> { ["key"] = id }));
        await CommitAsync(connection, transaction, cancellationToken);
        return (await KeysAsync(connection, "id = @id", new { id }, cancellationToken)).Single();
    }

    /// <summary>Every key, revoked ones too (they stay named in the history of what they did), oldest first.</summary>
    public async Task<IReadOnlyList<ApiKeyInfo>> ListKeysAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        return await KeysAsync(connection, "1 = 1", null, cancellationToken);
    }

    /// <summary>The key's holder when the key is one of ours and not revoked; null otherwise.</summary>
    public async Task<Credential?> FindKeyAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(string Name, string Role)?>(new CommandDefinition(
            "SELECT name, role FROM api_keys WHERE key_hash = @hash AND revoked_at IS NULL", new { hash = Tokens.Hash(key) }, cancellationToken: cancellationToken));
        return row is { } r ? new Credential(r.Name, Parse<Role>(r.Role), CredentialKind.Key) : null;
    }

    /// <summary>Adds a local user with a role and a password (kept only as a slow, salted hash).</summary>
    public async Task<UserInfo> AddUserAsync(string login, Role role, string password, string actor, CancellationToken cancellationToken = default)
    {
        login = CheckLogin(login);
        if (Passwords.Problem(password) is { } problem)
        {
            throw new ArgumentException(problem);
        }
        var hash = Passwords.Hash(password);
        await using var connection = await ConnectAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO users (login, role, password_hash, created_at, created_by, disabled_at, disabled_by)
                VALUES (@login, @role, @hash, @now, @actor, NULL, NULL)
                """,
                new { login, role = Text(role), hash, now = Clock.NowText(), actor }, transaction, cancellationToken: cancellationToken));
        }
        catch (DbException e) when (IsDuplicate(e))
        {
            throw new ArgumentException($"login: a user '{login}' exists", e);
        }
        Audit(transaction, new AuditEvent(AuditEventKind.UserCreated, actor, new Dictionary<string, object?> { ["login"] = login, ["role"] = Text(role) }));
        await CommitAsync(connection, transaction, cancellationToken);
        return (await UsersAsync(connection, "login = @login", new { login }, cancellationToken)).Single();
    }

    /// <summary>Stops a user signing in and ends their sessions; null when there is no such active user.</summary>
    public async Task<UserInfo?> DisableUserAsync(string login, string actor, CancellationToken cancellationToken = default)
    {
        login = login.Trim().ToLowerInvariant();
        await using var connection = await ConnectAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        var now = Clock.NowText();
        if (await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE users SET disabled_at = @now, disabled_by = @actor WHERE login = @login AND disabled_at IS NULL",
                new { login, now, actor }, transaction, cancellationToken: cancellationToken)) == 0)
        {
            return null;
        }
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE sessions SET ended_at = @now WHERE user_id = (SELECT id FROM users WHERE login = @login) AND ended_at IS NULL",
            new { login, now }, transaction, cancellationToken: cancellationToken));
        Audit(transaction, new AuditEvent(AuditEventKind.UserRevoked, actor, new Dictionary<string, object?> { ["login"] = login }));
        await CommitAsync(connection, transaction, cancellationToken);
        return (await UsersAsync(connection, "login = @login", new { login }, cancellationToken)).Single();
    }

    /// <summary>Every user, disabled ones too, oldest first.</summary>
    public async Task<IReadOnlyList<UserInfo>> ListUsersAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        return await UsersAsync(connection, "1 = 1", null, cancellationToken);
    }

    /// <summary>
    /// Signs a user in: a new session's id when the login and password are right and the user is active, else null
    /// (the caller says only "not accepted", never which of the two was wrong).
    /// </summary>
    public async Task<string?> SignInAsync(string login, string password, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var user = await connection.QuerySingleOrDefaultAsync<(long Id, string Hash)?>(new CommandDefinition(
            "SELECT id, password_hash FROM users WHERE login = @login AND disabled_at IS NULL",
            new { login = login.Trim().ToLowerInvariant() }, cancellationToken: cancellationToken));
        // An unknown login costs the same hash as a known one, so the time taken does not say which logins exist.
        if (!Passwords.Verify(password, user?.Hash ?? UnknownUserHash.Value) || user is not { } u)
        {
            return null;
        }
        return await StartSessionAsync(connection, u.Id, null, null, cancellationToken);
    }

    /// <summary>Opens a web session for a store key; null when the key is not one of ours in use.</summary>
    public async Task<string?> SignInWithKeyAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var id = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            "SELECT id FROM api_keys WHERE key_hash = @hash AND revoked_at IS NULL", new { hash = Tokens.Hash(key) }, cancellationToken: cancellationToken));
        return id is { } keyId ? await StartSessionAsync(connection, null, keyId, null, cancellationToken) : null;
    }

    /// <summary>
    /// Opens a web session for an operator key (one the server holds, not the store): the session keeps the key's
    /// hash, so removing the key from the server's configuration ends it.
    /// </summary>
    public async Task<string> SignInWithOperatorKeyAsync(string keyHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        return await StartSessionAsync(connection, null, null, keyHash, cancellationToken);
    }

    /// <summary>
    /// Who holds a session: null when the session is unknown, ended or expired, or when its user was disabled, its key
    /// revoked, or its operator key no longer accepted by <paramref name="operatorKeyAccepted"/>. A user's role is read
    /// now, so a changed role applies to open sessions too.
    /// </summary>
    public async Task<Credential?> FindSessionAsync(string token, Func<string, bool> operatorKeyAccepted, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(string? Login, string? UserRole, string? KeyName, string? KeyRole, string? OperatorHash)?>(new CommandDefinition(
            """
            SELECT u.login, u.role, k.name, k.role, s.operator_key_hash FROM sessions s
            LEFT JOIN users u ON u.id = s.user_id AND u.disabled_at IS NULL
            LEFT JOIN api_keys k ON k.id = s.key_id AND k.revoked_at IS NULL
            WHERE s.token_hash = @hash AND s.ended_at IS NULL AND s.expires_at > @now
            """,
            new { hash = Tokens.Hash(token), now = Clock.NowText() }, cancellationToken: cancellationToken));
        return row switch
        {
            { Login: { } login, UserRole: { } role } => new Credential(login, Parse<Role>(role), CredentialKind.User),
            { KeyName: { } name, KeyRole: { } role } => new Credential(name, Parse<Role>(role), CredentialKind.Key),
            { OperatorHash: { } hash } when operatorKeyAccepted(hash) => Credential.Operator,
            _ => null,
        };
    }

    /// <summary>Ends a session (signing out); nothing happens for an unknown one.</summary>
    public async Task EndSessionAsync(string token, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE sessions SET ended_at = @now WHERE token_hash = @hash AND ended_at IS NULL",
            new { hash = Tokens.Hash(token), now = Clock.NowText() }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Whether any key or user was ever made: from then on the server asks every caller who they are.</summary>
    public async Task<bool> HasCredentialsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT CASE WHEN EXISTS (SELECT 1 FROM api_keys) OR EXISTS (SELECT 1 FROM users) THEN 1 ELSE 0 END = 1", cancellationToken: cancellationToken));
    }

    private static readonly Lazy<string> UnknownUserHash = new(() => Passwords.Hash(Tokens.New("")));

    private static async Task<string> StartSessionAsync(DbConnection connection, long? userId, long? keyId, string? operatorKeyHash, CancellationToken cancellationToken)
    {
        var token = Tokens.New(Tokens.SessionPrefix);
        var now = DateTimeOffset.UtcNow;
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO sessions (token_hash, user_id, key_id, operator_key_hash, created_at, expires_at, ended_at)
            VALUES (@hash, @userId, @keyId, @operatorKeyHash, @created, @expires, NULL)
            """,
            new { hash = Tokens.Hash(token), userId, keyId, operatorKeyHash, created = Clock.Text(now), expires = Clock.Text(now + SessionLifetime) },
            transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return token;
    }

    private static async Task<IReadOnlyList<ApiKeyInfo>> KeysAsync(DbConnection connection, string where, object? args, CancellationToken cancellationToken) =>
        [.. (await connection.QueryAsync<(long Id, string Name, string Role, string Prefix, string CreatedAt, string CreatedBy, string? RevokedAt, string? RevokedBy)>(new CommandDefinition(
                $"SELECT id, name, role, prefix, created_at, created_by, revoked_at, revoked_by FROM api_keys WHERE {where} ORDER BY id", args, cancellationToken: cancellationToken)))
            .Select(k => new ApiKeyInfo(k.Id, k.Name, Parse<Role>(k.Role), k.Prefix, k.CreatedAt, k.CreatedBy, k.RevokedAt, k.RevokedBy))];

    private static async Task<IReadOnlyList<UserInfo>> UsersAsync(DbConnection connection, string where, object? args, CancellationToken cancellationToken) =>
        [.. (await connection.QueryAsync<(long Id, string Login, string Role, string CreatedAt, string CreatedBy, string? DisabledAt, string? DisabledBy)>(new CommandDefinition(
                $"SELECT id, login, role, created_at, created_by, disabled_at, disabled_by FROM users WHERE {where} ORDER BY id", args, cancellationToken: cancellationToken)))
            .Select(u => new UserInfo(u.Id, u.Login, Parse<Role>(u.Role), u.CreatedAt, u.CreatedBy, u.DisabledAt, u.DisabledBy))];

    /// <summary>Logins are compared without case and kept lower case, in letters, digits and <c>. _ - @</c>.</summary>
    private static string CheckLogin(string login)
    {
        login = login.Trim().ToLowerInvariant();
        return login.Length is > 0 and <= 64 && login.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@')
            ? login
            : throw new ArgumentException($"login: '{login}' is not a login (1 to 64 letters, digits or . _ - @)");
    }

    private static string CheckName(string name, string field) =>
        name.Length is > 0 and <= 100 && !name.Any(char.IsControl)
            ? name
            : throw new ArgumentException($"{field}: give a name of 1 to 100 characters, without control characters");

    private static bool IsDuplicate(DbException e) =>
        e is SqliteException { SqliteErrorCode: 19 } or PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
