using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Vigil.Tests.Parts;
using Vigil.Tests.Webhooks;

namespace Vigil.Server.Tests.Api;

/// <summary>
/// <c>/webhooks</c> on a running server: a receiver added over the API hears, signed and on its own, of an alert a
/// subject PUT raises, and the delivery log says so.
/// </summary>
public abstract class WebhooksApiTests<TApp>(TApp app) where TApp : VigilApp
{
    private readonly HttpClient _client = app.ClientForTest();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<HttpResponseMessage> Post(string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await _client.PostAsync(new Uri(path, UriKind.Relative), content, Cancel);
    }

    [Fact]
    public async Task An_alert_raised_through_the_API_reaches_a_subscribed_receiver_signed_without_anyone_asking()
    {
        using var receiver = new WebhookReceiver(200);
        using var added = await Post("/webhooks", $$"""{"url": "{{receiver.Url}}", "events": ["alert.created"], "description": "case system"}""");
        var webhook = JsonDocument.Parse(await added.Content.ReadAsStringAsync(Cancel)).RootElement;
        var id = webhook.GetProperty("webhook").GetProperty("id").GetInt64();
        var secret = webhook.GetProperty("secret").GetString()!;
        var reference = "hook-" + Guid.NewGuid().ToString("N")[..10];

        using var content = new StringContent("""{"schema": "Person", "names": ["Gulmurod Khalimov"], "birthDates": ["1975-05-14"]}""", Encoding.UTF8, "application/json");
        using var subject = await _client.PutAsync(new Uri("/subjects/" + reference, UriKind.Relative), content, Cancel);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        WebhookReceiver.Received? heard = null;
        while (heard is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, Cancel);
            heard = receiver.Requests.FirstOrDefault(r => r.Body.Contains($"\"subject\":\"{reference}\"", StringComparison.Ordinal));
        }
        using var log = await _client.GetAsync(new Uri($"/webhooks/{id}/deliveries", UriKind.Relative), Cancel);
        var deliveries = JsonDocument.Parse(await log.Content.ReadAsStringAsync(Cancel)).RootElement;

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (added.StatusCode, subject.StatusCode));
        Assert.NotNull(heard);
        using var body = JsonDocument.Parse(heard.Body);
        Assert.Equal("alert.created", body.RootElement.GetProperty("type").GetString());
        Assert.Equal("v1," + Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(secret["whsec_".Length..]), Encoding.UTF8.GetBytes($"{heard.Id}.{heard.Timestamp}.{heard.Body}"))), heard.Signature);
        Assert.Contains(deliveries.EnumerateArray(), d => d.GetProperty("messageId").GetString() == heard.Id && d.GetProperty("state").GetString() == "delivered");
    }

    [Fact]
    public async Task An_unknown_event_or_a_bad_address_is_refused_naming_the_field()
    {
        using var unknown = await Post("/webhooks", """{"url": "http://127.0.0.1:9/hook", "events": ["alert.deleted"]}""");
        using var address = await Post("/webhooks", """{"url": "file:///etc/passwd", "events": ["all"]}""");

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (unknown.StatusCode, address.StatusCode));
        Assert.Contains("events: unknown event 'alert.deleted'", await unknown.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Contains("url:", await address.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }
}

public sealed class SqliteWebhooksApiTests(SqliteUnOnlyVigilApp app) : WebhooksApiTests<SqliteUnOnlyVigilApp>(app), IClassFixture<SqliteUnOnlyVigilApp>;

[Needs(SystemPart.PostgreSql)]
public sealed class PostgresWebhooksApiTests(PostgresUnOnlyVigilApp app) : WebhooksApiTests<PostgresUnOnlyVigilApp>(app), IClassFixture<PostgresUnOnlyVigilApp>;
