using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing;
using Vigil.Core.Access;
using Vigil.Core.Audit;
using Vigil.Core.Storage;
using Vigil.Core.Workflow;
using Vigil.Tests.Parts;
using Vigil.Tests.Storage;

namespace Vigil.Server.Tests.Api;

/// <summary>
/// The UN list, an analyst and a reviewer (as <c>vigil users add</c> makes them), a key for the customer system and
/// one for the auditor, the default four-eyes rule and an audit key of its own: the setup of the audit issue's test.
/// </summary>
public abstract class AuditScenarioVigilApp : UnOnlyVigilApp
{
    public const string Password = "correct horse battery";

    public string ServiceKey { get; private set; } = "";

    public string AuditorKey { get; private set; } = "";

    public string AuditKeyPath { get; } = StoreFactory.NewFilePath("audit-key", ".pem");

    protected override FourEyesPolicy FourEyes => FourEyesPolicy.Default;

    protected override string? AuditKey => AuditKeyPath;

    protected override async Task PrepareAsync(VigilStore store)
    {
        var cancel = TestContext.Current.CancellationToken;
        await store.AddUserAsync("ann", Role.Analyst, Password, "cli:admin", cancel);
        await store.AddUserAsync("rita", Role.Reviewer, Password, "cli:admin", cancel);
        ServiceKey = (await store.CreateKeyAsync("crm", Role.Service, "cli:admin", cancel)).Key;
        AuditorKey = (await store.CreateKeyAsync("examiner", Role.Viewer, "cli:admin", cancel)).Key;
    }
}

public sealed class SqliteAuditScenarioVigilApp : AuditScenarioVigilApp
{
    protected override StoreKind Kind => StoreKind.Sqlite;
}

[Needs(SystemPart.PostgreSql)]
public sealed class PostgresAuditScenarioVigilApp : AuditScenarioVigilApp
{
    protected override StoreKind Kind => StoreKind.Postgres;
}

