using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Vigil.Server.Tests.Api;

/// <summary>
/// The OpenAPI document is held to what the server answers: every operation it lists is called (with the samples
/// below where it needs a body or a value, else as it stands), and each answer's status, media type and JSON body must
/// be the ones the document declares for that operation. Operations added later are called the same way.
/// </summary>
public sealed partial class OpenApiResponseTests(SqliteVigilApp app)
{
    private const string Khalimov = "un-sc:QDi.372";

    /// <summary>Values for path parameters, by name.</summary>
    private static readonly Dictionary<string, string> PathValues = new(StringComparer.Ordinal)
    {
        ["dataset"] = "un-sc",
        ["id"] = Khalimov,
        ["source"] = "un-sc",
    };

    /// <summary>Requests for operations that need more than their path: the path and query to call, and a body.</summary>
    private static readonly Dictionary<string, (string Path, HttpContent? Body)[]> Samples = new(StringComparer.Ordinal)
    {
        ["POST /match/{dataset}"] =
        [
            ("/match/default", Json("""{"queries": {"q1": {"schema": "Person", "properties": {"name": ["Gulmurod Khalimov"], "birthDate": ["1975-05-14"]}}}}""")),
            ("/match/default", Json("""{"queries": {}}""")),
            ("/match/default?record=true", Json("""{"queries": {"q1": {"schema": "Person", "properties": {"name": ["Gulmurod Khalimov"]}}}}""")),
            ("/match/no-such-list", Json("""{"queries": {"q1": {"schema": "Person", "properties": {"name": ["Khalimov"]}}}}""")),
        ],
        ["GET /alerts"] = [("/alerts", null), ("/alerts?status=all&kind=re_review&limit=5", null), ("/alerts?status=bogus", null)],
        ["GET /alerts/{id}"] = [("/alerts/999999", null), ("/alerts/x", null)],
        ["POST /alerts/{id}/decision"] =
        [
            ("/alerts/999999/decision", Json("""{"outcome": "false_positive", "reason": "dob_differs", "note": "Born 1991."}""")),
            ("/alerts/999999/decision", Json("""{"outcome": "maybe", "reason": "dob_differs", "note": "n"}""")),
        ],
        ["POST /alerts/{id}/comments"] = [("/alerts/999999/comments", Json("""{"text": "Asked the branch."}""")), ("/alerts/1/comments", Json("{}"))],
        ["POST /alerts/{id}/assign"] = [("/alerts/999999/assign", Json("""{"assignee": "ann"}""")), ("/alerts/1/assign", Json("{}"))],
        ["GET /decisions/{id}"] = [("/decisions/999999", null), ("/decisions/x", null)],
        ["POST /decisions/{id}/revoke"] = [("/decisions/999999/revoke", Json("""{"reason": "New evidence."}""")), ("/decisions/1/revoke", Json("{}"))],
        ["POST /decisions/{id}/approve"] = [("/decisions/999999/approve", null), ("/decisions/x/approve", null)],
        ["POST /decisions/{id}/reject"] = [("/decisions/999999/reject", Json("""{"reason": "The birth date is the listed one."}""")), ("/decisions/1/reject", Json("{}"))],
        // Only refusals: a key or user made here would make the shared keyless server ask every later test for a key.
        ["POST /keys"] = [("/keys", Json("{}")), ("/keys", Json("""{"name": "gateway", "role": "boss"}"""))],
        ["POST /keys/{id}/revoke"] = [("/keys/999999/revoke", null)],
        ["POST /users"] = [("/users", Json("{}")), ("/users", Json("""{"login": "ann", "role": "analyst", "password": "short"}"""))],
        ["POST /users/{login}/disable"] = [("/users/nobody/disable", null)],
        // Webhook 1 is the one posted first; its receiver address refuses connections, so its test answers a failed attempt.
        ["POST /webhooks"] =
        [
            ("/webhooks", Json("""{"url": "http://127.0.0.1:9/hooks/vigil", "events": ["alert.created"]}""")),
            ("/webhooks", Json("{}")),
            ("/webhooks", Json("""{"url": "http://127.0.0.1:9/hooks/vigil", "events": ["alert.deleted"]}""")),
        ],
        ["POST /webhooks/{id}/remove"] = [("/webhooks/999999/remove", null)],
        ["POST /webhooks/{id}/test"] = [("/webhooks/1/test", null), ("/webhooks/999999/test", null)],
        ["GET /webhooks/{id}/deliveries"] = [("/webhooks/1/deliveries", null), ("/webhooks/999999/deliveries", null), ("/webhooks/1/deliveries?limit=0", null)],
        // The test records a match before it calls anything, so screening 1 exists.
        ["GET /screenings/{id}"] = [("/screenings/1", null), ("/screenings/987654321", null), ("/screenings/abc", null)],
        ["GET /search"] = [("/search?q=Khalimov", null), ("/search", null)],
        ["GET /search/{dataset}"] = [("/search/un-sc?q=Khalimov", null), ("/search/no-such-list?q=Khalimov", null)],
        ["GET /entities/{id}"] = [($"/entities/{Khalimov}", null), ("/entities/un-sc:nobody", null), ($"/entities/{Khalimov}?as_of=soon", null)],
        ["GET /lists/{source}/diff"] = [("/lists/un-sc/diff", null), ("/lists/no-such-list/diff", null)],
        ["GET /reconcile"] =
        [
            ("/reconcile", null),
            ("/reconcile?queries=" + Uri.EscapeDataString("""{"q0": {"query": "Gulmurod Khalimov", "type": "DifferentiatedPerson"}}"""), null),
            ("/reconcile?extend=" + Uri.EscapeDataString($$"""{"ids": ["{{Khalimov}}"], "properties": [{"id": "birthDate"}]}"""), null),
            ("/reconcile?queries=%7B", null),
        ],
        ["POST /reconcile"] =
        [
            ("/reconcile", Form("queries", """{"q0": {"query": "Gulmurod Khalimov"}, "q1": {"properties": [{"pid": "affiliation", "v": "x"}]}}""")),
            ("/reconcile", Form("extend", $$"""{"ids": ["{{Khalimov}}"], "properties": [{"id": "nationality"}]}""")),
            ("/reconcile", Form("queries", "[]")),
        ],
        ["GET /reconcile/{dataset}"] = [("/reconcile/un-sc", null), ("/reconcile/no-such-list", null)],
        ["POST /reconcile/{dataset}"] = [("/reconcile/un-sc", Form("queries", """{"q0": {"query": "Gulmurod Khalimov"}}"""))],
        ["GET /reconcile/preview"] = [($"/reconcile/preview?id={Khalimov}", null), ("/reconcile/preview?id=un-sc:nobody", null)],
        ["GET /reconcile/suggest/entity"] = [("/reconcile/suggest/entity?prefix=khalim", null), ("/reconcile/suggest/entity?prefix=", null)],
        ["GET /reconcile/extend/property"] = [("/reconcile/extend/property?type=Vessel", null), ("/reconcile/extend/property", null)],
        ["GET /reconcile/{dataset}/extend/property"] = [("/reconcile/un-sc/extend/property?type=Person", null)],
        ["POST /jobs"] =
        [
            ("/jobs?profile=kyc", Csv("id,name,dob\no1,Gulmurod Khalimov,1975-05-14\no2,Anna Schmidt,\n")),
            ("/jobs", Csv("who,what\na,b\n")),
            ("/jobs?profile=lenient", Csv("id,name\no1,x\n")),
        ],
        // Job 1 is the first one posted above (the document lists /jobs before /jobs/{id}); 987654321 is none.
        ["GET /audit"] = [("/audit?limit=5", null), ("/audit?kind=bogus", null), ("/audit?from=soon", null)],
        ["GET /audit/export"] = [("/audit/export?format=csv", null), ("/audit/export?format=pdf", null)],
        ["GET /evidence/subjects/{reference}"] = [("/evidence/subjects/nobody?at=2025-01-01", null), ("/evidence/subjects/nobody?at=soon", null)],
        ["GET /jobs/{id}"] = [("/jobs/1", null), ("/jobs/987654321", null)],
        ["GET /jobs/{id}/results"] = [("/jobs/987654321/results", null), ("/jobs/1/results?format=pdf", null)],
        ["DELETE /jobs/{id}"] = [("/jobs/987654321", null)],
    };

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_answer_has_the_status_media_type_and_schema_the_document_declares()
    {
        // Redirects are answers too (sign-in), so they are not followed.
        using var client = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var document = JsonNode.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), Cancel))!.AsObject();
        var definitions = document["components"]?["schemas"]?.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal) ?? "{}";
        var failures = new List<string>();
        var calls = 0;
        using (var query = Json("""{"queries": {"q1": {"schema": "Person", "properties": {"name": ["Gulmurod Khalimov"]}}}}"""))
        using (var recorded = await client.PostAsync(new Uri("/match/default?record=true", UriKind.Relative), query, Cancel))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, recorded.StatusCode);
        }

        foreach (var (template, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject().Where(o => o.Key is "get" or "post" or "put" or "patch" or "delete"))
            {
                var key = $"{method.ToUpperInvariant()} {template}";
                var requests = Samples.TryGetValue(key, out var samples)
                    ? samples
                    : [(PathParameter().Replace(template, m => Uri.EscapeDataString(PathValues.GetValueOrDefault(m.Groups[1].Value, "x"))), null)];
                foreach (var (path, body) in requests)
                {
                    using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), new Uri(path, UriKind.Relative)) { Content = body };
                    using var response = await client.SendAsync(request, Cancel);
                    calls++;
                    if (Check(operation!, response, await response.Content.ReadAsStringAsync(Cancel), definitions) is { } failure)
                    {
                        failures.Add($"{method.ToUpperInvariant()} {path} ({key}): {failure}");
                    }
                }
            }
        }

        Assert.True(calls >= document["paths"]!.AsObject().Count, $"only {calls} calls");
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    /// <summary>What in an answer the operation does not declare; null when everything is declared.</summary>
    private static string? Check(JsonNode operation, HttpResponseMessage response, string body, string definitions)
    {
        var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var declared = operation["responses"]?[status] ?? operation["responses"]?["default"];
        if (declared is null)
        {
            return $"status {status} is not declared (declared: {string.Join(", ", operation["responses"]!.AsObject().Select(r => r.Key))}); body: {Cut(body)}";
        }
        var content = declared["content"]?.AsObject();
        if (content is null || content.Count == 0)
        {
            return body.Length == 0 ? null : $"status {status} declares no body but one came: {Cut(body)}";
        }
        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
        if (!content.TryGetPropertyValue(mediaType, out var media))
        {
            return $"status {status} answered {mediaType}, declared {string.Join(", ", content.Select(c => c.Key))}";
        }
        if (media?["schema"] is not { } schemaNode || !mediaType.EndsWith("json", StringComparison.Ordinal))
        {
            return null;
        }
        var text = schemaNode.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
        var schemaText = $$"""{"$schema": "https://json-schema.org/draft/2020-12/schema", "$defs": {{definitions}}, "allOf": [{{text}}]}""";
        var schema = JsonSchema.FromText(schemaText, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        var result = schema.Evaluate(JsonDocument.Parse(body).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return null;
        }
        var errors = result.Details?.Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")) ?? [];
        return $"status {status} body does not satisfy the declared schema:\n{string.Join('\n', errors.Take(10))}\n{Cut(body)}";
    }

    private static string Cut(string text) => text.Length > 600 ? text[..600] + "..." : text;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static StringContent Csv(string csv) => new(csv, Encoding.UTF8, "text/csv");

    private static FormUrlEncodedContent Form(string field, string json) => new([new(field, json)]);

    [GeneratedRegex(@"\{([^}:?]+)[^}]*\}")]
    private static partial Regex PathParameter();
}
