using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Prometheus;
using Vigil.Core.Access;
using Vigil.Core.Storage;
using Vigil.Core.Webhooks;
using Vigil.Server.Api;
using Vigil.Server.Hosting;
using Vigil.Server.Web;

namespace Vigil.Server;

/// <summary>
/// Composes the HTTP server: services, middleware and every endpoint. <c>vigil serve</c> and the tests' host both
/// call these, so what is tested is what runs.
/// </summary>
public static class VigilServer
{
    /// <summary>The rate-limiting policy of <c>POST /login</c>.</summary>
    public const string SignInLimit = "sign-in";

    /// <summary>Builds the server for <c>vigil serve</c>; <see cref="StartAsync"/> checks where it may listen before it does.</summary>
    public static WebApplication Create(ServerOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls([.. options.Urls]);
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        // One line per request at Information drowns what matters (index builds, updates, errors).
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        AddServices(builder.Services, options);
        var app = builder.Build();
        Configure(app);
        return app;
    }

    /// <summary>
    /// Starts the server and returns the addresses it listens on. While no credential exists (no operator key, no key
    /// or user in the store) it refuses, before binding, any address Kestrel would bind beyond loopback, whether given
    /// as a URL or in the <c>Kestrel:Endpoints</c> configuration; then it checks the addresses actually bound, and stops
    /// and refuses if any is beyond loopback: a setting the checks before the start did not foresee fails closed.
    /// </summary>
    public static async Task<IReadOnlyList<string>> StartAsync(WebApplication app, CancellationToken cancellationToken)
    {
        var gate = app.Services.GetRequiredService<AccessGate>();
        var options = app.Services.GetRequiredService<ServerOptions>();
        if (!await gate.RequiredAsync(cancellationToken)
            && LoopbackGuard.FirstExposed([.. options.Urls, .. LoopbackGuard.ConfiguredEndpoints(app.Configuration)]) is { } configured)
        {
            throw LoopbackGuard.Refusal(configured);
        }
        await app.StartAsync(cancellationToken);
        var bound = LoopbackGuard.Bound(app.Services.GetRequiredService<IServer>());
        if (!await gate.RequiredAsync(cancellationToken) && LoopbackGuard.FirstExposed(bound) is { } exposed)
        {
            await app.StopAsync(CancellationToken.None);
            throw LoopbackGuard.Refusal(exposed);
        }
        return bound;
    }

