using System.Net;
using System.Net.Http.Headers;
using Vigil.Core.Merge;
using Vigil.Core.Storage;

namespace Vigil.Core.Sources;

/// <summary>Settings for fetching lists; defaults suit the publishers' servers, tests shorten them.</summary>
public sealed record UpdateOptions
{
    /// <summary>A download that would leave fewer than this share of the previous snapshot's entities is quarantined.</summary>
    public double MinimumKeptShare { get; init; } = ShrinkGuard.MinimumKeptShare;

    public int Attempts { get; init; } = 3;

    /// <summary>Wait before the second attempt; doubled before each further one.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Where downloads are kept (quarantined ones must outlive the run); default beside the default store.</summary>
    public string DownloadDirectory { get; init; } = Path.Combine(Path.GetDirectoryName(VigilStore.DefaultLocation)!, "downloads");
}

/// <summary>
/// Fetches lists from their publishers with conditional requests, timeouts and retries, and imports them — unless a
/// download fails to parse or would drop too much of a list, in which case it is quarantined and reported instead.
/// </summary>
public sealed class ListUpdater
{
    private readonly VigilStore _store;
    private readonly HttpClient _http;
    private readonly UpdateOptions _options;

    public ListUpdater(VigilStore store, HttpClient http, UpdateOptions? options = null)
    {
        _store = store;
        _http = http;
        _options = options ?? new UpdateOptions();
    }

    public Task<UpdateOutcome> UpdateAsync(CatalogEntry entry, CancellationToken cancellationToken = default) =>
        UpdateAsync(entry, conditional: true, cancellationToken);

    private async Task<UpdateOutcome> UpdateAsync(CatalogEntry entry, bool conditional, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(_options.DownloadDirectory, entry.Source, DateTimeOffset.UtcNow.ToString("yyyyMMdd'T'HHmmssfff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        var downloads = entry.Downloads;
        var validators = new List<(string Url, string? ETag, string? LastModified)>();
        var allNotModified = true;
        foreach (var file in downloads)
        {
            var result = await DownloadAsync(file.Url, Path.Combine(folder, file.Name), conditional, cancellationToken);
            if (result.Error is not null)
            {
                return new UpdateOutcome(entry.Source, UpdateStatus.Failed, $"{file.Url}: {result.Error}");
            }
            allNotModified &= result.NotModified;
            validators.Add((file.Url, result.ETag, result.LastModified));
        }
        if (allNotModified)
        {
            return new UpdateOutcome(entry.Source, UpdateStatus.NotModified);
        }
        if (downloads.Count > 1 && Directory.GetFiles(folder).Length != downloads.Count)
        {
            // Some files of a set came back 304: fetch the whole set unconditionally so the import sees a consistent set.
            Directory.Delete(folder, recursive: true);
            return await UpdateAsync(entry, conditional: false, cancellationToken);
        }

        var path = downloads.Count > 1 ? folder : Path.Combine(folder, downloads[0].Name);
        UpdateOutcome outcome;
        try
        {
            var import = _store.Import(path, entry.Format, guard: Guard, cancellationToken: cancellationToken);
            if (import.Source != entry.Source)
            {
                throw new ListFormatException(path, "whole file", $"expected a {entry.Source} list but the file is {import.Source}");
            }
            _store.ResolveQuarantine(entry.Source, "superseded");
            CrossListLinker.LinkImported(_store, import, cancellationToken);
            outcome = new UpdateOutcome(entry.Source, import.Unchanged ? UpdateStatus.Unchanged : UpdateStatus.Imported, null, import);
        }
        catch (Exception e) when (e is ListFormatException or ImportRefusedException)
        {
            var reason = e is ImportRefusedException refused ? refused.Reason : e.Message;
            var id = _store.Quarantine(entry.Source, path, entry.Format, reason);
            outcome = new UpdateOutcome(entry.Source, UpdateStatus.Quarantined, reason, null, id);
        }
        // Validators are saved only now: a download that never reached a decision is fetched again next time.
        foreach (var v in validators)
        {
            _store.SaveFetchState(v.Url, v.ETag, v.LastModified);
        }
        // Only a quarantined download must outlive the run; an imported one lives on as its snapshot.
        if (outcome.Status != UpdateStatus.Quarantined)
        {
            Directory.Delete(folder, recursive: true);
        }
        return outcome;
    }

    /// <summary>Imports the latest quarantined download of a source, without the drop check (a parse failure still fails).</summary>
    public UpdateOutcome Accept(string source)
    {
        var pending = _store.PendingQuarantine(source);
        if (pending.Count == 0)
        {
            throw new KeyNotFoundException($"no quarantined download for {source}");
        }
        var latest = pending[^1];
        var import = _store.Import(latest.Path, latest.Format);
        _store.ResolveQuarantine(source, $"accepted as snapshot {import.Snapshot}");
        CrossListLinker.LinkImported(_store, import);
        return new UpdateOutcome(source, import.Unchanged ? UpdateStatus.Unchanged : UpdateStatus.Imported, "accepted quarantined download", import);
    }

    private string? Guard(ImportCheck check) =>
        ShrinkGuard.Check(check, _options.MinimumKeptShare, $"run 'vigil update --accept {check.Source}' to take it");

    private async Task<(bool NotModified, string? ETag, string? LastModified, string? Error)> DownloadAsync(string url, string target, bool conditional, CancellationToken cancellationToken)
    {
        var (etag, lastModified) = conditional ? _store.FetchState(url) : (null, null);
        string? error = null;
        var delay = _options.RetryDelay;
        for (var attempt = 1; attempt <= _options.Attempts; attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(delay, cancellationToken);
                delay *= 2;
            }
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (etag is not null && EntityTagHeaderValue.TryParse(etag, out var tag))
            {
                request.Headers.IfNoneMatch.Add(tag);
            }
            if (lastModified is not null && DateTimeOffset.TryParse(lastModified, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var since))
            {
                request.Headers.IfModifiedSince = since;
            }
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.Timeout);
            try
            {
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                if (response.StatusCode == HttpStatusCode.NotModified)
                {
                    return (true, etag, lastModified, null);
                }
                if (!response.IsSuccessStatusCode)
                {
                    error = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
                    if (IsTransient(response.StatusCode))
                    {
                        continue;
                    }
                    return (false, null, null, error);
                }
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                var partial = target + ".part";
                await using (var file = File.Create(partial))
                {
                    await response.Content.CopyToAsync(file, timeout.Token);
                }
                File.Move(partial, target, overwrite: true);
                return (false, response.Headers.ETag?.ToString(), response.Content.Headers.LastModified?.ToString("R"), null);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                error = $"timed out after {_options.Timeout.TotalSeconds:0} s";
            }
            catch (HttpRequestException e)
            {
                error = e.Message;
            }
            catch (IOException e)
            {
                error = e.Message;
            }
        }
        return (false, null, null, $"{error} (after {_options.Attempts} attempts)");
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;
}
