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
}
