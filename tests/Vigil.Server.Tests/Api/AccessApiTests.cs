using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Vigil.Core.Access;
using Vigil.Core.Storage;
using Vigil.Server.Hosting;
using Vigil.Tests.Parts;

namespace Vigil.Server.Tests.Api;

/// <summary>The UN list, one named key per role, and two users: a server that asks every caller who they are.</summary>
public abstract class AccessVigilApp : UnOnlyVigilApp
{
    public const string Password = "correct horse battery";

    public Dictionary<Role, string> Keys { get; } = [];

    protected override Core.Workflow.FourEyesPolicy FourEyes => Core.Workflow.FourEyesPolicy.Default;

    protected override async Task PrepareAsync(VigilStore store)
    {
        foreach (var role in Enum.GetValues<Role>())
        {
            Keys[role] = (await store.CreateKeyAsync($"{Core.Workflow.WorkflowNames.Name(role)}-key", role, "test:setup", TestContext.Current.CancellationToken)).Key;
        }
        await store.AddUserAsync("ann", Role.Analyst, Password, "test:setup", TestContext.Current.CancellationToken);
        await store.AddUserAsync("rita", Role.Reviewer, Password, "test:setup", TestContext.Current.CancellationToken);
    }
}

public sealed class SqliteAccessVigilApp : AccessVigilApp
{
    protected override StoreKind Kind => StoreKind.Sqlite;
}

[Needs(SystemPart.PostgreSql)]
public sealed class PostgresAccessVigilApp : AccessVigilApp
{
    protected override StoreKind Kind => StoreKind.Postgres;
}

