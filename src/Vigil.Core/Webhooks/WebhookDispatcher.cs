using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Vigil.Core.Storage;

namespace Vigil.Core.Webhooks;

/// <summary>
/// Sends the outbox's due messages: one signed POST per attempt, redirects never followed (a 3xx is a failed attempt),
/// each outcome recorded with the next attempt's time from <see cref="WebhookRetrySchedule"/>. Delivery is at least
/// once: a process that dies mid-attempt leaves its claim to expire and the message is sent again with the same
/// <c>webhook-id</c>, which receivers use to drop repeats.
/// </summary>
public sealed class WebhookDispatcher(VigilStore store, HttpClient http, TimeProvider? clock = null)
{
    /// <summary>How long a claimed delivery is this process's alone; longer than any attempt can take.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>How long one attempt may take before it counts as failed.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(15);

    private const int BodyShown = 200;

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>The client every dispatcher should use: no redirects, bounded connect and attempt times.</summary>
    public static HttpClient CreateHttpClient()
    {
        var client = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        })
        {
            Timeout = AttemptTimeout,
        };
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Vigil-Webhooks", "1"));
        return client;
    }

    /// <summary>Attempts up to <paramref name="limit"/> due deliveries; returns how many it attempted.</summary>
    public async Task<int> DeliverDueAsync(int limit = 50, CancellationToken cancellationToken = default)
    {
        var now = _clock.GetUtcNow();
        var due = await store.ClaimWebhookDeliveriesAsync(now, now + Lease, limit, null, cancellationToken);
        foreach (var delivery in due)
        {
            await AttemptAsync(delivery, cancellationToken);
        }
        return due.Count;
    }

    /// <summary>Attempts every delivery due now, a batch at a time, until none is; returns how many it attempted.</summary>
    public async Task<int> DeliverAllDueAsync(CancellationToken cancellationToken = default)
    {
        var total = 0;
        int attempted;
        while ((attempted = await DeliverDueAsync(cancellationToken: cancellationToken)) > 0)
        {
            total += attempted;
        }
        return total;
    }

    /// <summary>Attempts one delivery now if it is pending and due; its attempt, or null when it was not.</summary>
    public async Task<WebhookAttempt?> DeliverAsync(long delivery, CancellationToken cancellationToken = default)
    {
        var now = _clock.GetUtcNow();
        var due = await store.ClaimWebhookDeliveriesAsync(now, now + Lease, 1, delivery, cancellationToken);
        return due.Count == 0 ? null : await AttemptAsync(due[0], cancellationToken);
    }

    private async Task<WebhookAttempt> AttemptAsync(WebhookDue due, CancellationToken cancellationToken)
    {
        var sentAt = _clock.GetUtcNow();
        var timestamp = sentAt.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, due.Url)
        {
            Content = new StringContent(due.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", due.MessageId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Sign(due.Secret, due.MessageId, timestamp, due.Body));
        var watch = Stopwatch.StartNew();
        int? status = null;
        string? error = null;
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                error = status is >= 300 and < 400
                    ? $"HTTP {status}: redirect to {response.Headers.Location?.ToString() ?? "nowhere"} not followed"
                    : $"HTTP {status}{await BodyStartAsync(response, cancellationToken)}";
            }
        }
        catch (HttpRequestException e)
        {
            error = e.Message;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            error = $"no answer within {AttemptTimeout.TotalSeconds:0} s";
        }
        var number = due.Attempts + 1;
        var attempt = new WebhookAttempt(number, Clock.Text(sentAt), status, error, watch.ElapsedMilliseconds);
        var delivered = error is null;
        var next = delivered || WebhookRetrySchedule.After(number) is not { } delay ? (DateTimeOffset?)null : _clock.GetUtcNow() + delay;
        // The outcome is recorded even when the caller stops now: the receiver may have acted on the message.
        await store.RecordWebhookAttemptAsync(due.Delivery, attempt, delivered, next, CancellationToken.None);
        return attempt;
    }

    /// <summary>The start of a refusal's body, for the log: what a receiver says when it refuses a message.</summary>
    private static async Task<string> BodyStartAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[BodyShown * 4];
            var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
            var text = Encoding.UTF8.GetString(buffer, 0, read).ReplaceLineEndings(" ").Trim();
            return text.Length == 0 ? "" : ": " + (text.Length > BodyShown ? text[..BodyShown] + "…" : text);
        }
        catch (HttpRequestException)
        {
            return "";
        }
    }
}
