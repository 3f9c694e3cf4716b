using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Prometheus;
using Vigil.Core.Storage;
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
    /// <summary>
    /// Builds the server for <c>vigil serve</c>; refuses, while no API key is set, any address Kestrel would bind beyond
    /// loopback, whether given as a URL or in the <c>Kestrel:Endpoints</c> configuration.
    /// </summary>
    public static WebApplication Create(ServerOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        if (options.ApiKeys.Count == 0
            && LoopbackGuard.FirstExposed([.. options.Urls, .. LoopbackGuard.ConfiguredEndpoints(builder.Configuration)]) is { } exposed)
        {
            throw LoopbackGuard.Refusal(exposed);
        }
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
    /// Starts the server and returns the addresses it listens on. Without an API key it then checks those addresses, and
    /// stops and refuses if any is beyond loopback: a setting the checks before the start did not foresee fails closed.
    /// </summary>
    public static async Task<IReadOnlyList<string>> StartAsync(WebApplication app, CancellationToken cancellationToken)
    {
        await app.StartAsync(cancellationToken);
        var bound = LoopbackGuard.Bound(app.Services.GetRequiredService<IServer>());
        if (!app.Services.GetRequiredService<ApiKeys>().Required && LoopbackGuard.FirstExposed(bound) is { } exposed)
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
        services.AddSingleton<ScreeningIndexHost>();
        services.AddSingleton<ServerMetrics>();
        services.AddSingleton<IndexRefresher>();
        services.AddHostedService(sp => sp.GetRequiredService<IndexRefresher>());
        services.AddHostedService<ListUpdateService>();
        services.AddHostedService<MonitoringService>();
        services.AddHostedService<BatchWorkerService>();
        services.AddSingleton<AuditKeyHolder>();
        services.AddHostedService<CheckpointService>();
        // The updater applies its own per-download timeout and retries; the client must not cut a large list short.
        services.AddHttpClient(nameof(ListUpdateService), c =>
        {
            c.Timeout = Timeout.InfiniteTimeSpan;
            c.DefaultRequestHeaders.UserAgent.ParseAdd("Vigil/1.0 (+sanctions screening)");
        });
        services.AddProblemDetails();
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
            o.Limits.MaxRequestLineSize = 16 * 1024;
            o.AddServerHeader = false;
        });
        services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o => o.ValueLengthLimit = (int)ServerDefaults.MaxRequestBodyBytes);
    }

    public static void Configure(IApplicationBuilder app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(SecurityHeaders);
        app.UseRouting();
        var metrics = app.ApplicationServices.GetRequiredService<ServerMetrics>();
        app.UseHttpMetrics(o => o.SetMetricFactory(Metrics.WithCustomRegistry(metrics.Registry)));
        app.UseMiddleware<ApiKeyMiddleware>();
        app.UseEndpoints(endpoints =>
        {
            endpoints.MapMetrics("/metrics", metrics.Registry);
            endpoints.MapOpenApi("/openapi/{documentName}.json");
            endpoints.MapHealthApi();
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
            endpoints.MapAuditApi();
            endpoints.MapWebPages();
        });
    }

    private static Task SecurityHeaders(HttpContext context, Func<Task> next)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        // The pages use no script and no third-party resource; the policy keeps it that way.
        headers.ContentSecurityPolicy = "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'";
        return next();
    }
}