/// <summary>
/// Roles and four eyes over HTTP: each role may do what the role table says and is refused the rest with a 403 naming
/// the role; a decision that needs four eyes waits for a reviewer who is not its proposer; every write names its actor.
/// </summary>
public abstract class AccessApiTests<TApp>(TApp app) where TApp : AccessVigilApp
{
    private readonly HttpClient _client = app.ClientForTest();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<(HttpStatusCode Status, JsonElement Body)> Send(Role? role, HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (role is { } r)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", app.Keys[r]);
        }
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        using var response = await _client.SendAsync(request, Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        return (response.StatusCode, text.Length == 0 || text[0] is not ('{' or '[') ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>A new customer who alerts on Khalimov, put by the service key; returns the alert's id.</summary>
    private async Task<long> NewAlert()
    {
        var reference = "acc-" + Guid.NewGuid().ToString("N")[..8];
        var (status, body) = await Send(Role.Service, HttpMethod.Put, "/subjects/" + reference, """{"names": ["Halimov Gulmurod"], "birthDates": ["1975-05-14"]}""");
        Assert.Equal(HttpStatusCode.Created, status);
        return body.GetProperty("alerts")[0].GetInt64();
    }

    private static string Decision(string outcome) => $$"""{"outcome": "{{outcome}}", "reason": "other", "note": "Name and birth date agree."}""";

    [Fact]
    public async Task A_confirmed_match_waits_for_a_reviewer_other_than_its_proposer_and_every_step_names_its_actor()
    {
        var alert = await NewAlert();

        var (proposedStatus, proposed) = await Send(Role.Analyst, HttpMethod.Post, $"/alerts/{alert}/decision", Decision("true_match"));
        var decision = proposed.GetProperty("id").GetInt64();
        var (analystApproves, refusal) = await Send(Role.Analyst, HttpMethod.Post, $"/decisions/{decision}/approve");
        var (reviewerApproves, approved) = await Send(Role.Reviewer, HttpMethod.Post, $"/decisions/{decision}/approve");
        var (_, closed) = await Send(Role.Viewer, HttpMethod.Get, $"/alerts/{alert}");

        Assert.Equal((HttpStatusCode.Created, "proposed", "analyst-key"),
            (proposedStatus, proposed.GetProperty("state").GetString(), proposed.GetProperty("decidedBy").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, analystApproves);
        Assert.Contains("analyst-key has the role analyst, which may not approve or reject decisions", refusal.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.OK, "in_force", "reviewer-key"), (reviewerApproves, approved.GetProperty("state").GetString(), approved.GetProperty("approvedBy").GetString()));
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        Assert.Equal(["service-key", "analyst-key", "reviewer-key", "reviewer-key"],
            closed.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("actor").GetString()).ToArray());
    }

    [Fact]
    public async Task A_reviewer_cannot_approve_their_own_proposal()
    {
        var alert = await NewAlert();
        var (_, proposed) = await Send(Role.Reviewer, HttpMethod.Post, $"/alerts/{alert}/decision", Decision("true_match"));

        var (status, body) = await Send(Role.Reviewer, HttpMethod.Post, $"/decisions/{proposed.GetProperty("id").GetInt64()}/approve");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("Four eyes", body.GetProperty("title").GetString());
        Assert.Contains("proposed by reviewer-key", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Role.Viewer, "GET", "/alerts", HttpStatusCode.OK)]
    [InlineData(Role.Viewer, "POST", "/alerts/{alert}/decision", HttpStatusCode.Forbidden)]
    [InlineData(Role.Viewer, "PUT", "/subjects/acc-viewer", HttpStatusCode.Forbidden)]
    [InlineData(Role.Service, "POST", "/alerts/{alert}/comments", HttpStatusCode.Forbidden)]
    [InlineData(Role.Service, "GET", "/alerts/{alert}", HttpStatusCode.OK)]
    [InlineData(Role.Admin, "POST", "/alerts/{alert}/decision", HttpStatusCode.Forbidden)]
    [InlineData(Role.Admin, "POST", "/alerts/{alert}/comments", HttpStatusCode.Forbidden)]
    [InlineData(Role.Analyst, "POST", "/alerts/{alert}/comments", HttpStatusCode.Created)]
    [InlineData(Role.Analyst, "POST", "/decisions/1/revoke", HttpStatusCode.Forbidden)]
    [InlineData(null, "GET", "/alerts", HttpStatusCode.Unauthorized)]
    [InlineData(null, "POST", "/match/default", HttpStatusCode.Unauthorized)]
    [InlineData(null, "GET", "/healthz", HttpStatusCode.OK)]
    [InlineData(Role.Analyst, "GET", "/keys", HttpStatusCode.Forbidden)]
    [InlineData(Role.Reviewer, "GET", "/users", HttpStatusCode.Forbidden)]
    [InlineData(Role.Admin, "GET", "/users", HttpStatusCode.OK)]
    public async Task Each_role_may_do_what_the_role_table_says_and_nothing_more(Role? role, string method, string path, HttpStatusCode expected)
    {
        var target = path.Contains("{alert}", StringComparison.Ordinal) ? path.Replace("{alert}", (await NewAlert()).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal) : path;
        var body = method == "GET" ? null
            : target.EndsWith("/decision", StringComparison.Ordinal) ? Decision("false_positive")
            : target.EndsWith("/comments", StringComparison.Ordinal) ? """{"text": "Asked the branch."}"""
            : target.StartsWith("/subjects", StringComparison.Ordinal) ? """{"names": ["Anna Schmidt"]}"""
            : target.EndsWith("/revoke", StringComparison.Ordinal) ? """{"reason": "r"}"""
            : """{"queries": {"q": {"schema": "Person", "properties": {"name": ["Anna Schmidt"]}}}}""";

        var (status, problem) = await Send(role, new HttpMethod(method), target, body);

        Assert.True(expected == status, $"{role} {method} {target}: {status} {problem}");
    }

    [Fact]
    public async Task An_administrator_makes_a_key_that_works_at_once_and_is_never_shown_again()
    {
        var (status, created) = await Send(Role.Admin, HttpMethod.Post, "/keys", """{"name": "nightly-batch", "role": "service"}""");
        var key = created.GetProperty("key").GetString()!;
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/jobs", UriKind.Relative)) { Headers = { Authorization = new("Bearer", key) } };
        using var used = await _client.SendAsync(request, Cancel);
        var (_, listed) = await Send(Role.Admin, HttpMethod.Get, "/keys");

        Assert.Equal((HttpStatusCode.Created, "service"), (status, created.GetProperty("role").GetString()));
        Assert.Equal(HttpStatusCode.OK, used.StatusCode);
        Assert.DoesNotContain(key, listed.GetRawText(), StringComparison.Ordinal);
        Assert.Contains(listed.EnumerateArray(), k => k.GetProperty("name").GetString() == "nightly-batch" && k.GetProperty("createdBy").GetString() == "admin-key");
    }

    [Fact]
    public async Task A_revoked_key_is_refused_at_once()
    {
        var store = VigilStore.Open(app.StoreSpec);
        var key = await store.CreateKeyAsync("short-lived", Role.Viewer, "test", Cancel);
        var request = () => new HttpRequestMessage(HttpMethod.Get, new Uri("/alerts", UriKind.Relative)) { Headers = { Authorization = new("Bearer", key.Key) } };

        using var before = await _client.SendAsync(request(), Cancel);
        await store.RevokeKeyAsync(key.Info.Id, "test", Cancel);
        using var after = await _client.SendAsync(request(), Cancel);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Unauthorized), (before.StatusCode, after.StatusCode));
    }

    [Fact]
    public async Task A_user_signs_in_with_a_password_into_a_session_cookie_that_holds_neither_password_nor_key_and_signing_out_ends_it()
    {
        using var client = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var signIn = new HttpRequestMessage(HttpMethod.Post, new Uri("/login", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent([new("login", "ann"), new("password", AccessVigilApp.Password), new("next", "/lists")]),
            Headers = { { "Sec-Fetch-Site", "same-origin" } },
        };
        using var response = await client.SendAsync(signIn, Cancel);
        var cookie = response.Headers.GetValues("Set-Cookie").Single();
        var pair = cookie.Split(';')[0];

        HttpRequestMessage Get(string path, string accept) => new(HttpMethod.Get, new Uri(path, UriKind.Relative)) { Headers = { { "Cookie", pair }, { "Accept", accept } } };
        using var alerts = await client.SendAsync(Get("/alerts", "application/json"), Cancel);
        using var signOut = new HttpRequestMessage(HttpMethod.Post, new Uri("/logout", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent([]),
            Headers = { { "Cookie", pair }, { "Sec-Fetch-Site", "same-origin" } },
        };
        using var signedOut = await client.SendAsync(signOut, Cancel);
        using var after = await client.SendAsync(Get("/lists", "text/html"), Cancel);

        Assert.Equal((HttpStatusCode.Redirect, "/lists"), (response.StatusCode, response.Headers.Location!.OriginalString));
        Assert.StartsWith(VigilAuthentication.SessionCookie + "=vs_", cookie, StringComparison.Ordinal);
        Assert.DoesNotContain("horse", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("max-age=43200", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, alerts.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/login", after.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_without_saying_whether_the_login_exists()
    {
        using var client = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        async Task<(HttpStatusCode, string, bool)> Try(string login, string password)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/login", UriKind.Relative))
            {
                Content = new FormUrlEncodedContent([new("login", login), new("password", password), new("next", "/")]),
                Headers = { { "Sec-Fetch-Site", "same-origin" } },
            };
            using var response = await client.SendAsync(request, Cancel);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(Cancel), response.Headers.Contains("Set-Cookie"));
        }

        var (wrongStatus, wrongPage, wrongCookie) = await Try("ann", "not the password");
        var (unknownStatus, unknownPage, _) = await Try("nobody", "not the password");

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, false), (wrongStatus, unknownStatus, wrongCookie));
        Assert.Contains("That login and password are not accepted", wrongPage, StringComparison.Ordinal);
        Assert.Contains("That login and password are not accepted", unknownPage, StringComparison.Ordinal);
    }
}

public sealed class SqliteAccessApiTests(SqliteAccessVigilApp app) : AccessApiTests<SqliteAccessVigilApp>(app), IClassFixture<SqliteAccessVigilApp>;

[Needs(SystemPart.PostgreSql)]
public sealed class PostgresAccessApiTests(PostgresAccessVigilApp app) : AccessApiTests<PostgresAccessVigilApp>(app), IClassFixture<PostgresAccessVigilApp>;
