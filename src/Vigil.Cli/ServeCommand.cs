using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Vigil.Server;
using Vigil.Server.Hosting;

namespace Vigil.Cli;

/// <summary><c>vigil serve [--urls URL] [--keys-file F] [--update-every 6h]</c>: the HTTP API and the analysts' web page.</summary>
internal static class ServeCommand
{
    public static Command Create(CommandContext context)
    {
        var urls = new Option<string[]>("--urls") { Description = $"Addresses to listen on (default {ServerDefaults.Url})", AllowMultipleArgumentsPerToken = true };
        var keysFile = new Option<string?>("--keys-file") { Description = $"API keys, one per line (also ${ServerDefaults.ApiKeysVariable}, comma-separated)" };
        var updateEvery = new Option<string?>("--update-every") { Description = "Fetch the official lists in the background this often: 30m, 6h, 1d" };
        var catalog = new Option<string?>("--catalog") { Description = "With --update-every: a catalog file instead of the publishers' addresses" };
        var downloads = new Option<string?>("--downloads") { Description = "With --update-every: folder for downloaded files (default: beside the default store)" };
        var command = new Command("serve", "Serve the HTTP API and the analysts' web page; picks up new imports without a restart")
        {
            urls, keysFile, updateEvery, catalog, downloads,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new ServerOptions
            {
                Store = parse.GetValue(context.Db),
                Urls = parse.GetValue(urls) is { Length: > 0 } given ? given : [ServerDefaults.Url],
                ApiKeys = ApiKeys.Load(Environment.GetEnvironmentVariable(ServerDefaults.ApiKeysVariable), parse.GetValue(keysFile)),
                UpdateEvery = parse.GetValue(updateEvery) is { } every ? Interval(every) : null,
                Catalog = parse.GetValue(catalog),
                Downloads = parse.GetValue(downloads) is { } dir ? Path.GetFullPath(dir) : null,
            };
            await using var app = VigilServer.Create(options);
            await context.Error.WriteLineAsync($"vigil: serving {string.Join(", ", options.Urls)}"
                + (options.ApiKeys.Count == 0 ? " (no API key: loopback only)" : $" ({options.ApiKeys.Count} API keys)"));
            await app.StartAsync(cancellationToken);
            await app.WaitForShutdownAsync(cancellationToken);
            return 0;
        });
        return command;
    }

    /// <summary>An interval as 30m, 6h or 1d.</summary>
    internal static TimeSpan Interval(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        if (t.Length > 1 && int.TryParse(t[..^1], out var n) && n > 0)
        {
            switch (t[^1])
            {
                case 'm': return TimeSpan.FromMinutes(n);
                case 'h': return TimeSpan.FromHours(n);
                case 'd': return TimeSpan.FromDays(n);
            }
        }
        throw new ArgumentException($"--update-every: '{text}' is not an interval such as 30m, 6h or 1d");
    }
}
