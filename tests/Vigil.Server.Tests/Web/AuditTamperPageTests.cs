using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Dapper;
using Vigil.Core.Audit;
using Vigil.Core.Storage;
using Vigil.Server.Hosting;
using Vigil.Tests.Storage;

namespace Vigil.Server.Tests.Web;

/// <summary>An empty SQLite store with a short audit log, and a server over it asking for one operator key.</summary>
public sealed class TamperedAuditServer : IAsyncLifetime
{
    public const string Key = "audit-tamper-key-51c2";

    public VigilFactory Factory { get; private set; } = null!;

    public VigilStore Store { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var spec = StoreFactory.NewSpec(StoreKind.Sqlite);
        Store = VigilStore.Open(spec, StoreAccess.CreateIfMissing);
        await Store.AppendAuditAsync([.. Enumerable.Range(1, 5).Select(i => new AuditEvent(
            AuditEventKind.SubjectCreated, "alice", new Dictionary<string, object?> { ["n"] = i }, Subject: $"T-{i}"))], TestContext.Current.CancellationToken);
        Factory = new VigilFactory(new ServerOptions { Store = spec, ApiKeys = [Key] });
    }

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>The audit page names the entry someone with database access edited, as <c>vigil audit verify</c> does.</summary>
public sealed class AuditTamperPageTests(TamperedAuditServer server) : IClassFixture<TamperedAuditServer>
{
    [Fact]
    public async Task Verifying_from_the_page_names_the_entry_edited_in_the_database_and_links_to_it()
    {
        var cancel = TestContext.Current.CancellationToken;
        using (var connection = server.Store.Connect())
        {
            connection.Execute("DROP TRIGGER IF EXISTS audit_log_refuse_update; DROP TRIGGER IF EXISTS audit_log_refuse_delete;");
            connection.Execute("UPDATE audit_log SET actor = 'mallory' WHERE seq = 3");
        }
        using var client = server.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TamperedAuditServer.Key);
        using var verify = new HttpRequestMessage(HttpMethod.Post, new Uri("/audit/verify", UriKind.Relative)) { Content = new FormUrlEncodedContent([]) };
        verify.Headers.Add("Sec-Fetch-Site", "same-origin");
        using var posted = await client.SendAsync(verify, cancel);

        var (status, page) = await Html.Get(client, "/audit");

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, status);
        var result = Regex.Replace(WebUtility.HtmlDecode(Html.Element(page, "verification-result")), @"\s+", " ");
        Assert.Contains("data-result=\"problem\"", result, StringComparison.Ordinal);
        Assert.Contains("Not verified:</strong> entry 3 was edited", result, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/audit?after=2\">entry 3 in the log</a>", result, StringComparison.Ordinal);
        Assert.Contains("mallory", Html.Element(page, "entry-3"), StringComparison.Ordinal);
    }
}
