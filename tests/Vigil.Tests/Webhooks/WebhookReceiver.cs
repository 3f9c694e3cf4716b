using System.Collections.Concurrent;
using System.Net;
using Vigil.Tests.Sources;

namespace Vigil.Tests.Webhooks;

/// <summary>
/// A real HTTP receiver on 127.0.0.1 that answers each POST with the next status of its script (the last one for
/// ever after), a 3xx with a Location, and keeps every request it got: headers and body as received.
/// </summary>
internal sealed class WebhookReceiver : IDisposable
{
    private readonly LoopbackListener _listener;
    private readonly ConcurrentQueue<int> _script;
    private readonly int _last;
    private readonly ConcurrentQueue<Received> _received = new();

    public WebhookReceiver(params int[] statuses)
    {
        _script = new ConcurrentQueue<int>(statuses);
        _last = statuses[^1];
        _listener = new LoopbackListener(AnswerAsync);
    }

    public sealed record Received(string? Id, string? Timestamp, string? Signature, string? ContentType, string Body, int Status);

    public string Url => _listener.BaseUrl + "hooks/vigil";

    /// <summary>Where a 3xx answer points.</summary>
    public string RedirectTo { get; set; } = "http://127.0.0.1:9/elsewhere";

    public IReadOnlyList<Received> Requests => [.. _received];

    public void Dispose() => _listener.Dispose();

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream);
        var body = await reader.ReadToEndAsync();
        var status = _script.TryDequeue(out var next) ? next : _last;
        var headers = context.Request.Headers;
        _received.Enqueue(new Received(headers["webhook-id"], headers["webhook-timestamp"], headers["webhook-signature"], context.Request.ContentType, body, status));
        context.Response.StatusCode = status;
        if (status is >= 300 and < 400)
        {
            context.Response.RedirectLocation = RedirectTo;
        }
        context.Response.Close();
    }
}
