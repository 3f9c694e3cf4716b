using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Vigil.Core.Screening;
using Vigil.Core.Storage;
using Vigil.Server;
using Vigil.Server.Hosting;

namespace Vigil.Cli;

/// <summary><c>vigil serve [--urls URL] [--keys-file F] [--update-every 6h] [--max-list-age 48h] [--record-screenings] [--metrics-requires-key]</c>: the HTTP API and the analysts' web page.</summary>
internal static class ServeCommand
{
    public static Command Create(CommandContext context)
    {
        var urls = new Option<string[]>("--urls") { Description = $"Addresses to listen on (default {ServerDefaults.Url})", AllowMultipleArgumentsPerToken = true };
        var keysFile = new Option<string?>("--keys-file") { Description = $"API keys, one per line (also ${ServerDefaults.ApiKeysVariable}, comma-separated)", CustomParser = OptionValues.NonBlank };
        var updateEvery = new Option<TimeSpan?>("--update-every") { Description = "Fetch the official lists in the background this often: 30m, 6h, 1d", CustomParser = OptionValues.Duration };
        var catalog = new Option<string?>("--catalog") { Description = "With --update-every: a catalog file instead of the publishers' addresses", CustomParser = OptionValues.NonBlank };
        var downloads = new Option<string?>("--downloads") { Description = "With --update-every: folder for downloaded files (default: beside the default store)", CustomParser = OptionValues.NonBlank };
        var maxListAge = new Option<ListFreshness?>("--max-list-age")
        {
            Description = "Most a list may age before /readyz answers 503 naming it: 48h for every list, SOURCE=24h for one (repeatable)",
            Arity = ArgumentArity.OneOrMore,
            CustomParser = MaxListAge,
        };
        var fullRescreenEvery = new Option<TimeSpan?>("--full-rescreen-every")
        {
            Description = "Re-screen every monitored subject when none has been for this long (default 7d): the safety net behind the delta runs",
            CustomParser = OptionValues.Duration,
        };
        var fourEyes = DecideCommand.FourEyesOption();
        var trustedProxy = new Option<System.Net.IPAddress[]>("--trusted-proxy")
        {
            Description = "A reverse proxy's address whose X-Forwarded-For and X-Forwarded-Proto are believed (repeatable)",
            Arity = ArgumentArity.OneOrMore,
            CustomParser = r =>
            {
                var addresses = new List<System.Net.IPAddress>();
                foreach (var token in r.Tokens)
                {
                    if (System.Net.IPAddress.TryParse(token.Value, out var address))
                    {
                        addresses.Add(address);
                    }
                    else
                    {
                        r.AddError($"--trusted-proxy: '{token.Value}' is not an IP address");
                    }
                }
                return [.. addresses];
            },
        };
        var auditKey = new Option<string?>("--audit-key") { Description = "The audit checkpoint signing key (PEM; default: $VIGIL_AUDIT_KEY, else beside the store), created on first use", CustomParser = OptionValues.NonBlank };
        var checkpointEvery = new Option<TimeSpan?>("--checkpoint-every") { Description = "Sign an audit checkpoint this often when the log has grown (default 1h)", CustomParser = OptionValues.Duration };
        var recordScreenings = new Option<bool>("--record-screenings") { Description = "Record every /match screening (run kind api) and return its id in the Vigil-Screening-Id header, as record=true does" };
        var metricsRequireKey = new Option<bool>("--metrics-requires-key") { Description = "Ask /metrics callers for a key or user allowed to screen (default: open, as Prometheus scrapers expect)" };
        var command = new Command("serve", "Serve the HTTP API and the analysts' web page; picks up new imports and monitors the subjects without a restart")
        {
            urls, keysFile, updateEvery, catalog, downloads, maxListAge, fullRescreenEvery, fourEyes, trustedProxy, recordScreenings, auditKey, checkpointEvery, metricsRequireKey,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var every = parse.GetValue(updateEvery);
            if (every is null && (parse.GetValue(catalog) is not null || parse.GetValue(downloads) is not null))
            {
                throw new ArgumentException("--catalog and --downloads go with --update-every");
            }
            var keysPath = parse.GetValue(keysFile);
            var keys = ApiKeys.Load(Environment.GetEnvironmentVariable(ServerDefaults.ApiKeysVariable), keysPath);
            if (keysPath is not null && OwnerOnlyFiles.OthersMayRead(keysPath))
            {
                // A warning, not a refusal: the operator may share the file with a group on purpose.
                await context.Error.WriteLineAsync($"vigil: warning: the keys file {keysPath} is readable by other users; chmod 600 it so that only the server's user reads the keys");
            }
            var options = new ServerOptions
            {
                Store = parse.GetValue(context.Db),
                Urls = parse.GetValue(urls) is { Length: > 0 } given ? given : [ServerDefaults.Url],
                ApiKeys = keys,
                UpdateEvery = every,
                Catalog = parse.GetValue(catalog),
                Downloads = parse.GetValue(downloads) is { } dir ? Path.GetFullPath(dir) : null,
                Freshness = parse.GetValue(maxListAge) ?? ListFreshness.Unlimited,
                FullRescreenEvery = parse.GetValue(fullRescreenEvery) ?? ServerDefaults.FullRescreenEvery,
                RecordScreenings = parse.GetValue(recordScreenings),
                FourEyes = parse.GetValue(fourEyes)!,
                TrustedProxies = parse.GetValue(trustedProxy) ?? [],
                AuditKey = parse.GetValue(auditKey),
                CheckpointEvery = parse.GetValue(checkpointEvery) ?? ServerDefaults.CheckpointEvery,
                MetricsRequireKey = parse.GetValue(metricsRequireKey),
            };
            await using var app = VigilServer.Create(options);
            // Opened now, so a missing or unreachable store is one line and exit code 2, not a failure at the first request.
            _ = app.Services.GetRequiredService<VigilStore>();
            var bound = await VigilServer.StartAsync(app, cancellationToken);
            var asks = await app.Services.GetRequiredService<AccessGate>().RequiredAsync(cancellationToken);
            await context.Error.WriteLineAsync($"vigil: serving {string.Join(", ", bound)}"
                + (asks ? " (callers sign in with a key or a user)" : " (no key or user: loopback only)"));
            await app.WaitForShutdownAsync(cancellationToken);
            return 0;
        });
        return command;
    }

    /// <summary>An interval as 30m, 6h or 1d.</summary>
    internal static TimeSpan Interval(string text) => ListFreshness.Duration(text);

    private static ListFreshness? MaxListAge(System.CommandLine.Parsing.ArgumentResult result)
    {
        try
        {
            return ListFreshness.Parse(result.Tokens.Select(t => t.Value));
        }
        catch (FormatException e)
        {
            result.AddError("--max-list-age: " + e.Message);
            return null;
        }
    }
}
