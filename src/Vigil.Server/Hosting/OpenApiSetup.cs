using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Vigil.Core.Access;
using Vigil.Core.Workflow;

namespace Vigil.Server.Hosting;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c> (committed as docs/openapi.json, linted in CI): what the
/// endpoints declare, plus what only the host knows: how a key is presented and which paths need none, and the
/// path parameters read from the route rather than bound to a handler argument.
/// </summary>
public static partial class OpenApiSetup
{
    private const string BearerScheme = "bearer";
    private const string QueryKeyScheme = "apiKeyQuery";
    private const string CookieScheme = "signInCookie";

    /// <summary>What a path parameter read from the route holds, for the parameters no handler argument describes.</summary>
    private static readonly Dictionary<string, string> PathParameters = new(StringComparer.Ordinal)
    {
        ["dataset"] = "A source such as un-sc or us-ofac-sdn; default (or all, sanctions) for every list",
    };

    public static IServiceCollection AddVigilOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", o => o.AddOperationTransformer((operation, context, _) =>
        {
            DeclareAccess(operation, context.Description.ActionDescriptor.EndpointMetadata);
            return Task.CompletedTask;
        }).AddDocumentTransformer((document, context, _) =>
        {
            // A relative server: the document stays the same whatever address a request came in on.
            document.Servers = [new OpenApiServer { Url = "/", Description = "The server this document is served by" }];
            document.Info = new()
            {
                Title = "Vigil",
                Version = "v1",
                Description = "Sanctions and watchlist screening: yente-compatible matching, search, entities with provenance, list snapshots and diffs, W3C reconciliation.",
            };
            DescribeMetrics(document, context.ApplicationServices.GetRequiredService<ServerOptions>().MetricsRequireKey);
            DeclareKeys(document);
            DeclareRouteParameters(document);
            return Task.CompletedTask;
        }));

    /// <summary>
    /// The ways <see cref="ApiKeys.Presented"/> takes a key (the <c>Authorization: ApiKey KEY</c> form yente clients
    /// use is the bearer scheme's header with another word), required everywhere except the open paths; when the
    /// server runs without keys, nothing is asked.
    /// </summary>
    private static void DeclareKeys(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal)
        {
            [BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "Authorization: Bearer KEY (or Authorization: ApiKey KEY), with a key from vigil keys create, VIGIL_API_KEYS or --keys-file",
            },
            [QueryKeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Query,
                Name = "api_key",
                Description = "?api_key=KEY, for clients that cannot set a header (OpenRefine)",
            },
            [CookieScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Cookie,
                Name = VigilAuthentication.SessionCookie,
                Description = "The session cookie POST /login sets for the web pages (a random session id; never a key or password)",
            },
        };
        document.Security = [.. new[] { BearerScheme, QueryKeyScheme, CookieScheme }.Select(s =>
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(s, document)] = [] })];
    }

    /// <summary>
    /// An operation open without a key says so (no security requirement); every other one says which roles may call it,
    /// from the same role table the server enforces.
    /// </summary>
    private static void DeclareAccess(OpenApiOperation operation, IList<object> metadata)
    {
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security = [];
            return;
        }
        var permission = AccessPolicies.Required(metadata);
        var roles = string.Join(", ", Enum.GetValues<Role>().Where(r => RolePermissions.Allows(r, permission)).Select(WorkflowNames.Name));
        var access = $"Roles allowed: {roles} (when the server asks for keys).";
        operation.Description = string.IsNullOrEmpty(operation.Description) ? access : operation.Description + " " + access;
    }

    /// <summary>
    /// <c>/metrics</c> is prometheus-net's own middleware endpoint, which carries no handler for the endpoint
    /// explorer to read: it is described here, open unless the server runs with <c>--metrics-requires-key</c>.
    /// </summary>
    private static void DescribeMetrics(OpenApiDocument document, bool requireKey)
    {
        document.Paths ??= [];
        document.Paths["/metrics"] = new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = new()
                {
                    Tags = new HashSet<OpenApiTagReference> { new("Operations", document) },
                    Summary = "Prometheus metrics: requests, index builds, list updates",
                    OperationId = "metrics",
                    Description = "Which lists are loaded and how old they are, index builds, list updates and request counts and durations per route; "
                        + "never a screened name or a result. Open without a key unless the server runs with --metrics-requires-key, "
                        + "which asks for a key or user allowed to screen.",
                    // Null: the document's own requirement (a key), as for every endpoint that asks for one.
                    Security = requireKey ? null : [],
                    Responses = new OpenApiResponses
                    {
                        ["200"] = new OpenApiResponse
                        {
                            Description = "Metrics in the Prometheus text exposition format",
                            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
                            {
                                ["text/plain"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                            },
                        },
                    },
                },
            },
        };
        document.Tags ??= new HashSet<OpenApiTag>();
        if (!document.Tags.Any(t => t.Name == "Operations"))
        {
            document.Tags.Add(new OpenApiTag { Name = "Operations" });
        }
    }

    private static void DeclareRouteParameters(OpenApiDocument document)
    {
        foreach (var (path, item) in document.Paths)
        {
            foreach (var name in RouteParameter().Matches(path).Select(m => m.Groups[1].Value))
            {
                foreach (var operation in (IEnumerable<OpenApiOperation>?)(IEnumerable<OpenApiOperation>?)item.Operations?.Values ?? [])
                {
                    operation.Parameters ??= [];
                    if (!operation.Parameters.Any(p => p.In == ParameterLocation.Path && p.Name == name))
                    {
                        operation.Parameters.Insert(0, new OpenApiParameter
                        {
                            Name = name,
                            In = ParameterLocation.Path,
                            Required = true,
                            Description = PathParameters.GetValueOrDefault(name),
                            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                        });
                    }
                }
            }
        }
    }

    [GeneratedRegex(@"\{([^}:?]+)[^}]*\}", RegexOptions.CultureInvariant)]
    private static partial Regex RouteParameter();
}
