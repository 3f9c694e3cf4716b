using Dapper;
using Vigil.Core.Audit;

namespace Vigil.Core.Storage;

/// <summary>A downloaded list held back from import, awaiting an analyst's <c>vigil update --accept</c>.</summary>
public sealed record QuarantinedDownload(long Id, string Source, string Path, string? Format, string Reason, string CreatedAt);

public sealed partial class VigilStore
{
    /// <summary>Who the audit log names for imports, updates and quarantine: the operating-system user running Vigil.</summary>
    private static string UpdateActor => "system:" + Environment.UserName;

    /// <summary>The validators (ETag, Last-Modified) remembered for a download address.</summary>
    public (string? ETag, string? LastModified) FetchState(string url)
    {
        using var connection = Connect();
        return connection.QuerySingleOrDefault<(string?, string?)>(
            "SELECT etag, last_modified FROM fetch_state WHERE url = @url", new { url });
    }

    public void SaveFetchState(string url, string? etag, string? lastModified)
    {
        using var connection = Connect();
        connection.Execute(
            """
            INSERT INTO fetch_state (url, etag, last_modified, checked_at) VALUES (@url, @etag, @lastModified, @now)
            ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, checked_at = excluded.checked_at
            """,
            new { url, etag, lastModified, now = Clock.NowText() });
    }

    public long Quarantine(string source, string path, string? format, string reason)
    {
        using var connection = Connect();
        using var transaction = BeginWrite(connection);
        var id = connection.ExecuteScalar<long>(
            "INSERT INTO quarantine (source, path, format, reason, created_at) VALUES (@source, @path, @format, @reason, @now) RETURNING id",
            new { source, path, format, reason, now = Clock.NowText() }, transaction);
        Audit(transaction, new AuditEvent(AuditEventKind.UpdateQuarantined, UpdateActor, new Dictionary<string, object?>
        {
            ["quarantine"] = id,
            ["source"] = source,
            ["file"] = path,
            ["file_sha256"] = File.Exists(path) ? ContentHash(Sources.ListInput.Open(path)) : null,
            ["format"] = format,
            ["reason"] = reason,
        }));
        Commit(connection, transaction);
        return id;
    }

    /// <summary>Quarantined downloads not yet accepted or superseded, oldest first.</summary>
    public IReadOnlyList<QuarantinedDownload> PendingQuarantine(string? source = null)
    {
        using var connection = Connect();
        return connection.Query<(long Id, string Source, string Path, string? Format, string Reason, string CreatedAt)>(
            "SELECT id, source, path, format, reason, created_at FROM quarantine WHERE resolved_at IS NULL AND (@source IS NULL OR source = @source) ORDER BY id",
            new { source })
            .Select(r => new QuarantinedDownload(r.Id, r.Source, r.Path, r.Format, r.Reason, r.CreatedAt))
            .ToList();
    }

    /// <summary>Closes every pending quarantine entry of a source, saying why (accepted, or superseded by a good download).</summary>
    public void ResolveQuarantine(string source, string resolution)
    {
        using var connection = Connect();
        using var transaction = BeginWrite(connection);
        var resolved = connection.Execute(
            "UPDATE quarantine SET resolved_at = @now, resolution = @resolution WHERE source = @source AND resolved_at IS NULL",
            new { source, resolution, now = Clock.NowText() }, transaction);
        if (resolved > 0 && resolution.StartsWith("accepted", StringComparison.Ordinal))
        {
            Audit(transaction, new AuditEvent(AuditEventKind.UpdateAccepted, UpdateActor,
                new Dictionary<string, object?> { ["source"] = source, ["resolution"] = resolution, ["downloads"] = resolved }));
        }
        Commit(connection, transaction);
    }
}