    public static void AddServices(IServiceCollection services, ServerOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(_ => VigilStore.Open(options.Store, options.StoreAccess));
        services.AddSingleton(new ApiKeys(options.ApiKeys));
        services.AddSingleton<AccessGate>();
        services.AddAuthentication(VigilAuthentication.SchemeName).AddScheme<AuthenticationSchemeOptions, VigilAuthentication>(VigilAuthentication.SchemeName, null);
        services.AddAuthorization(AccessPolicies.Add);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignInLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.SignInsPerMinute, Window = TimeSpan.FromMinutes(1) }));
        });
        services.AddSingleton<ScreeningIndexHost>();
        services.AddSingleton<ServerMetrics>();
        services.AddSingleton<IndexRefresher>();
        services.AddHostedService(sp => sp.GetRequiredService<IndexRefresher>());
        services.AddHostedService<ListUpdateService>();
        services.AddHostedService<MonitoringService>();
        services.AddHostedService<BatchWorkerService>();
        services.AddSingleton<AuditKeyHolder>();
        services.AddHostedService<CheckpointService>();
        services.AddSingleton(sp => new WebhookDispatcher(sp.GetRequiredService<VigilStore>(), WebhookDispatcher.CreateHttpClient()));
        services.AddHostedService<WebhookService>();
        // The updater applies its own per-download timeout and retries; the client must not cut a large list short.
        services.AddHttpClient(nameof(ListUpdateService), c =>
        {
            c.Timeout = Timeout.InfiniteTimeSpan;
            c.DefaultRequestHeaders.UserAgent.ParseAdd("Vigil/1.0 (+sanctions screening)");
        });
        services.AddProblemDetails();
        // A body or query value that does not bind is thrown rather than answered with a bare 400, so that
        // BadRequestProblems can name the field.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BadRequestProblems>();
        services.AddWebPages();
        services.AddVigilOpenApi();
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            o.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });
        services.Configure<KestrelServerOptions>(o =>
        {
            o.Limits.MaxRequestBodySize = ServerDefaults.MaxRequestBodyBytes;
            // Kestrel answers a longer line with a bare 414 before any middleware runs; up to its limit, RequestTargetLimit
            // refuses with a problem document instead.
            o.Limits.MaxRequestLineSize = 4 * ServerDefaults.MaxRequestTargetBytes;
            o.AddServerHeader = false;
        });
        services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o => o.ValueLengthLimit = (int)ServerDefaults.MaxRequestBodyBytes);
    }

    public static void Configure(IApplicationBuilder app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (app.ApplicationServices.GetRequiredService<ServerOptions>().TrustedProxies is { Count: > 0 } proxies)
        {
            // Behind a TLS-terminating proxy the sign-in cookie is still marked Secure, and sign-in attempts are counted
            // per client rather than per proxy; only the named proxies are believed, so a client cannot claim either.
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                forwarded.KnownProxies.Add(proxy);
            }
            app.UseForwardedHeaders(forwarded);
        }
        app.Use(SecurityHeaders);
        app.Use(RequestTargetLimit);
        // Before anything answers: a keyless server's Host must be a loopback name, against DNS rebinding.
        app.Use(LoopbackHostFilter.Filter);
        app.UseRouting();
        var metrics = app.ApplicationServices.GetRequiredService<ServerMetrics>();
        app.UseHttpMetrics(o => o.SetMetricFactory(Metrics.WithCustomRegistry(metrics.Registry)));
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseEndpoints(endpoints =>
        {
            var metricsEndpoint = endpoints.MapMetrics("/metrics", metrics.Registry);
            if (app.ApplicationServices.GetRequiredService<ServerOptions>().MetricsRequireKey)
            {
                metricsEndpoint.Requires(Permission.Screen);
            }
            else
            {
                metricsEndpoint.AllowAnonymous();
            }
            endpoints.MapOpenApi("/openapi/{documentName}.json");
            endpoints.MapHealthApi();
            endpoints.MapMatchingDocs();
            // Every endpoint that screens answers 503 while no list is loaded, rather than an empty all-clear.
            var screening = endpoints.MapGroup("").AddEndpointFilter<ListsLoadedFilter>();
            screening.MapMatchApi();
            var thresholdless = screening.MapGroup("").AddEndpointFilter<ScoreParametersFilter>();
            thresholdless.MapSearchApi();
            thresholdless.MapReconciliationApi();
            endpoints.MapEntitiesApi();
            endpoints.MapCatalogApi();
            endpoints.MapListsApi();
            endpoints.MapSubjectsApi();
            endpoints.MapAlertsApi();
            endpoints.MapScreeningsApi();
            endpoints.MapJobsApi();
            endpoints.MapAccessApi();
            endpoints.MapAuditApi();
            endpoints.MapWebhooksApi();
            endpoints.MapWebPages();
        });
    }

    /// <summary>A request whose address (path and query) is longer than <see cref="ServerDefaults.MaxRequestTargetBytes"/>: 414, with a problem document.</summary>
    private static Task RequestTargetLimit(HttpContext context, Func<Task> next)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
        return target.Length > ServerDefaults.MaxRequestTargetBytes
            ? Problems.Write(context, StatusCodes.Status414UriTooLong, "Address too long",
                $"The request's address is {target.Length} characters long; the most accepted is {ServerDefaults.MaxRequestTargetBytes}: send long input in a POST body (/match, /reconcile) instead.")
            : next();
    }

    private static Task SecurityHeaders(HttpContext context, Func<Task> next)
    {
        SetSecurityHeaders(context.Response.Headers);
        return next();
    }

    /// <summary>The headers every response carries; also set again by an exception handler, which clears the response first.</summary>
    internal static void SetSecurityHeaders(IHeaderDictionary headers)
    {
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        // The pages use no script and no third-party resource; the policy keeps it that way.
        headers.ContentSecurityPolicy = "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'";
    }
}
