using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Tests;

namespace Vigil.Server.Tests.Api;

/// <summary>
/// The OpenAPI document the server serves is the one committed at docs/openapi.json, so an API change shows in review.
/// Run with VIGIL_UPDATE_OPENAPI=1 to rewrite the committed file after a deliberate change.
/// </summary>
public sealed class OpenApiDocumentTests(SqliteVigilApp app)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public async Task The_served_document_matches_the_committed_one()
    {
        var served = await app.ClientForTest().GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), TestContext.Current.CancellationToken);
        var normalized = JsonNode.Parse(served)!.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";
        var committed = Path.Combine(TestData.RepositoryRoot, "docs", "openapi.json");

        if (Environment.GetEnvironmentVariable("VIGIL_UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(committed, normalized, TestContext.Current.CancellationToken);
        }

        Assert.True(File.Exists(committed), "docs/openapi.json is missing: run the tests once with VIGIL_UPDATE_OPENAPI=1");
        Assert.Equal(await File.ReadAllTextAsync(committed, TestContext.Current.CancellationToken), normalized);
    }

    [Fact]
    public async Task The_document_describes_matching_search_entities_and_lists()
    {
        var served = await app.ClientForTest().GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), TestContext.Current.CancellationToken);
        var paths = JsonNode.Parse(served)!["paths"]!.AsObject().Select(p => p.Key).ToList();

        Assert.Contains("/match/{dataset}", paths);
        Assert.Contains("/search", paths);
        Assert.Contains("/entities/{id}", paths);
        Assert.Contains("/lists/{source}/diff", paths);
        Assert.Contains("/readyz", paths);
    }

    [Fact]
    public async Task The_document_describes_metrics_sign_in_keys_a_relative_server_and_every_route_parameter()
    {
        var served = await app.ClientForTest().GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), TestContext.Current.CancellationToken);
        var document = JsonNode.Parse(served)!;
        var paths = document["paths"]!.AsObject();

        Assert.NotNull(paths["/metrics"]?["get"]);
        Assert.NotNull(paths["/login"]?["get"]);
        Assert.NotNull(paths["/login"]?["post"]);
        Assert.NotNull(paths["/logout"]?["post"]);
        Assert.Equal("/", document["servers"]![0]!["url"]!.GetValue<string>());
        var schemes = document["components"]!["securitySchemes"]!.AsObject();
        Assert.Equal("api_key", schemes["apiKeyQuery"]!["name"]!.GetValue<string>());
        Assert.Equal("bearer", schemes["bearer"]!["scheme"]!.GetValue<string>());
        Assert.Equal(3, document["security"]!.AsArray().Count);
        // Open without a key, as ApiKeyMiddleware lets them through.
        Assert.Empty(paths["/healthz"]!["get"]!["security"]!.AsArray());
        Assert.Empty(paths["/metrics"]!["get"]!["security"]!.AsArray());
        foreach (var (path, item) in paths.Where(p => p.Key.Contains('{', StringComparison.Ordinal)))
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var declared = operation!["parameters"]?.AsArray().Where(p => p!["in"]!.GetValue<string>() == "path").Select(p => p!["name"]!.GetValue<string>()).ToList() ?? [];
                Assert.True(path.Split('{').Skip(1).All(part => declared.Contains(part[..part.IndexOf('}', StringComparison.Ordinal)])), $"{method} {path} leaves a path parameter undeclared");
            }
        }
    }
}
