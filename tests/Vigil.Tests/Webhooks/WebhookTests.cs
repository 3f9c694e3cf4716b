using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Vigil.Core.Audit;
using Vigil.Core.Sources;
using Vigil.Core.Storage;
using Vigil.Core.Webhooks;
using Vigil.Tests.Parts;
using Vigil.Tests.Storage;

namespace Vigil.Tests.Webhooks;

/// <summary>
/// Webhooks on SQLite and PostgreSQL alike, against a real receiver on loopback: messages written in the transaction
/// of the change, signed as Standard Webhooks, retried on the persisted schedule, never redirected.
/// </summary>
public abstract class WebhookTests(StoreKind kind)
{
    private const string Admin = "test:admin";

    // A real list file small enough to import in a moment; importing it is the change the webhook hears of.
    private static readonly string SmallList = TestData.Path("samples/ch-seco-amendment-TEST-2024-01-17.xml");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private VigilStore NewStore() => VigilStore.Open(StoreFactory.NewSpec(kind));

    [Fact]
    public async Task A_receiver_that_fails_twice_gets_one_message_three_times_with_one_id_and_a_valid_signature_on_the_retry_schedule()
    {
        var store = NewStore();
        using var receiver = new WebhookReceiver(500, 500, 200);
        var created = await store.AddWebhookAsync(receiver.Url, [WebhookEventType.SnapshotImported], "case system", Admin, Cancel);
        var imported = store.Import(SmallList, cancellationToken: Cancel);
        var clock = new SettableClock();
        using var http = WebhookDispatcher.CreateHttpClient();
        var dispatcher = new WebhookDispatcher(store, http, clock);

        var first = await dispatcher.DeliverDueAsync(cancellationToken: Cancel);
        var tooEarly = await dispatcher.DeliverDueAsync(cancellationToken: Cancel);
        clock.Advance(TimeSpan.FromSeconds(5));
        var second = await dispatcher.DeliverDueAsync(cancellationToken: Cancel);
        clock.Advance(TimeSpan.FromMinutes(4));
        var stillTooEarly = await dispatcher.DeliverDueAsync(cancellationToken: Cancel);
        clock.Advance(TimeSpan.FromMinutes(1));
        var third = await dispatcher.DeliverDueAsync(cancellationToken: Cancel);
        clock.Advance(TimeSpan.FromDays(2));
        var afterDelivery = await dispatcher.DeliverDueAsync(cancellationToken: Cancel);

        Assert.Equal([1, 0, 1, 0, 1, 0], new[] { first, tooEarly, second, stillTooEarly, third, afterDelivery });
        var requests = receiver.Requests;
        Assert.Equal([500, 500, 200], requests.Select(r => r.Status));
        var id = Assert.Single(requests.Select(r => r.Id).Distinct());
        Assert.StartsWith("msg_", id, StringComparison.Ordinal);
        Assert.Single(requests.Select(r => r.Body).Distinct());
        Assert.All(requests, r =>
        {
            Assert.Equal("application/json; charset=utf-8", r.ContentType);
            Assert.Equal(HmacSignature(created.Secret, r.Id!, r.Timestamp!, r.Body), r.Signature);
        });
        using var body = JsonDocument.Parse(requests[0].Body);
        Assert.Equal("snapshot.imported", body.RootElement.GetProperty("type").GetString());
        Assert.Equal(imported.Snapshot, body.RootElement.GetProperty("data").GetProperty("snapshot").GetInt64());
        Assert.Equal(imported.Source, body.RootElement.GetProperty("data").GetProperty("details").GetProperty("source").GetString());
        var delivery = Assert.Single(await store.WebhookDeliveriesAsync(created.Webhook.Id, 10, Cancel));
        Assert.Equal(WebhookDeliveryState.Delivered, delivery.State);
        Assert.Equal(id, delivery.MessageId);
        Assert.Equal([500, 500, 200], delivery.Attempts.Select(a => a.Status));
        Assert.Equal([1, 2, 3], delivery.Attempts.Select(a => a.Number));
        Assert.Contains("HTTP 500", delivery.Attempts[0].Error, StringComparison.Ordinal);
        Assert.Null(delivery.Attempts[2].Error);
        Assert.Equal((0, 1, 0), await Counts(store, created.Webhook.Id));
    }