/// <summary>
/// Issue 17's scenario end to end over HTTP, on each store: customers screened, an alert cleared by an analyst and
/// approved by a reviewer (each signed in with a password), the analyst reading the evidence of that customer and no
/// other, the customer's evidence bundle exported and verified
/// offline with only the public key, then one byte of one audit row changed in the database and named by the log's
/// verification.
/// </summary>
public abstract class AuditScenarioTests<TApp>(TApp app) where TApp : AuditScenarioVigilApp
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A client of one's own (its own sign-in cookie); the test skips when this variant has no server.</summary>
    private HttpClient NewClient()
    {
        Assert.SkipWhen(app.Unavailable, app.UnavailableReason);
        return app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
    }

    private static async Task SignIn(HttpClient client, string login)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/login", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent([new("login", login), new("password", AuditScenarioVigilApp.Password), new("next", "/alerts")]),
            Headers = { { "Sec-Fetch-Site", "same-origin" } },
        };
        using var response = await client.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> Send(HttpClient client, HttpMethod method, string path, string? json = null, string? key = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        using var response = await client.SendAsync(request, Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        return (response.StatusCode, text.Length == 0 || text[0] is not ('{' or '[') ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task An_alert_cleared_by_an_analyst_and_approved_by_a_reviewer_is_proven_offline_and_one_changed_byte_is_named()
    {
        var reference = "k-" + Guid.NewGuid().ToString("N")[..8];
        using var system = NewClient();
        var (screened, subjects) = await Send(system, HttpMethod.Post, "/subjects", $$"""
            {"subjects": [
              {"reference": "{{reference}}", "schema": "Person", "names": ["Halimov Gulmurod"], "birthDates": ["14.05.1975"]},
              {"reference": "{{reference}}-2", "schema": "Person", "names": ["Anna Schmidt"], "birthDates": ["1980"], "countries": ["DE"]}
            ]}
            """, app.ServiceKey);
        Assert.True(screened == HttpStatusCode.OK, subjects.ToString());

        using var ann = NewClient();
        await SignIn(ann, "ann");
        var (_, subject) = await Send(ann, HttpMethod.Get, "/subjects/" + reference);
        var alert = subject.GetProperty("alerts").EnumerateArray().Single().GetProperty("id").GetInt64();
        var (proposedStatus, proposed) = await Send(ann, HttpMethod.Post, $"/alerts/{alert}/decision",
            """{"outcome": "false_positive", "reason": "dob_differs", "note": "Our customer was born in 1991 in Germany."}""");
        var decision = proposed.GetProperty("id").GetInt64();
        var (selfApproval, _) = await Send(ann, HttpMethod.Post, $"/decisions/{decision}/approve");

        using var rita = NewClient();
        await SignIn(rita, "rita");
        var (approvedStatus, approved) = await Send(rita, HttpMethod.Post, $"/decisions/{decision}/approve");

        var (ownEvidence, _) = await Send(ann, HttpMethod.Get, $"/evidence/subjects/{reference}?at=2099-01-01");
        var (othersEvidence, refusal) = await Send(ann, HttpMethod.Get, $"/evidence/subjects/{reference}-2?at=2099-01-01");
        var (serviceEvidence, _) = await Send(system, HttpMethod.Get, $"/evidence/subjects/{reference}?at=2099-01-01", key: app.ServiceKey);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (ownEvidence, othersEvidence, serviceEvidence));
        Assert.Contains("whose alerts it worked on", refusal.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var examiner = NewClient();
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var (bundleStatus, bundleJson) = await Send(examiner, HttpMethod.Get, $"/evidence/subjects/{reference}?at={today}", key: app.AuditorKey);
        var bundle = bundleJson.Deserialize<EvidenceBundle>(EvidenceBundle.Json)!;
        var publicKeyPath = StoreFactory.NewFilePath("audit-public", ".pem");
        using (var privateKey = AuditSigningKey.LoadOrCreate(app.AuditKeyPath))
        {
            await File.WriteAllTextAsync(publicKeyPath, privateKey.PublicPem(), Cancel);
        }
        using var publicKey = AuditSigningKey.LoadPublic(publicKeyPath);
        var offline = EvidenceCheck.Verify(bundle, publicKey);
        var entries = bundle.Entries.Select(e => JsonDocument.Parse(e.Canonical).RootElement).ToList();
        var forged = bundle with { Entries = [.. bundle.Entries.Select(e => e.Payload is null ? e : e with { Payload = e.Payload.Replace("1991", "1992", StringComparison.Ordinal) })] };

        Assert.Equal(HttpStatusCode.Created, proposedStatus);
        Assert.Equal("proposed", proposed.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, selfApproval);
        Assert.Equal((HttpStatusCode.OK, "in_force", "rita"), (approvedStatus, approved.GetProperty("state").GetString(), approved.GetProperty("approvedBy").GetString()));
        Assert.Equal(HttpStatusCode.OK, bundleStatus);
        Assert.Null(offline);
        Assert.Contains(entries, e => e.GetProperty("kind").GetString() == "decision_proposed" && e.GetProperty("actor").GetString() == "ann");
        Assert.Contains(entries, e => e.GetProperty("kind").GetString() == "decision_approved" && e.GetProperty("actor").GetString() == "rita");
        Assert.Contains(entries, e => e.GetProperty("kind").GetString() == "screening_run_sealed");
        Assert.NotNull(EvidenceCheck.Verify(forged, publicKey));

        var store = VigilStore.Open(app.StoreSpec, StoreAccess.Existing);
        using var signing = AuditSigningKey.LoadOrCreate(app.AuditKeyPath);
        Assert.Null((await store.VerifyAuditAsync(signing, cancellationToken: Cancel)).Problem);
        var seq = entries.Single(e => e.GetProperty("kind").GetString() == "decision_proposed").GetProperty("seq").GetInt64();
        await using (var connection = store.Connect())
        {
            var trigger = store.Kind == StoreKind.Sqlite ? "DROP TRIGGER audit_log_refuse_update" : "DROP TRIGGER audit_log_refuse ON audit_log";
            await connection.ExecuteAsync(trigger);
            await connection.ExecuteAsync("UPDATE audit_log SET actor = 'anm' WHERE seq = @seq", new { seq });
        }
        var problem = (await store.VerifyAuditAsync(signing, cancellationToken: Cancel)).Problem;

        Assert.NotNull(problem);
        Assert.Equal(seq, problem.Sequence);
        Assert.Contains("edited", problem.Message, StringComparison.Ordinal);
    }
}

public sealed class SqliteAuditScenarioTests(SqliteAuditScenarioVigilApp app) : AuditScenarioTests<SqliteAuditScenarioVigilApp>(app), IClassFixture<SqliteAuditScenarioVigilApp>;

[Needs(SystemPart.PostgreSql)]
public sealed class PostgresAuditScenarioTests(PostgresAuditScenarioVigilApp app) : AuditScenarioTests<PostgresAuditScenarioVigilApp>(app), IClassFixture<PostgresAuditScenarioVigilApp>;
