using Vigil.Core.Screening;
using Vigil.Core.Storage;
using Vigil.Core.Workflow;

namespace Vigil.Server.Hosting;

/// <summary>How <c>vigil serve</c> runs: where it listens, which store it reads, who may call it, how often it refreshes.</summary>
public sealed record ServerOptions
{
    /// <summary>Only a server that fetches lists itself may create its store.</summary>
    public StoreAccess StoreAccess => UpdateEvery is null ? StoreAccess.Existing : StoreAccess.CreateIfMissing;

    /// <summary>The store: a SQLite file or a PostgreSQL connection string (null: <c>$VIGIL_DB</c>, else the default file).</summary>
    public string? Store { get; init; }

    /// <summary>The most each list may age before the server stops calling itself ready; unlimited by default.</summary>
    public ListFreshness Freshness { get; init; } = ListFreshness.Unlimited;

    public IReadOnlyList<string> Urls { get; init; } = [ServerDefaults.Url];

    /// <summary>Accepted API keys; empty means no key is asked for, which is only allowed on loopback addresses.</summary>
    public IReadOnlyList<string> ApiKeys { get; init; } = [];

    /// <summary>How often the store is checked for snapshots imported by another process.</summary>
    public TimeSpan RefreshEvery { get; init; } = ServerDefaults.RefreshEvery;

    /// <summary>
    /// When set, the publishers' lists are fetched this often in the background (<c>vigil update</c>), and the store
    /// is created if missing; otherwise the store must exist, so a mistyped one cannot serve empty answers.
    /// </summary>
    public TimeSpan? UpdateEvery { get; init; }

    /// <summary>
    /// How often a full re-screen of every monitored subject is queued when none has run for that long: the safety net
    /// behind the delta runs, which counts any alert they missed. Null: never.
    /// </summary>
    public TimeSpan? FullRescreenEvery { get; init; } = ServerDefaults.FullRescreenEvery;

    /// <summary>A catalog file for background updates instead of the built-in publishers' addresses.</summary>
    public string? Catalog { get; init; }

    /// <summary>Where background updates keep downloads (quarantined ones must outlive the run); null: beside the default store.</summary>
    public string? Downloads { get; init; }

    /// <summary>
    /// Reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed (none by default): the
    /// client address and HTTPS then come from the proxy, not from the connection.
    /// </summary>
    public IReadOnlyList<System.Net.IPAddress> TrustedProxies { get; init; } = [];

    /// <summary>
    /// Whether <c>/metrics</c> asks for a credential with the <see cref="Vigil.Core.Access.Permission.Screen"/>
    /// permission, as the lists themselves do. Open by default, as Prometheus scrapers expect: it shows which lists are
    /// loaded, their ages and request counts, never a name screened or a result.
    /// </summary>
    public bool MetricsRequireKey { get; init; }

    /// <summary>Sign-in attempts one client address may make per minute: enough for typos, too few for guessing.</summary>
    public int SignInsPerMinute { get; init; } = 20;

    /// <summary>Which decisions need a second person's approval before they count.</summary>
    public FourEyesPolicy FourEyes { get; init; } = FourEyesPolicy.Default;

    /// <summary>Records every <c>/match</c> screening as if each request asked <c>record=true</c> (a request's <c>record=false</c> still opts out).</summary>
    public bool RecordScreenings { get; init; }

    /// <summary>The audit checkpoint signing key file (else <c>VIGIL_AUDIT_KEY</c>, else beside the store).</summary>
    public string? AuditKey { get; init; }

    /// <summary>How often the server signs an audit checkpoint when the log has grown.</summary>
    public TimeSpan CheckpointEvery { get; init; } = ServerDefaults.CheckpointEvery;

    /// <summary>How often the server looks for webhook messages due to be sent.</summary>
    public TimeSpan WebhooksEvery { get; init; } = ServerDefaults.WebhooksEvery;
}

/// <summary>Every default and limit of the server in one place.</summary>
public static class ServerDefaults
{
    public const string Url = "http://127.0.0.1:8080";

    public static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan FullRescreenEvery = TimeSpan.FromDays(7);

    public static readonly TimeSpan CheckpointEvery = TimeSpan.FromHours(1);

    public static readonly TimeSpan WebhooksEvery = TimeSpan.FromSeconds(2);

    /// <summary>Largest request body accepted; a /match batch of the largest size fits with room.</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    /// <summary>Longest request address (path and query string) accepted; longer input belongs in a POST body.</summary>
    public const int MaxRequestTargetBytes = 16 * 1024;

    /// <summary>Most queries in one /match or reconciliation batch (yente's limit too).</summary>
    public const int MaxBatch = 100;

    /// <summary>Results per query when the request does not say (yente's default).</summary>
    public const int MatchLimit = 5;

    public const int MaxLimit = 500;

    /// <summary>Names and dates of birth one query example may carry; each name is screened with each date.</summary>
    public const int MaxNamesPerQuery = 20;

    public const int MaxBirthDatesPerQuery = 5;

    /// <summary>Entities whose listed properties one index keeps in memory for /match, whatever the queries ask for.</summary>
    public const int PropertiesCacheEntries = 10_000;

    public const int MaxQueryLength = 500;

    /// <summary>Rows OpenRefine sends per reconciliation request: small enough that its progress bar moves.</summary>
    public const int ReconcileBatchSize = 10;

    /// <summary>Most candidates one reconciliation query may ask for.</summary>
    public const int ReconcileMaxLimit = 100;

    /// <summary>
    /// How far (0..1) an alerting best candidate must lead the next one for reconciliation to call it a match, which
    /// OpenRefine then accepts without review; two near-equal alerts are a choice for an analyst.
    /// </summary>
    public const double ReconcileMatchMargin = 0.1;

    public const string ApiKeysVariable = "VIGIL_API_KEYS";
}
