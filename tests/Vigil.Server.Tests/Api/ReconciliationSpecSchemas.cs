using System.Text.Json;
using Json.Schema;
using Vigil.Tests;

namespace Vigil.Server.Tests.Api;

/// <summary>
/// The W3C Reconciliation Service API 0.2 JSON schemas, as published by the Entity Reconciliation Community Group
/// (copied unchanged under ReconciliationSpec/, with their licence), and which of them a response must satisfy.
/// </summary>
public static class ReconciliationSpecSchemas
{
    public static readonly string Folder = Path.Combine(TestData.RepositoryRoot, "tests", "Vigil.Server.Tests", "Api", "ReconciliationSpec");

    private static readonly Lazy<Dictionary<string, JsonSchema>> Schemas = new(Load);

    public static JsonSchema Manifest => Schemas.Value["manifest"];

    public static JsonSchema QueryBatch => Schemas.Value["reconciliation-query-batch"];

    public static JsonSchema ResultBatch => Schemas.Value["reconciliation-result-batch"];

    public static JsonSchema DataExtensionResponse => Schemas.Value["data-extension-response"];

    /// <summary>The schema a reconciliation response must satisfy, by what was asked; null for answers the spec gives none (preview HTML, property proposals).</summary>
    public static JsonSchema? For(string method, string pathAndQuery, string? formField)
    {
        var path = pathAndQuery.Split('?')[0].TrimEnd('/');
        var query = pathAndQuery.Contains('?', StringComparison.Ordinal) ? pathAndQuery[(pathAndQuery.IndexOf('?', StringComparison.Ordinal) + 1)..] : "";
        if (!path.StartsWith("/reconcile", StringComparison.Ordinal) || path.EndsWith("/preview", StringComparison.Ordinal) || path.EndsWith("/extend/property", StringComparison.Ordinal))
        {
            return null;
        }
        if (path.EndsWith("/suggest/entity", StringComparison.Ordinal))
        {
            return Schemas.Value["suggest-entities-response"];
        }
        if (path.EndsWith("/suggest/type", StringComparison.Ordinal))
        {
            return Schemas.Value["suggest-types-response"];
        }
        if (path.EndsWith("/suggest/property", StringComparison.Ordinal))
        {
            return Schemas.Value["suggest-properties-response"];
        }
        var field = method == "POST" ? formField
            : query.Split('&').Select(p => p.Split('=')[0]).FirstOrDefault(p => p is "queries" or "extend");
        return field switch
        {
            "queries" => ResultBatch,
            "extend" => DataExtensionResponse,
            _ => Manifest,
        };
    }

    /// <summary>Fails with every error the schema finds, each at its place in the instance.</summary>
    public static void AssertValid(JsonSchema schema, JsonElement instance, string what)
    {
        var result = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = result.Details?
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.SchemaLocation}): {e.Key}: {e.Value}"))
            .ToList() ?? [];
        Assert.True(result.IsValid, $"{what} does not satisfy {schema.BaseUri}:\n{string.Join('\n', errors)}\n{instance}");
    }

    private static Dictionary<string, JsonSchema> Load()
    {
        // The spec's schemas name the loose "http://json-schema.org/schema#" (whatever draft is current); their
        // keywords (contains, definitions) are draft 7's, so that name is read as draft 7. Each schema is registered
        // under its own $id, so type.json resolves from the others.
        var dialects = new DialectRegistry();
        dialects.Register(Dialect.Draft07.With([], new Uri("http://json-schema.org/schema#")));
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry(), DialectRegistry = dialects, Dialect = Dialect.Draft07 };
        var schemas = new Dictionary<string, JsonSchema>(StringComparer.Ordinal);
        foreach (var name in (string[])["type", "manifest", "reconciliation-query-batch", "reconciliation-result-batch", "suggest-entities-response",
                     "suggest-properties-response", "suggest-types-response", "data-extension-query", "data-extension-response"])
        {
            schemas[name] = JsonSchema.FromFile(Path.Combine(Folder, "schemas", name + ".json"), options);
        }
        return schemas;
    }
}
