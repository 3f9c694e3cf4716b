using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Vigil.Core.Audit;
using Vigil.Core.Webhooks;

namespace Vigil.Core.Storage;

/// <summary>
/// Webhooks: subscriptions, the outbox of messages written in the transaction of the change they announce, and the
/// delivery log with its persisted retry schedule, so a message survives a restart until the receiver takes it.
/// </summary>
public sealed partial class VigilStore
{
    /// <summary>Adds a webhook; its signing secret is in the result and, after that, only in the store.</summary>
    public async Task<CreatedWebhook> AddWebhookAsync(string url, IReadOnlyList<WebhookEventType> events, string? description, string actor, CancellationToken cancellationToken = default)
    {
        url = CheckWebhookUrl(url);
        if (events.Count == 0 || events.Contains(WebhookEventType.WebhookTest))
        {
            throw new ArgumentException($"events: name at least one event of {string.Join(", ", WebhookEvents.Subscribable.Select(WebhookEvents.Name))}");
        }
        description = string.IsNullOrWhiteSpace(description) ? null : CheckName(description.Trim(), "description");
        var secret = WebhookSignature.NewSecret();
        var names = string.Join(' ', events.Distinct().Order().Select(WebhookEvents.Name));
        await using var connection = await ConnectAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO webhooks (url, events, secret, description, created_at, created_by, removed_at, removed_by)
            VALUES (@url, @names, @secret, @description, @now, @actor, NULL, NULL) RETURNING id
            """,
            new { url, names, secret, description, now = Clock.NowText(), actor }, transaction, cancellationToken: cancellationToken));
        Audit(transaction, new AuditEvent(AuditEventKind.ConfigurationChanged, actor, new Dictionary<string, object?>
        {
            ["webhook"] = id,
            ["change"] = "added",
            ["url"] = url,
            ["events"] = names.Split(' ').ToList(),
        }));
        await CommitAsync(connection, transaction, cancellationToken);
        return new CreatedWebhook((await WebhooksAsync(connection, id, cancellationToken)).Single(), secret);
    }

    /// <summary>
    /// Removes a webhook: nothing more is sent to it and its pending deliveries fail; its log stays. Null when there is
    /// no such webhook in use.
    /// </summary>
    public async Task<Webhook?> RemoveWebhookAsync(long id, string actor, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        var now = Clock.NowText();
        if (await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE webhooks SET removed_at = @now, removed_by = @actor WHERE id = @id AND removed_at IS NULL",
                new { id, now, actor }, transaction, cancellationToken: cancellationToken)) == 0)
        {
            return null;
        }
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE webhook_deliveries SET state = @failed, next_attempt_at = NULL, lease_until = NULL, last_error = 'webhook removed' WHERE webhook_id = @id AND state = @pending",
            new { id, failed = Text(WebhookDeliveryState.Failed), pending = Text(WebhookDeliveryState.Pending) }, transaction, cancellationToken: cancellationToken));
        Audit(transaction, new AuditEvent(AuditEventKind.ConfigurationChanged, actor, new Dictionary<string, object?> { ["webhook"] = id, ["change"] = "removed" }));
        await CommitAsync(connection, transaction, cancellationToken);
        return (await WebhooksAsync(connection, id, cancellationToken)).Single();
    }

    /// <summary>Every webhook, removed ones too, oldest first, with its deliveries counted by state.</summary>
    public async Task<IReadOnlyList<Webhook>> ListWebhooksAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        return await WebhooksAsync(connection, null, cancellationToken);
    }

    /// <summary>One webhook, or null.</summary>
    public async Task<Webhook?> GetWebhookAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        return (await WebhooksAsync(connection, id, cancellationToken)).SingleOrDefault();
    }

    /// <summary>The delivery log of a webhook, newest message first, each with every attempt made.</summary>
    public async Task<IReadOnlyList<WebhookDelivery>> WebhookDeliveriesAsync(long webhook, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var rows = (await connection.QueryAsync<(long Id, string MessageId, string Type, string State, string CreatedAt, string? Next, string? Delivered)>(new CommandDefinition(
            """
            SELECT d.id, m.message_id, m.type, d.state, m.created_at, d.next_attempt_at, d.delivered_at
            FROM webhook_deliveries d JOIN webhook_messages m ON m.id = d.message_id
            WHERE d.webhook_id = @webhook ORDER BY d.id DESC LIMIT @limit
            """,
            new { webhook, limit }, cancellationToken: cancellationToken))).ToList();
        var ids = rows.Select(r => r.Id).ToList();
        var attempts = ids.Count == 0
            ? Enumerable.Empty<(long Delivery, long Attempt, string At, long? Status, string? Error, long Duration)>().ToLookup(a => a.Delivery)
            : (await connection.QueryAsync<(long Delivery, long Attempt, string At, long? Status, string? Error, long Duration)>(new CommandDefinition(
                $"SELECT delivery_id, attempt, at, status, error, duration_ms FROM webhook_attempts WHERE delivery_id IN ({IdList(ids)}) ORDER BY delivery_id, attempt",
                cancellationToken: cancellationToken))).ToLookup(a => a.Delivery);
        return [.. rows.Select(r => new WebhookDelivery(
            r.Id, r.MessageId, ParseWebhookType(r.Type), Parse<WebhookDeliveryState>(r.State), r.CreatedAt, r.Next, r.Delivered,
            [.. attempts[r.Id].Select(a => new WebhookAttempt((int)a.Attempt, a.At, (int?)a.Status, a.Error, a.Duration))]))];
    }

    /// <summary>Queues a <c>webhook.test</c> message to one webhook, due at once; the delivery's id, or null when there is no such webhook in use.</summary>
    public async Task<long?> QueueWebhookTestAsync(long webhook, string actor, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        if (await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                "SELECT id FROM webhooks WHERE id = @webhook AND removed_at IS NULL", new { webhook }, transaction, cancellationToken: cancellationToken)) is null)
        {
            return null;
        }
        var now = Clock.NowText();
        var message = NewMessage(WebhookEventType.WebhookTest, now, w =>
        {
            w.WriteNumber("webhook", webhook);
            w.WriteString("actor", actor);
        });
        var messageRow = await connection.ExecuteScalarAsync<long>(new CommandDefinition(InsertMessageSql, message, transaction, cancellationToken: cancellationToken));
        var delivery = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            InsertDeliverySql + " RETURNING id", new DeliveryRow(webhook, messageRow, now), transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return delivery;
    }

    /// <summary>
    /// Takes up to <paramref name="limit"/> deliveries due at <paramref name="now"/> (or the one named) for this process
    /// until <paramref name="leaseUntil"/>: another process skips them meanwhile, and takes them over if this one dies.
    /// </summary>
    internal async Task<IReadOnlyList<WebhookDue>> ClaimWebhookDeliveriesAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int limit, long? delivery, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        var ids = (await connection.QueryAsync<long>(new CommandDefinition(
            $"""
            SELECT d.id FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
            WHERE d.state = @pending AND d.next_attempt_at <= @now AND (d.lease_until IS NULL OR d.lease_until <= @now) AND w.removed_at IS NULL
              {(delivery is null ? "" : "AND d.id = @delivery")}
            ORDER BY d.next_attempt_at, d.id LIMIT @limit {(Kind == StoreKind.Postgres ? "FOR UPDATE OF d SKIP LOCKED" : "")}
            """,
            new { pending = Text(WebhookDeliveryState.Pending), now = Clock.Text(now), delivery, limit }, transaction, cancellationToken: cancellationToken))).ToList();
        if (ids.Count == 0)
        {
            return [];
        }
        await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE webhook_deliveries SET lease_until = @lease WHERE id IN ({IdList(ids)})", new { lease = Clock.Text(leaseUntil) }, transaction, cancellationToken: cancellationToken));
        var due = (await connection.QueryAsync<(long Id, string Url, string Secret, string MessageId, string Body, long Attempts)>(new CommandDefinition(
            $"""
            SELECT d.id, w.url, w.secret, m.message_id, m.body, d.attempts
            FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id JOIN webhook_messages m ON m.id = d.message_id
            WHERE d.id IN ({IdList(ids)}) ORDER BY d.next_attempt_at, d.id
            """,
            transaction: transaction, cancellationToken: cancellationToken))).ToList();
        await transaction.CommitAsync(cancellationToken);
        return [.. due.Select(d => new WebhookDue(d.Id, d.Url, d.Secret, d.MessageId, d.Body, (int)d.Attempts))];
    }

    /// <summary>Records one attempt and what follows from it (delivered, due again at <paramref name="next"/>, or failed for good), in one transaction.</summary>
    internal async Task RecordWebhookAttemptAsync(long delivery, WebhookAttempt attempt, bool delivered, DateTimeOffset? next, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO webhook_attempts (delivery_id, attempt, at, status, error, duration_ms) VALUES (@delivery, @Number, @At, @Status, @Error, @DurationMs)",
            new { delivery, attempt.Number, attempt.At, attempt.Status, attempt.Error, attempt.DurationMs }, transaction, cancellationToken: cancellationToken));
        var state = delivered ? WebhookDeliveryState.Delivered : next is null ? WebhookDeliveryState.Failed : WebhookDeliveryState.Pending;
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE webhook_deliveries SET state = @state, attempts = @number, next_attempt_at = @next, lease_until = NULL,
                last_status = @status, last_error = @error, delivered_at = @deliveredAt
            WHERE id = @delivery
            """,
            new
            {
                delivery,
                state = Text(state),
                number = attempt.Number,
                next = next is { } n ? Clock.Text(n) : null,
                status = attempt.Status,
                error = attempt.Error,
                deliveredAt = delivered ? attempt.At : null,
            }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Writes the webhook messages announcing <paramref name="events"/> (appended as <paramref name="seqs"/>) into the outbox, in their transaction.</summary>
    private static async Task QueueWebhooksAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<AuditEvent> events, IReadOnlyList<long> seqs, CancellationToken cancellationToken)
    {
        if (!events.Any(e => WebhookEvents.For(e) is not null))
        {
            return;
        }
        var subscribers = (await connection.QueryAsync<(long Id, string Events)>(new CommandDefinition(
            "SELECT id, events FROM webhooks WHERE removed_at IS NULL", transaction: transaction, cancellationToken: cancellationToken))).ToList();
        foreach (var (message, webhooks) in Outbox(events, seqs, subscribers))
        {
            var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(InsertMessageSql, message, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                InsertDeliverySql, webhooks.Select(w => new DeliveryRow(w, id, message.CreatedAt)), transaction, cancellationToken: cancellationToken));
        }
    }

    /// <inheritdoc cref="QueueWebhooksAsync"/>
    private static void QueueWebhooks(DbConnection connection, DbTransaction transaction, IReadOnlyList<AuditEvent> events, IReadOnlyList<long> seqs)
    {
        if (!events.Any(e => WebhookEvents.For(e) is not null))
        {
            return;
        }
        var subscribers = connection.Query<(long Id, string Events)>("SELECT id, events FROM webhooks WHERE removed_at IS NULL", transaction: transaction).ToList();
        foreach (var (message, webhooks) in Outbox(events, seqs, subscribers))
        {
            var id = connection.ExecuteScalar<long>(InsertMessageSql, message, transaction);
            connection.Execute(InsertDeliverySql, webhooks.Select(w => new DeliveryRow(w, id, message.CreatedAt)), transaction);
        }
    }

    /// <summary>Each announced event's message with the webhooks subscribed to its type; events nobody hears are left out.</summary>
    private static IEnumerable<(MessageRow Message, List<long> Webhooks)> Outbox(IReadOnlyList<AuditEvent> events, IReadOnlyList<long> seqs, List<(long Id, string Events)> subscribers)
    {
        if (subscribers.Count == 0)
        {
            yield break;
        }
        var now = Clock.NowText();
        for (var i = 0; i < events.Count; i++)
        {
            if (WebhookEvents.For(events[i]) is not { } type)
            {
                continue;
            }
            var name = WebhookEvents.Name(type);
            var webhooks = subscribers.Where(s => s.Events.Split(' ').Contains(name, StringComparer.Ordinal)).Select(s => s.Id).ToList();
            if (webhooks.Count == 0)
            {
                continue;
            }
            var e = events[i];
            var seq = seqs[i];
            yield return (NewMessage(type, now, w =>
            {
                w.WriteNumber("audit_seq", seq);
                w.WriteString("actor", e.Actor);
                WriteIfSet(w, "subject", e.Subject);
                WriteIfSet(w, "alert", e.AlertId);
                WriteIfSet(w, "decision", e.DecisionId);
                WriteIfSet(w, "snapshot", e.SnapshotId);
                WriteIfSet(w, "run", e.RunId);
                w.WritePropertyName("details");
                w.WriteRawValue(CanonicalJson.Write(e.Payload));
            }), webhooks);
        }
    }

    /// <summary>A message in the Standard Webhooks shape (<c>type</c>, <c>timestamp</c>, <c>data</c>), its body fixed now so every retry sends the same bytes.</summary>
    private static MessageRow NewMessage(WebhookEventType type, string now, Action<Utf8JsonWriter> data)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("type", WebhookEvents.Name(type));
            w.WriteString("timestamp", now);
            w.WriteStartObject("data");
            data(w);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        var id = "msg_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        return new MessageRow(id, WebhookEvents.Name(type), Encoding.UTF8.GetString(buffer.ToArray()), now);
    }

    private static void WriteIfSet(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteIfSet(Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
    }

    private static async Task<IReadOnlyList<Webhook>> WebhooksAsync(DbConnection connection, long? id, CancellationToken cancellationToken) =>
        [.. (await connection.QueryAsync<(long Id, string Url, string Events, string? Description, string CreatedAt, string CreatedBy, string? RemovedAt, string? RemovedBy, long Pending, long Delivered, long Failed)>(new CommandDefinition(
            $"""
            SELECT w.id, w.url, w.events, w.description, w.created_at, w.created_by, w.removed_at, w.removed_by,
                (SELECT COUNT(*) FROM webhook_deliveries d WHERE d.webhook_id = w.id AND d.state = @pending),
                (SELECT COUNT(*) FROM webhook_deliveries d WHERE d.webhook_id = w.id AND d.state = @delivered),
                (SELECT COUNT(*) FROM webhook_deliveries d WHERE d.webhook_id = w.id AND d.state = @failed)
            FROM webhooks w {(id is null ? "" : "WHERE w.id = @id")} ORDER BY w.id
            """,
            new
            {
                id,
                pending = Text(WebhookDeliveryState.Pending),
                delivered = Text(WebhookDeliveryState.Delivered),
                failed = Text(WebhookDeliveryState.Failed),
            }, cancellationToken: cancellationToken)))
        .Select(r => new Webhook(r.Id, r.Url, [.. r.Events.Split(' ').Select(ParseWebhookType)], r.Description, r.CreatedAt, r.CreatedBy, r.RemovedAt, r.RemovedBy, r.Pending, r.Delivered, r.Failed))];

    // Row ids are numbers the store itself handed out, so they are written into the statement: Dapper expands
    // "IN @list" for SQLite but sends an array to Npgsql.
    private static string IdList(IEnumerable<long> ids) => string.Join(", ", ids.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static WebhookEventType ParseWebhookType(string name) =>
        WebhookEvents.TryParse(name, out var type) ? type : throw new InvalidDataException($"webhook event '{name}' is not one this version knows");

    /// <summary>An absolute http(s) address without credentials or fragment: credentials in a URL end up in logs.</summary>
    private static string CheckWebhookUrl(string url) =>
        Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri.UserInfo.Length > 0 || uri.Fragment.Length > 0
                ? throw new ArgumentException("url: give the receiver's address without user:password@ or #fragment; messages are signed instead")
                : uri.AbsoluteUri
            : throw new ArgumentException($"url: '{url}' is not an absolute http:// or https:// address");

    private const string InsertMessageSql =
        "INSERT INTO webhook_messages (message_id, type, body, created_at) VALUES (@MessageId, @Type, @Body, @CreatedAt) RETURNING id";

    private const string InsertDeliverySql =
        """
        INSERT INTO webhook_deliveries (webhook_id, message_id, state, attempts, next_attempt_at, lease_until, last_status, last_error, delivered_at)
        VALUES (@Webhook, @Message, 'pending', 0, @Due, NULL, NULL, NULL, NULL)
        """;

    private sealed record MessageRow(string MessageId, string Type, string Body, string CreatedAt);

    private sealed record DeliveryRow(long Webhook, long Message, string Due);
}
