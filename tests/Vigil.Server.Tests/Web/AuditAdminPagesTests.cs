using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Access;
using Vigil.Core.Storage;
using Vigil.Server.Tests.Api;
using Vigil.Tests.Parts;

namespace Vigil.Server.Tests.Web;

/// <summary>
/// <c>/audit</c> and <c>/admin</c> over HTTP, with a key per role: who may open them, the audit search and its bad
/// input, verification from the page, and the admin forms, each change audited under the administrator's name.
/// </summary>
public abstract partial class AuditAdminPagesTests<TApp>(TApp app) where TApp : AccessVigilApp
{
    private readonly HttpClient _client = app.ClientForTest();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<(HttpStatusCode Status, string Body)> Page(Role role, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", app.Keys[role]);
        using var response = await _client.SendAsync(request, Cancel);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Cancel));
    }

    /// <summary>Posts a form as a browser on this site does (or, with <paramref name="site"/>, as another site's page would); redirects are not followed.</summary>
    private async Task<(HttpStatusCode Status, string Body, string? Location)> Post(Role role, string path, IEnumerable<KeyValuePair<string, string>> fields, string site = "same-origin")
    {
        using var client = app.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", app.Keys[role]);
        request.Headers.Add("Sec-Fetch-Site", site);
        using var response = await client.SendAsync(request, Cancel);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Cancel), response.Headers.Location?.OriginalString);
    }

    private async Task<(string Reference, long Alert)> NewAlert()
    {
        var reference = "pg-" + Guid.NewGuid().ToString("N")[..8];
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri("/subjects/" + reference, UriKind.Relative))
        {
            Content = new StringContent("""{"names": ["Halimov Gulmurod"], "birthDates": ["1975-05-14"]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", app.Keys[Role.Service]);
        using var response = await _client.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (reference, JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("alerts")[0].GetInt64());
    }

    [GeneratedRegex("<tr id=\"entry-(\\d+)\" data-kind=\"([a-z_]+)\"")]
    private static partial Regex EntryRow();

    [Theory]
    [InlineData(Role.Viewer, "/audit", HttpStatusCode.OK)]
    [InlineData(Role.Reviewer, "/audit", HttpStatusCode.OK)]
    [InlineData(Role.Analyst, "/audit", HttpStatusCode.Forbidden)]
    [InlineData(Role.Service, "/audit", HttpStatusCode.Forbidden)]
    [InlineData(Role.Admin, "/admin", HttpStatusCode.OK)]
    [InlineData(Role.Reviewer, "/admin", HttpStatusCode.Forbidden)]
    [InlineData(Role.Analyst, "/admin", HttpStatusCode.Forbidden)]
    public async Task The_audit_and_admin_pages_open_to_the_roles_the_role_table_names(Role role, string path, HttpStatusCode expected)
    {
        var (status, body) = await Page(role, path);

        Assert.Equal(expected, status);
        Assert.Contains(expected == HttpStatusCode.OK ? "<h1>" : "<h1>Not permitted</h1>", body, StringComparison.Ordinal);
        Html.AssertNoInlineCode(body);
    }

    [Fact]
    public async Task The_audit_page_finds_an_alerts_entries_by_kind_and_alert_and_reads_bad_input_back_as_400()
    {
        var (reference, alert) = await NewAlert();

        var (_, bySubject) = await Page(Role.Viewer, $"/audit?subject={reference}");
        var (_, byAlert) = await Page(Role.Viewer, $"/audit?alert={alert}");
        var (_, byKind) = await Page(Role.Viewer, $"/audit?kind=alert_created&alert={alert}&from=2020-01-01&to=2099-12-31");
        var (_, none) = await Page(Role.Viewer, $"/audit?kind=alert_created&alert={alert}&actor=nobody");
        var (badKind, badKindBody) = await Page(Role.Viewer, "/audit?kind=alert_deleted");
        var (badDate, badDateBody) = await Page(Role.Viewer, "/audit?from=2027-13-01&alert=x");

        Assert.Equal(["subject_created", "alert_created"], EntryRow().Matches(bySubject).Select(m => m.Groups[2].Value));
        Assert.Equal(["alert_created"], EntryRow().Matches(byAlert).Select(m => m.Groups[2].Value));
        Assert.Equal(["alert_created"], EntryRow().Matches(byKind).Select(m => m.Groups[2].Value));
        Assert.Contains("service-key", Html.Element(byKind, "audit-entries"), StringComparison.Ordinal);
        Assert.Contains("id=\"no-entries\"", none, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badKind);
        Assert.Contains("'alert_deleted' is not one of", WebUtility.HtmlDecode(Html.Element(badKindBody, "kind-error")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badDate);
        Assert.Contains("'2027-13-01' is not a date", WebUtility.HtmlDecode(Html.Element(badDateBody, "from-error")), StringComparison.Ordinal);
        Assert.Contains("Alert: give an alert number", Html.Element(badDateBody, "alert-error"), StringComparison.Ordinal);
        Assert.Contains("/audit/export?from=2020-01-01&amp;to=2099-12-31&amp;format=csv", byKind, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verifying_from_the_audit_page_shows_the_result_and_another_sites_post_is_refused()
    {
        var (refused, refusal, _) = await Post(Role.Viewer, "/audit/verify", [], site: "cross-site");
        var (posted, _, location) = await Post(Role.Viewer, "/audit/verify", []);
        var (_, page) = await Page(Role.Reviewer, "/audit");

        Assert.Equal(HttpStatusCode.Forbidden, refused);
        Assert.Contains("Form refused", refusal, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Redirect, "/audit#verification"), (posted, location));
        var result = Regex.Replace(WebUtility.HtmlDecode(Html.Element(page, "verification-result")), @"\s+", " ");
        if (app.Factory.Services.GetRequiredService<VigilStore>().Kind == StoreKind.Sqlite)
        {
            Assert.Contains("data-result=\"verified\"", result, StringComparison.Ordinal);
            Assert.Matches(@"Verified:</strong> [\d,]+ entries, root <code class=""hash"">[A-Za-z0-9+/=]{44}</code>", result);
            Assert.Contains("By viewer-key", result, StringComparison.Ordinal);
        }
        else
        {
            // A PostgreSQL store has no default place for the signing key, and this server was given none.
            Assert.Contains("data-result=\"unfinished\"", result, StringComparison.Ordinal);
            Assert.Contains("No audit signing key", result, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_admin_adds_and_disables_a_user_makes_and_revokes_a_key_through_the_forms_and_the_audit_names_the_admin()
    {
        var login = "p" + Guid.NewGuid().ToString("N")[..6];
        var name = "feed-" + login;

        var (added, _, addedAt) = await Post(Role.Admin, "/admin/users", [new("login", login), new("role", "viewer"), new("password", "long enough password")]);
        var (shortPassword, shortBody, _) = await Post(Role.Admin, "/admin/users", [new("login", login + "x"), new("role", "viewer"), new("password", "short")]);
        var (crossSite, _, _) = await Post(Role.Admin, "/admin/users", [new("login", login + "y"), new("role", "viewer"), new("password", "long enough password")], site: "cross-site");
        var (made, madeBody, _) = await Post(Role.Admin, "/admin/keys", [new("name", name), new("role", "viewer")]);
        var key = Html.Element(madeBody, "created-key-value")[(Html.Element(madeBody, "created-key-value").IndexOf('>') + 1)..^"</code>".Length];
        var keyId = Regex.Match(madeBody, $"<tr id=\"key-(\\d+)\" data-state=\"in-use\">\\s*<th scope=\"row\" class=\"num\">\\d+</th>\\s*<td>{name}</td>").Groups[1].Value;
        var withKey = await Lists(key);
        var (revoked, _, _) = await Post(Role.Admin, $"/admin/keys/{keyId}/revoke", []);
        var afterRevoke = await Lists(key);
        var (disabled, _, _) = await Post(Role.Admin, $"/admin/users/{login}/disable", []);
        var (again, _, _) = await Post(Role.Admin, $"/admin/users/{login}/disable", []);
        var (_, admin) = await Page(Role.Admin, "/admin");
        var (_, audit) = await Page(Role.Viewer, "/audit?actor=admin-key");

        Assert.Equal((HttpStatusCode.Redirect, "/admin#users"), (added, addedAt));
        Assert.Equal(HttpStatusCode.BadRequest, shortPassword);
        Assert.Contains("12", Html.Element(shortBody, "user-error"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, crossSite);
        Assert.Equal(HttpStatusCode.OK, made);
        Assert.StartsWith("vk_", key, StringComparison.Ordinal);
        Assert.NotEmpty(keyId);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Unauthorized), (withKey, afterRevoke));
        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.NotFound), (revoked, again));
        Assert.Equal(HttpStatusCode.Redirect, disabled);
        Assert.Contains("data-state=\"disabled\"", Html.Element(admin, $"user-{login}"), StringComparison.Ordinal);
        Assert.Contains("data-state=\"revoked\"", Html.Element(admin, $"key-{keyId}"), StringComparison.Ordinal);
        Assert.DoesNotContain(key, admin, StringComparison.Ordinal);
        Assert.DoesNotContain(login + "y", admin, StringComparison.Ordinal);
        var kinds = EntryRow().Matches(audit).Select(m => m.Groups[2].Value).ToList();
        Assert.Contains("user_created", kinds);
        Assert.Contains("key_created", kinds);
        Assert.Contains("key_revoked", kinds);
        Assert.Contains("user_revoked", kinds);
    }

    [Fact]
    public async Task An_admin_adds_a_webhook_sees_its_secret_once_sends_a_test_reads_the_log_and_removes_it()
    {
        using var receiver = new Vigil.Tests.Webhooks.WebhookReceiver(202);
        var description = "cases-" + Guid.NewGuid().ToString("N")[..6];

        var (unknown, unknownBody, _) = await Post(Role.Admin, "/admin/webhooks", [new("url", receiver.Url)]);
        var (made, madeBody, _) = await Post(Role.Admin, "/admin/webhooks", [new("url", receiver.Url), new("events", "alert.created"), new("events", "decision.approved"), new("description", description)]);
        var secret = Html.Element(madeBody, "created-webhook-secret")[(Html.Element(madeBody, "created-webhook-secret").IndexOf('>') + 1)..^"</code>".Length];
        var id = Regex.Match(madeBody, $"<article class=\"webhook\" id=\"webhook-(\\d+)\" data-state=\"in-use\">\\s*<h3><span class=\"mono\">[^<]+</span> — {description}</h3>").Groups[1].Value;
        var (tested, _, testedAt) = await Post(Role.Admin, $"/admin/webhooks/{id}/test", []);
        var (_, afterTest) = await Page(Role.Admin, "/admin");
        var (analystTest, _, _) = await Post(Role.Analyst, $"/admin/webhooks/{id}/test", []);
        var (removed, _, _) = await Post(Role.Admin, $"/admin/webhooks/{id}/remove", []);
        var (again, _, _) = await Post(Role.Admin, $"/admin/webhooks/{id}/remove", []);
        var (_, afterRemove) = await Page(Role.Admin, "/admin");

        Assert.Equal(HttpStatusCode.BadRequest, unknown);
        Assert.Contains("events:", Html.Element(unknownBody, "webhook-error"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, made);
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.NotEmpty(id);
        Assert.Equal((HttpStatusCode.Redirect, $"/admin#webhook-{id}"), (tested, testedAt));
        var request = Assert.Single(receiver.Requests);
        Assert.Contains("\"type\":\"webhook.test\"", request.Body, StringComparison.Ordinal);
        var section = Html.Element(afterTest, $"webhook-{id}");
        Assert.Contains("alert.created, decision.approved", section, StringComparison.Ordinal);
        Assert.Contains("<tr data-state=\"delivered\">", section, StringComparison.Ordinal);
        Assert.Contains("HTTP 202", section, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, afterTest, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, analystTest);
        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.NotFound), (removed, again));
        Assert.Contains("data-state=\"removed\"", Html.Element(afterRemove, $"webhook-{id}"), StringComparison.Ordinal);
    }

    private async Task<HttpStatusCode> Lists(string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/lists", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await _client.SendAsync(request, Cancel);
        return response.StatusCode;
    }
}

public sealed class SqliteAuditAdminPagesTests(SqliteAccessVigilApp app) : AuditAdminPagesTests<SqliteAccessVigilApp>(app), IClassFixture<SqliteAccessVigilApp>;

[Needs(SystemPart.PostgreSql)]
public sealed class PostgresAuditAdminPagesTests(PostgresAccessVigilApp app) : AuditAdminPagesTests<PostgresAccessVigilApp>(app), IClassFixture<PostgresAccessVigilApp>;
