using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Tests.Webhooks;

/// <summary>
/// A real HTTP receiver on 127.0.0.1 that answers each POST with the next status of its script (the last one for
/// ever after), a 3xx with a Location, and keeps every request it got: headers and body as received.
/// </summary>
internal sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<int> _script;
    private readonly int _last;
    private readonly ConcurrentQueue<Received> _received = new();
    private readonly Task _loop;

    public WebhookReceiver(params int[] statuses)
    {
        _script = new ConcurrentQueue<int>(statuses);
        _last = statuses[^1];
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Url = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/hooks/vigil";
        }
        _listener.Prefixes.Add(Url[..(Url.IndexOf("/hooks", StringComparison.Ordinal) + 1)]);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public sealed record Received(string? Id, string? Timestamp, string? Signature, string? ContentType, string Body, int Status);

    public string Url { get; }

    /// <summary>Where a 3xx answer points.</summary>
    public string RedirectTo { get; set; } = "http://127.0.0.1:9/elsewhere";

    public IReadOnlyList<Received> Requests => [.. _received];

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends by the listener being closed under it.
        }
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
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
}