    [Fact]
    public async Task A_redirect_is_a_failed_attempt_and_the_place_it_points_to_never_hears_of_the_message()
    {
        var store = NewStore();
        using var elsewhere = new WebhookReceiver(200);
        using var receiver = new WebhookReceiver(307) { RedirectTo = elsewhere.Url };
        var created = await store.AddWebhookAsync(receiver.Url, [WebhookEventType.SnapshotImported], null, Admin, Cancel);
        store.Import(SmallList, cancellationToken: Cancel);
        using var http = WebhookDispatcher.CreateHttpClient();

        await new WebhookDispatcher(store, http).DeliverDueAsync(cancellationToken: Cancel);

        Assert.Single(receiver.Requests);
        Assert.Empty(elsewhere.Requests);
        var delivery = Assert.Single(await store.WebhookDeliveriesAsync(created.Webhook.Id, 10, Cancel));
        Assert.Equal(WebhookDeliveryState.Pending, delivery.State);
        Assert.NotNull(delivery.NextAttemptAt);
        var attempt = Assert.Single(delivery.Attempts);
        Assert.Equal(307, attempt.Status);
        Assert.Contains("not followed", attempt.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_subscribed_events_of_changes_that_commit_reach_a_webhook_and_a_removed_webhook_gets_nothing()
    {
        var store = NewStore();
        using var receiver = new WebhookReceiver(200);
        var quarantines = await store.AddWebhookAsync(receiver.Url, [WebhookEventType.UpdateQuarantined], null, Admin, Cancel);
        var removed = await store.AddWebhookAsync(receiver.Url, [WebhookEventType.SnapshotImported], null, Admin, Cancel);
        var imports = await store.AddWebhookAsync(receiver.Url, WebhookEvents.ParseList(["all"]), null, Admin, Cancel);
        await store.RemoveWebhookAsync(removed.Webhook.Id, Admin, Cancel);
        var broken = StoreFactory.NewFilePath("truncated", ".xml");
        await File.WriteAllTextAsync(broken, (await File.ReadAllTextAsync(SmallList, Cancel))[..1500], Cancel);

        Assert.ThrowsAny<ListFormatException>(() => store.Import(broken, cancellationToken: Cancel));
        store.Import(SmallList, cancellationToken: Cancel);
        store.Import(SmallList, cancellationToken: Cancel);
        using var http = WebhookDispatcher.CreateHttpClient();
        var sent = await new WebhookDispatcher(store, http).DeliverDueAsync(cancellationToken: Cancel);

        Assert.Equal(1, sent);
        Assert.Empty(await store.WebhookDeliveriesAsync(quarantines.Webhook.Id, 10, Cancel));
        Assert.Empty(await store.WebhookDeliveriesAsync(removed.Webhook.Id, 10, Cancel));
        Assert.Equal(WebhookDeliveryState.Delivered, Assert.Single(await store.WebhookDeliveriesAsync(imports.Webhook.Id, 10, Cancel)).State);
        await using var connection = store.Connect();
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM webhook_messages"));
    }

    [Fact]
    public async Task After_the_last_attempt_of_the_schedule_a_delivery_fails_for_good_and_stays_in_the_log()
    {
        var store = NewStore();
        using var receiver = new WebhookReceiver(503);
        var created = await store.AddWebhookAsync(receiver.Url, [WebhookEventType.SnapshotImported], null, Admin, Cancel);
        store.Import(SmallList, cancellationToken: Cancel);
        var clock = new SettableClock();
        using var http = WebhookDispatcher.CreateHttpClient();
        var dispatcher = new WebhookDispatcher(store, http, clock);

        var attempted = 0;
        for (var round = 0; round < 12; round++)
        {
            attempted += await dispatcher.DeliverDueAsync(cancellationToken: Cancel);
            clock.Advance(TimeSpan.FromHours(11));
        }

        Assert.Equal(WebhookRetrySchedule.MaxAttempts, attempted);
        Assert.Equal(WebhookRetrySchedule.MaxAttempts, receiver.Requests.Count);
        var delivery = Assert.Single(await store.WebhookDeliveriesAsync(created.Webhook.Id, 10, Cancel));
        Assert.Equal(WebhookDeliveryState.Failed, delivery.State);
        Assert.Null(delivery.NextAttemptAt);
        Assert.Equal(WebhookRetrySchedule.MaxAttempts, delivery.Attempts.Count);
        Assert.Equal((0, 0, 1), await Counts(store, created.Webhook.Id));
    }

    [Fact]
    public async Task Two_dispatchers_at_once_send_each_message_once()
    {
        var store = NewStore();
        using var receiver = new WebhookReceiver(200);
        await store.AddWebhookAsync(receiver.Url, [WebhookEventType.SnapshotImported, WebhookEventType.UpdateQuarantined], null, Admin, Cancel);
        await store.AddWebhookAsync(receiver.Url, [WebhookEventType.SnapshotImported], null, Admin, Cancel);
        store.Import(SmallList, cancellationToken: Cancel);
        store.Import(TestData.Path("samples/eu-fsf-1_1-excerpt-2020-04-15.xml"), cancellationToken: Cancel);
        using var http = WebhookDispatcher.CreateHttpClient();

        var sent = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => new WebhookDispatcher(store, http).DeliverDueAsync(cancellationToken: Cancel))));

