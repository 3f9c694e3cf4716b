using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;

namespace Vigil.Tests.Sources;

/// <summary>
/// A real HTTP server on 127.0.0.1 serving files (the shared list files, or test variants) with ETag and Last-Modified,
/// answering conditional requests with 304, and able to fail a path's first requests with 503 to exercise retries.
/// </summary>
internal sealed class LocalFileServer : IDisposable
{
    private readonly LoopbackListener _listener;
    private readonly ConcurrentDictionary<string, string> _files = new();
    private readonly ConcurrentDictionary<string, int> _failuresLeft = new();
    private readonly ConcurrentQueue<(string Path, string? IfNoneMatch, int Status)> _log = new();

    public LocalFileServer() => _listener = new LoopbackListener(context =>
    {
        Answer(context);
        return Task.CompletedTask;
    });

    public string BaseUrl => _listener.BaseUrl;

    /// <summary>Requests served so far: path, the If-None-Match sent, and the status answered.</summary>
    public IReadOnlyList<(string Path, string? IfNoneMatch, int Status)> Requests => _log.ToArray();

    /// <summary>Serves <paramref name="file"/> at <paramref name="path"/> (replacing what was there); returns its address.</summary>
    public string Serve(string path, string file)
    {
        _files[path.TrimStart('/')] = file;
        return BaseUrl + path.TrimStart('/');
    }

    /// <summary>The next <paramref name="count"/> requests for the path get 503 Service Unavailable.</summary>
    public void FailNext(string path, int count) => _failuresLeft[path.TrimStart('/')] = count;

    public void Dispose() => _listener.Dispose();

    private void Answer(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath.TrimStart('/');
        var ifNoneMatch = context.Request.Headers["If-None-Match"];
        var response = context.Response;
        try
        {
            if (_failuresLeft.TryGetValue(path, out var left) && left > 0)
            {
                _failuresLeft[path] = left - 1;
                response.StatusCode = 503;
                return;
            }
            if (!_files.TryGetValue(path, out var file))
            {
                response.StatusCode = 404;
                return;
            }
            var bytes = File.ReadAllBytes(file);
            var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..16] + "\"";
            response.Headers["ETag"] = etag;
            response.Headers["Last-Modified"] = File.GetLastWriteTimeUtc(file).ToString("R");
            if (ifNoneMatch == etag)
            {
                response.StatusCode = 304;
                return;
            }
            response.StatusCode = 200;
            response.ContentLength64 = bytes.Length;
            response.OutputStream.Write(bytes);
        }
        finally
        {
            _log.Enqueue((path, ifNoneMatch, response.StatusCode));
            response.Close();
        }
    }
}