        Assert.Equal(4, sent.Sum());
        Assert.Equal(4, receiver.Requests.Count);
        Assert.Equal(2, receiver.Requests.Select(r => r.Id).Distinct().Count());
    }

    [Fact]
    public async Task A_test_message_reaches_the_receiver_at_once_and_the_secret_is_never_listed()
    {
        var store = NewStore();
        using var receiver = new WebhookReceiver(204);
        var created = await store.AddWebhookAsync(receiver.Url, [WebhookEventType.AlertCreated], null, Admin, Cancel);
        using var http = WebhookDispatcher.CreateHttpClient();

        var delivery = await store.QueueWebhookTestAsync(created.Webhook.Id, Admin, Cancel);
        var attempt = await new WebhookDispatcher(store, http).DeliverAsync(delivery!.Value, Cancel);

        Assert.Equal(204, attempt?.Status);
        var request = Assert.Single(receiver.Requests);
        Assert.Contains("\"type\":\"webhook.test\"", request.Body, StringComparison.Ordinal);
        Assert.StartsWith("whsec_", created.Secret, StringComparison.Ordinal);
        Assert.DoesNotContain(created.Secret, JsonSerializer.Serialize(await store.ListWebhooksAsync(Cancel)), StringComparison.Ordinal);
        Assert.Null(await store.QueueWebhookTestAsync(created.Webhook.Id + 100, Admin, Cancel));
    }

    [Fact]
    public async Task Retention_deletes_old_messages_no_longer_pending_with_their_log_and_keeps_one_still_owed()
    {
        var store = NewStore();
        using var taking = new WebhookReceiver(200);
        using var refusing = new WebhookReceiver(500);
        var a = await store.AddWebhookAsync(taking.Url, [WebhookEventType.SnapshotImported], null, Admin, Cancel);
        store.Import(SmallList, cancellationToken: Cancel);
        var b = await store.AddWebhookAsync(refusing.Url, [WebhookEventType.SnapshotImported], null, Admin, Cancel);
        store.Import(TestData.Path("samples/eu-fsf-1_1-excerpt-2020-04-15.xml"), cancellationToken: Cancel);
        using var http = WebhookDispatcher.CreateHttpClient();
        await new WebhookDispatcher(store, http).DeliverDueAsync(cancellationToken: Cancel);
        var later = DateTimeOffset.UtcNow.AddDays(RetentionPolicy.DefaultWebhookLogDays + 1);

        var dry = await store.RunRetentionAsync(new RetentionPolicy(), later, dryRun: true, Admin, Cancel);
        var soon = await store.RunRetentionAsync(new RetentionPolicy(), DateTimeOffset.UtcNow.AddDays(1), dryRun: false, Admin, Cancel);
        var run = await store.RunRetentionAsync(new RetentionPolicy(), later, dryRun: false, Admin, Cancel);

        Assert.Equal((1, 0, 1), (dry.WebhookMessages, soon.WebhookMessages, run.WebhookMessages));
        Assert.NotNull(run.PurgeEntry);
        var kept = Assert.Single(await store.WebhookDeliveriesAsync(a.Webhook.Id, 10, Cancel));
        var owed = Assert.Single(await store.WebhookDeliveriesAsync(b.Webhook.Id, 10, Cancel));
        Assert.Equal(kept.MessageId, owed.MessageId);
        Assert.Equal(WebhookDeliveryState.Pending, owed.State);
        await using var connection = store.Connect();
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM webhook_messages"));
        Assert.Equal(2, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM webhook_attempts"));
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/hook", "url:")]
    [InlineData("/relative/hook", "url:")]
    [InlineData("http://user:secret@127.0.0.1/hook", "user:password")]
    [InlineData("http://127.0.0.1/hook#part", "#fragment")]
    public async Task A_receiver_address_that_is_not_a_plain_http_address_is_refused(string url, string said)
    {
        var store = NewStore();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.AddWebhookAsync(url, [WebhookEventType.AlertCreated], null, Admin, Cancel));

        Assert.Contains(said, error.Message, StringComparison.Ordinal);
        Assert.Empty(await store.ListWebhooksAsync(Cancel));
    }

    private static async Task<(long Pending, long Delivered, long Failed)> Counts(VigilStore store, long webhook) =>
        (await store.GetWebhookAsync(webhook, Cancel)) is { } w ? (w.Pending, w.Delivered, w.Failed) : throw new InvalidOperationException("no webhook");

    // Computed here from the Standard Webhooks definition, not with the code under test.
    private static string HmacSignature(string secret, string id, string timestamp, string body) =>
        "v1," + Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(secret["whsec_".Length..]), Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));
}

public sealed class SqliteWebhookTests() : WebhookTests(StoreKind.Sqlite);

[Needs(SystemPart.PostgreSql)]
public sealed class PostgresWebhookTests() : WebhookTests(StoreKind.Postgres);
